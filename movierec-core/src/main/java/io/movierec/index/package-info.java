/**
 * The vector index API the recall stage searches: {@link io.movierec.index.VectorIndex} (cosine
 * top-K with exclusions, thread-safe) and its {@link io.movierec.index.Neighbor} results.
 * Implementations live in {@code movierec-index}.
 */
@NullMarked
package io.movierec.index;

import org.jspecify.annotations.NullMarked;
