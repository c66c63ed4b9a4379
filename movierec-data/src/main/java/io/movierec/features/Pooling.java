package io.movierec.features;

/**
 * How the embeddings of a multi-id slot are combined into one. PaddleRec sums; a mean suits slots
 * whose number of ids varies a lot, such as a user's history. Padding ids never count.
 */
public enum Pooling {
  /** The sum of the ids' embeddings (PaddleRec's {@code paddle.sum}). */
  SUM,
  /** The sum divided by the number of non-padding ids. */
  MEAN
}
