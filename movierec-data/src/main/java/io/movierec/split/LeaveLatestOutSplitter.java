package io.movierec.split;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Leave-latest-out: each user's latest rating is the test row, the rest is training data.
 *
 * <ul>
 *   <li>The test row of a user is the row with the greatest timestamp; among rows with equal
 *       timestamps, the first in file order is the test row and the later ones stay in train.
 *   <li>A user whose only row would go to test keeps it in train (nobody is left with an empty
 *       history).
 *   <li>With {@link Builder#withValidation(boolean)}, a validation row per user is taken from the
 *       remaining training rows by the same rule.
 *   <li>Training rows are shuffled with a {@link SplittableRandom} seeded by {@link
 *       Builder#withSeed(long)}, so the same seed gives the same order.
 *   <li>{@link Builder#withPaddleRecCompatible(boolean)} reproduces PaddleRec's {@code split.py}
 *       instead: a user's first row in file order always stays in train, the second becomes the
 *       test candidate, and a later row replaces it only if its timestamp is strictly greater.
 * </ul>
 *
 * <pre>{@code
 * SplitResult split = LeaveLatestOutSplitter.newBuilder().withValidation(true).withSeed(7).build()
 *     .split(users, timestamps);
 * }</pre>
 */
public final class LeaveLatestOutSplitter {

  /** The default shuffle seed. */
  public static final long DEFAULT_SEED = 1111111L;

  private final boolean validation;
  private final boolean paddleRecCompatible;
  private final long seed;

  private LeaveLatestOutSplitter(Builder b) {
    this.validation = b.validation;
    this.paddleRecCompatible = b.paddleRecCompatible;
    this.seed = b.seed;
  }

  /** A builder with no validation split, the modern rule and {@link #DEFAULT_SEED}. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Splits a ratings table given as columns in file order.
   *
   * @param userOfRow the user id of each row (ids ≥ 0)
   * @param timeOfRow the timestamp of each row
   */
  public SplitResult split(int[] userOfRow, long[] timeOfRow) {
    checkArgument(
        userOfRow.length == timeOfRow.length,
        "%s users but %s timestamps",
        userOfRow.length,
        timeOfRow.length);
    int n = userOfRow.length;
    boolean[] inTrain = new boolean[n];
    Arrays.fill(inTrain, true);
    int[] test = pick(userOfRow, timeOfRow, inTrain);
    int[] valid = validation ? pick(userOfRow, timeOfRow, inTrain) : new int[0];
    int trainCount = 0;
    for (boolean t : inTrain) {
      trainCount += t ? 1 : 0;
    }
    int[] train = new int[trainCount];
    for (int i = 0, j = 0; i < n; i++) {
      if (inTrain[i]) {
        train[j++] = i;
      }
    }
    shuffle(train, new SplittableRandom(seed));
    return new SplitResult(train, test, valid);
  }

  /** Takes one row per user out of the rows still in train; returns them in row order. */
  private int[] pick(int[] users, long[] times, boolean[] inTrain) {
    int maxUser = 0;
    for (int u : users) {
      checkArgument(u >= 0, "user ids must not be negative, got %s", u);
      maxUser = Math.max(maxUser, u);
    }
    int[] chosen = new int[maxUser + 1];
    int[] rowsLeft = new int[maxUser + 1];
    Arrays.fill(chosen, -1);
    for (int i = 0; i < users.length; i++) {
      if (!inTrain[i]) {
        continue;
      }
      int u = users[i];
      rowsLeft[u]++;
      int c = chosen[u];
      if (paddleRecCompatible) {
        // split.py: the first row stays in train, the second is the candidate, and a later row
        // replaces the candidate only with a strictly greater time.
        if (rowsLeft[u] == 2 || (rowsLeft[u] > 2 && times[i] > times[c])) {
          chosen[u] = i;
        }
      } else if (c < 0 || times[i] > times[c]) {
        chosen[u] = i;
      }
    }
    int count = 0;
    for (int u = 0; u <= maxUser; u++) {
      if (chosen[u] >= 0 && rowsLeft[u] >= 2) {
        count++;
      }
    }
    int[] picked = new int[count];
    int j = 0;
    for (int u = 0; u <= maxUser; u++) {
      if (chosen[u] >= 0 && rowsLeft[u] >= 2) {
        picked[j++] = chosen[u];
        inTrain[chosen[u]] = false;
      }
    }
    Arrays.sort(picked);
    return picked;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Settings of a {@link LeaveLatestOutSplitter}. */
  public static final class Builder {
    private boolean validation;
    private boolean paddleRecCompatible;
    private long seed = DEFAULT_SEED;

    private Builder() {}

    /** Also take a validation row per user from the training rows (default false). */
    public Builder withValidation(boolean validation) {
      this.validation = validation;
      return this;
    }

    /** Reproduce PaddleRec's split.py exactly (default false). */
    public Builder withPaddleRecCompatible(boolean paddleRecCompatible) {
      this.paddleRecCompatible = paddleRecCompatible;
      return this;
    }

    /** The seed of the training-order shuffle (default {@link #DEFAULT_SEED}). */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The splitter. */
    public LeaveLatestOutSplitter build() {
      return new LeaveLatestOutSplitter(this);
    }
  }
}
