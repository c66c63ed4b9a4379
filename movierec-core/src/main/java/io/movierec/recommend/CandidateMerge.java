package io.movierec.recommend;

import io.movierec.domain.Movie;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The candidates of one request, merged from the channels without duplicates: each movie once, with
 * the channels that found it (a bit each) and its reciprocal-rank-fusion score. One per thread,
 * reused from request to request, so a request allocates nothing here once the arrays have grown to
 * their working size. Not thread-safe.
 */
final class CandidateMerge implements RecallChannel.Sink {

  /**
   * The constant of reciprocal-rank fusion: a channel's {@code r}-th movie adds {@code w/(K+r)}.
   */
  static final int FUSION_K = 60;

  int size;
  int[] ids = new int[256];
  Movie[] movies = new Movie[256];
  float[] fused = new float[256];
  int[] masks = new int[256];
  float[] order = new float[256];
  long[] keys = new long[256];

  /** Scratch for {@link #places}: each slot's place, from 1, in the recall and the watch order. */
  int[] recallPlaces = new int[256];

  int[] watchPlaces = new int[256];

  /** Each slot's combined score ({@link Ordering#COMBINED}), when the request has watch scores. */
  float[] combined = new float[256];

  /** Where each slot's movie sits in {@link #table}, to clear it without probing. */
  private int[] positions = new int[256];

  /** Open addressing from movie id to slot + 1 (0: empty), cleared through {@link #used}. */
  private int[] table = new int[512];

  private MovieStore store;
  private IntPredicate excluded;
  private int bit;
  private float weight;
  private int quota;
  private int added;
  private int rank;

  /** Empties the merge for a new request. */
  void reset(MovieStore store, IntPredicate excluded) {
    for (int i = 0; i < size; i++) {
      table[positions[i]] = 0;
      movies[i] = null;
    }
    size = 0;
    this.store = store;
    this.excluded = excluded;
  }

  /** Starts taking up to {@code quota} new movies from channel number {@code channel}. */
  void begin(int channel, float weight, int quota) {
    this.bit = 1 << channel;
    this.weight = weight;
    this.quota = quota;
    this.added = 0;
    this.rank = 0;
  }

  /** The new movies the current channel added. */
  int added() {
    return added;
  }

  @Override
  public boolean offer(int movieId, float score) {
    if (added >= quota) {
      return false;
    }
    if (excluded.test(movieId)) {
      return true; // a channel that ignores the exclusions cannot leak a seen or filtered movie
    }
    rank++;
    float contribution = weight / (FUSION_K + rank);
    int p = probe(movieId);
    int slot = table[p] - 1;
    if (slot >= 0) {
      masks[slot] |= bit;
      fused[slot] += contribution;
      return true;
    }
    Movie m = store.find(movieId);
    if (m == null) {
      return true; // removed from the catalogue since the channel was built
    }
    if (size == ids.length) {
      grow();
      p = probe(movieId);
    }
    ids[size] = movieId;
    movies[size] = m;
    fused[size] = contribution;
    masks[size] = bit;
    positions[size] = p;
    table[p] = ++size;
    added++;
    return added < quota;
  }

  /** The table position of {@code movieId}: where it is, or the empty one where it would go. */
  private int probe(int movieId) {
    int mask = table.length - 1;
    int p = (movieId * 0x9E3779B9) >>> 7 & mask;
    while (table[p] != 0 && ids[table[p] - 1] != movieId) {
      p = (p + 1) & mask;
    }
    return p;
  }

  private void grow() {
    int n = ids.length * 2;
    ids = Arrays.copyOf(ids, n);
    movies = Arrays.copyOf(movies, n);
    fused = Arrays.copyOf(fused, n);
    masks = Arrays.copyOf(masks, n);
    order = new float[n];
    keys = new long[n];
    recallPlaces = new int[n];
    watchPlaces = new int[n];
    combined = new float[n];
    positions = new int[n];
    table = new int[n * 2];
    for (int i = 0; i < size; i++) {
      positions[i] = probe(ids[i]);
      table[positions[i]] = i + 1;
    }
  }

  /**
   * Each slot's place, from 1, when the slots are sorted by {@code values} as {@link #sortByOrder}
   * sorts them (best first, NaN last, ties in merge order), into {@code places}. Uses {@link
   * #order} and {@link #keys}.
   */
  void places(float[] values, int[] places) {
    System.arraycopy(values, 0, order, 0, size);
    sortByOrder();
    for (int p = 0; p < size; p++) {
      places[(int) keys[p]] = p + 1;
    }
  }

  /**
   * Sorts the slots by {@code order[slot]} (best first; NaN last), ties in merge order, into {@link
   * #keys}: slot {@code (int) keys[i]} is the {@code i}-th best.
   */
  void sortByOrder() {
    for (int i = 0; i < size; i++) {
      float f = order[i];
      int bits = Float.floatToIntBits(f + 0.0f);
      int sortable = bits < 0 ? bits ^ 0x7fffffff : bits; // orders as the floats do
      if (Float.isNaN(f)) {
        sortable = Integer.MIN_VALUE;
      }
      keys[i] = ((long) ~sortable << 32) | i;
    }
    Arrays.sort(keys, 0, size);
  }
}
