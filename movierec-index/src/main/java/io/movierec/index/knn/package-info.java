/**
 * Vector indexes: exact search (brute force, exact top-K) and HNSW (approximate, on jelmerk
 * hnswlib), both cosine, both saved in versioned checksummed files, loaded by kind through {@link
 * io.movierec.index.knn.KnnComponentLoader}.
 */
@NullMarked
package io.movierec.index.knn;

import org.jspecify.annotations.NullMarked;
