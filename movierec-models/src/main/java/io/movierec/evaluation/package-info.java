/**
 * Offline evaluation: rating metrics (PaddleRec's accuracy and "mae", MAE, RMSE) and recall metrics
 * (HR@K, NDCG@K, coverage, genre agreement) over a prepared data set, with optional dumps of every
 * prediction.
 */
@NullMarked
package io.movierec.evaluation;

import org.jspecify.annotations.NullMarked;
