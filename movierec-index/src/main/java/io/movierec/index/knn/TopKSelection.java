package io.movierec.index.knn;

import io.movierec.index.Neighbor;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Picks the k best of a few thousand scored rows without a per-candidate heap. A bounded heap
 * mispredicts a branch at almost every level of every insertion (about 15 µs for top-100 of 3,883),
 * so instead:
 *
 * <ol>
 *   <li>count the scores into a histogram of {@value #BUCKETS} buckets over [-1, 1] (cosines);
 *   <li>walk down from the top bucket until the buckets passed hold at least k rows: every row in
 *       them scores higher than every row below them, so the top k lie among them;
 *   <li>collect those rows (asking {@code exclude} only about them), packed into sortable longs,
 *       and sort those few;
 *   <li>if exclusions left fewer than k, go down to further buckets for the missing ones.
 * </ol>
 *
 * Ranking: higher score first, the lower id first on equal scores.
 */
final class TopKSelection {

  private static final int BUCKETS = 1024;

  private TopKSelection() {}

  /**
   * The best {@code k} rows by {@code scores} whose id ({@code ids[row]}) is not excluded, best
   * first.
   */
  static Neighbor[] select(float[] scores, int[] ids, int k, IntPredicate exclude) {
    int n = scores.length;
    int[] counts = new int[BUCKETS];
    for (float score : scores) {
      counts[bucket(score)]++;
    }
    long[] kept = new long[Math.min(n, k + 64)];
    int size = 0;
    int upper = BUCKETS; // rows of buckets [upper, BUCKETS) have been collected
    while (size < k && upper > 0) {
      int lower = upper;
      for (int available = 0; lower > 0 && available < k - size; ) {
        available += counts[--lower];
      }
      for (int row = 0; row < n; row++) {
        int b = bucket(scores[row]);
        if (b >= lower && b < upper && !exclude.test(ids[row])) {
          if (size == kept.length) {
            kept = Arrays.copyOf(kept, Math.min(n, 2 * size));
          }
          kept[size++] = pack(scores[row], ids[row]);
        }
      }
      upper = lower;
    }
    Arrays.sort(kept, 0, size);
    Neighbor[] best = new Neighbor[Math.min(k, size)];
    for (int i = 0; i < best.length; i++) {
      long key = kept[size - 1 - i];
      best[i] = new Neighbor(idOf(key), scoreOf(key));
    }
    return best;
  }

  /** The histogram bucket of a score; monotone, so a higher bucket means a higher score. */
  private static int bucket(float score) {
    int b = (int) ((score + 1f) * (BUCKETS / 2));
    return Math.max(0, Math.min(BUCKETS - 1, b));
  }

  /**
   * Packs (score, id) into a long whose natural order is the ranking: the score's bits, made to
   * sort as signed ints in the order of the floats, in the high half; the id, flipped so that lower
   * ids sort higher, in the low half.
   */
  static long pack(float score, int id) {
    int bits = Float.floatToIntBits(score);
    int sortable = bits ^ ((bits >> 31) & Integer.MAX_VALUE);
    return ((long) sortable << 32) | ((id ^ Integer.MAX_VALUE) & 0xFFFF_FFFFL);
  }

  static float scoreOf(long key) {
    int sortable = (int) (key >> 32);
    return Float.intBitsToFloat(sortable ^ ((sortable >> 31) & Integer.MAX_VALUE));
  }

  static int idOf(long key) {
    return (int) key ^ Integer.MAX_VALUE;
  }
}
