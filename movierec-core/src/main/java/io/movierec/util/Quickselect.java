package io.movierec.util;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Quickselect: reorders an array so that its {@code n} largest values come last, in expected linear
 * time and without allocating a copy. One partition routine serves every element type; each
 * overload only says how to compare and swap two of its elements.
 *
 * <p>The routine is deterministic: the same array always ends in the same order, which callers that
 * draw random numbers from the result (such as the synthetic data generator) rely on. It is Hoare's
 * partition around the median of the first, middle and last element of the range.
 */
public final class Quickselect {

  private Quickselect() {}

  /**
   * Reorders {@code keys} so that its last {@code n} entries are its {@code n} largest, in no
   * particular order.
   *
   * @throws IllegalArgumentException if {@code n} is negative or exceeds the length
   */
  public static void selectLargest(long[] keys, int n) {
    checkArgument(n >= 0 && n <= keys.length, "n must be in 0..%s, got %s", keys.length, n);
    select(keys.length, keys.length - n, new LongOrder(keys));
  }

  /**
   * The {@code k}-th largest value (k from 1) of {@code values}, which it reorders so that the last
   * {@code k} entries are the {@code k} largest. Values compare as {@code <} does, so -0.0 and 0.0
   * are equal.
   *
   * @throws IllegalArgumentException if {@code k} is not in 1..length
   */
  public static double kthLargest(double[] values, int k) {
    checkArgument(k >= 1 && k <= values.length, "k must be in 1..%s, got %s", values.length, k);
    int target = values.length - k;
    select(values.length, target, new DoubleOrder(values));
    return values[target];
  }

  /**
   * Compares and swaps the elements of one array by index, and holds the value of the current
   * pivot, so that the partition loop compares against a value rather than re-reading an element.
   */
  private interface IndexedOrder {

    /** Whether element {@code i} is smaller than element {@code j}. */
    boolean less(int i, int j);

    /** Takes the value of element {@code i} as the pivot. */
    void pivot(int i);

    /** Whether element {@code i} is smaller than the pivot. */
    boolean belowPivot(int i);

    /** Whether element {@code i} is larger than the pivot. */
    boolean abovePivot(int i);

    void swap(int i, int j);
  }

  /**
   * Reorders the {@code size} elements so that the one at {@code target} is where an ascending sort
   * would put it, everything before it no larger and everything after it no smaller.
   */
  private static void select(int size, int target, IndexedOrder order) {
    int lo = 0;
    int hi = size - 1;
    while (lo < hi) {
      order.pivot(medianOfThree(order, lo, (lo + hi) >>> 1, hi));
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (order.belowPivot(i)) {
          i++;
        }
        while (order.abovePivot(j)) {
          j--;
        }
        if (i <= j) {
          order.swap(i, j);
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }

  /** The index of the median of elements {@code a}, {@code b} and {@code c}. */
  private static int medianOfThree(IndexedOrder order, int a, int b, int c) {
    int smaller = order.less(b, a) ? b : a;
    int larger = smaller == b ? a : b;
    int upper = order.less(c, larger) ? c : larger;
    return order.less(smaller, upper) ? upper : smaller;
  }

  private static final class LongOrder implements IndexedOrder {
    private final long[] a;
    private long pivot;

    LongOrder(long[] a) {
      this.a = a;
    }

    @Override
    public boolean less(int i, int j) {
      return a[i] < a[j];
    }

    @Override
    public void pivot(int i) {
      pivot = a[i];
    }

    @Override
    public boolean belowPivot(int i) {
      return a[i] < pivot;
    }

    @Override
    public boolean abovePivot(int i) {
      return a[i] > pivot;
    }

    @Override
    public void swap(int i, int j) {
      long t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static final class DoubleOrder implements IndexedOrder {
    private final double[] a;
    private double pivot;

    DoubleOrder(double[] a) {
      this.a = a;
    }

    @Override
    public boolean less(int i, int j) {
      return a[i] < a[j];
    }

    @Override
    public void pivot(int i) {
      pivot = a[i];
    }

    @Override
    public boolean belowPivot(int i) {
      return a[i] < pivot;
    }

    @Override
    public boolean abovePivot(int i) {
      return a[i] > pivot;
    }

    @Override
    public void swap(int i, int j) {
      double t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
