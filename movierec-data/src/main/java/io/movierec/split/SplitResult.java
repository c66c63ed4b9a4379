package io.movierec.split;

/**
 * Which rows of a ratings table went where. Each array holds row indices into the table the split
 * was computed from (0-based, file order).
 *
 * @param train the training rows, in a shuffled order fixed by the split's seed
 * @param test one row per user (the user's latest), in row order
 * @param validation one row per user taken from the training rows the same way, in row order; empty
 *     unless asked for
 */
public record SplitResult(int[] train, int[] test, int[] validation) {

  /** The number of rows in all three parts. */
  public int rowCount() {
    return train.length + test.length + validation.length;
  }
}
