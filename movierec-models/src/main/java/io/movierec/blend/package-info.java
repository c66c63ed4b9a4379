/**
 * The rating blend: the ranker's predicted rating weighed with bias, recency and item-neighbour
 * features by a few least-squares weights fitted on the validation split, and the ranking model
 * that serves it.
 */
@NullMarked
package io.movierec.blend;

import org.jspecify.annotations.NullMarked;
