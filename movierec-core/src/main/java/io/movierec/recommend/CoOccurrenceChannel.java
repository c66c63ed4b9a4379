package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.UserContext;
import io.movierec.io.CorruptFileException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Item-to-item recall: the movies most often rated close to the user's recent ones. Built from the
 * users' histories: two movies co-occur when one user rated them at most {@code window} ratings
 * apart; their similarity is the count normalised like item-based collaborative filtering, {@code
 * count(a, b) / sqrt(ratings(a) × ratings(b))}, and each movie keeps its {@code neighbours} most
 * similar ones. A request scores a movie by the similarities to the user's {@code recent} latest
 * movies, the {@code i}-th latest weighted {@code decay^i}. A new user (no history) gets nothing
 * from this channel.
 *
 * <p>Stored compactly (for ml-1m with 100 neighbours, about 3 MB): the movie ids, and per movie an
 * offset into one array of neighbour indices and one of weights.
 */
public final class CoOccurrenceChannel implements RecallChannel {

  /** The channel's name. */
  public static final String NAME = "co-occurrence";

  private static final int MAX_MOVIES = 10_000_000;
  private static final int MAX_ENTRIES = 1 << 28;

  private final int window;
  private final int recent;
  private final float decay;
  private final int[] movieIds;
  private final int[] offsets;
  private final int[] neighbours;
  private final float[] weights;
  private final float[] recencyWeights;
  private final ThreadLocal<Scratch> scratch;

  private CoOccurrenceChannel(
      int window,
      int recent,
      float decay,
      int[] movieIds,
      int[] offsets,
      int[] neighbours,
      float[] weights) {
    this.window = window;
    this.recent = recent;
    this.decay = decay;
    this.movieIds = movieIds;
    this.offsets = offsets;
    this.neighbours = neighbours;
    this.weights = weights;
    this.recencyWeights = new float[recent];
    for (int i = 0; i < recent; i++) {
      recencyWeights[i] = (float) Math.pow(decay, i);
    }
    int maxTouched = 0;
    for (int d = 0; d < movieIds.length; d++) {
      maxTouched = Math.max(maxTouched, offsets[d + 1] - offsets[d]);
    }
    int keys = Math.min(movieIds.length, maxTouched * recent);
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(movieIds.length, keys));
  }

  /** Per-thread buffers, reused by every request of the thread. */
  private static final class Scratch {
    final float[] sum;
    final int[] touched;
    final long[] keys;

    Scratch(int movies, int keys) {
      sum = new float[movies];
      touched = new int[keys];
      this.keys = new long[keys];
    }
  }

  /**
   * A builder with the default settings (window 10, 100 neighbours, 10 recent movies, decay 0.8;
   * chosen on the ml-100k validation split).
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void recall(Request request, Sink sink) {
    UserContext user = request.user();
    int n = Math.min(recent, user.historyLength());
    if (n == 0 || movieIds.length == 0) {
      return;
    }
    Scratch s = scratch.get();
    int touched = 0;
    for (int r = 0; r < n; r++) {
      int d = Arrays.binarySearch(movieIds, user.historyAt(r));
      if (d < 0) {
        continue;
      }
      float w = recencyWeights[r];
      for (int e = offsets[d]; e < offsets[d + 1]; e++) {
        int j = neighbours[e];
        if (s.sum[j] == 0) {
          s.touched[touched++] = j;
        }
        s.sum[j] += w * weights[e];
      }
    }
    // The best request.wanted() not excluded, in a bounded heap: no sort of every touched movie.
    int cap = Math.min(s.keys.length, request.wanted());
    if (cap == 0) {
      for (int t = 0; t < touched; t++) {
        s.sum[s.touched[t]] = 0;
      }
      return;
    }
    int keys = 0;
    for (int t = 0; t < touched; t++) {
      int j = s.touched[t];
      // Scores are positive, so their bits order as the scores do; ties go to the lower id.
      long key = ((long) Float.floatToIntBits(s.sum[j]) << 32) | (Integer.MAX_VALUE - j);
      s.sum[j] = 0;
      if ((keys < cap || key > s.keys[0]) && !request.excluded(movieIds[j])) {
        keys = TopKeys.offer(s.keys, keys, cap, key);
      }
    }
    Arrays.sort(s.keys, 0, keys);
    for (int i = keys - 1; i >= 0; i--) {
      int j = Integer.MAX_VALUE - (int) s.keys[i];
      if (!sink.offer(movieIds[j], Float.intBitsToFloat((int) (s.keys[i] >>> 32)))) {
        return;
      }
    }
  }

  /** The ratings apart within which two movies co-occur. */
  public int window() {
    return window;
  }

  /** How many of the user's latest movies a request looks from. */
  public int recent() {
    return recent;
  }

  /** The weight of the {@code i}-th latest movie is {@code decay^i}. */
  public float decay() {
    return decay;
  }

  /** The number of movies with neighbours. */
  public int movies() {
    return movieIds.length;
  }

  /** The number of stored (movie, neighbour) pairs. */
  public int entries() {
    return neighbours.length;
  }

  /**
   * The neighbours of a movie, most similar first (empty when it has none), for tests and tools.
   */
  public int[] neighboursOf(int movieId) {
    int d = Arrays.binarySearch(movieIds, movieId);
    if (d < 0) {
      return new int[0];
    }
    int[] out = new int[offsets[d + 1] - offsets[d]];
    for (int e = offsets[d]; e < offsets[d + 1]; e++) {
      out[e - offsets[d]] = movieIds[neighbours[e]];
    }
    return out;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(window);
    out.writeInt(recent);
    out.writeFloat(decay);
    out.writeInt(movieIds.length);
    out.writeInt(neighbours.length);
    for (int id : movieIds) {
      out.writeInt(id);
    }
    for (int o : offsets) {
      out.writeInt(o);
    }
    for (int j : neighbours) {
      out.writeInt(j);
    }
    for (float w : weights) {
      out.writeFloat(w);
    }
  }

  /** Reads what {@link #write} wrote, checking every length and index before using it. */
  static CoOccurrenceChannel read(DataInputStream in, Path file) throws IOException {
    int window = in.readInt();
    int recent = in.readInt();
    float decay = in.readFloat();
    if (window < 1 || recent < 1 || recent > 10_000 || !(decay > 0 && decay <= 1)) {
      throw new CorruptFileException(
          file,
          "co-occurrence settings out of range: window "
              + window
              + ", recent "
              + recent
              + ", decay "
              + decay);
    }
    int movies = in.readInt();
    int entries = in.readInt();
    if (movies < 0 || movies > MAX_MOVIES || entries < 0 || entries > MAX_ENTRIES) {
      throw new CorruptFileException(
          file, "co-occurrence sizes out of range: " + movies + " movies, " + entries + " entries");
    }
    int[] ids = new int[movies];
    for (int i = 0; i < movies; i++) {
      ids[i] = in.readInt();
      if (ids[i] < 1 || (i > 0 && ids[i] <= ids[i - 1])) {
        throw new CorruptFileException(
            file, "co-occurrence movie id " + ids[i] + " at " + i + " is not ascending");
      }
    }
    int[] offsets = new int[movies + 1];
    for (int i = 0; i <= movies; i++) {
      offsets[i] = in.readInt();
      if ((i == 0 && offsets[i] != 0)
          || (i > 0 && offsets[i] < offsets[i - 1])
          || offsets[i] > entries) {
        throw new CorruptFileException(file, "co-occurrence offset " + i + " is " + offsets[i]);
      }
    }
    if (offsets[movies] != entries) {
      throw new CorruptFileException(
          file, "co-occurrence offsets end at " + offsets[movies] + ", not " + entries);
    }
    int[] neighbours = new int[entries];
    for (int e = 0; e < entries; e++) {
      neighbours[e] = in.readInt();
      if (neighbours[e] < 0 || neighbours[e] >= movies) {
        throw new CorruptFileException(
            file, "co-occurrence neighbour " + e + " is " + neighbours[e] + " of " + movies);
      }
    }
    float[] weights = new float[entries];
    for (int e = 0; e < entries; e++) {
      weights[e] = in.readFloat();
      if (!(weights[e] > 0) || Float.isInfinite(weights[e])) {
        throw new CorruptFileException(file, "co-occurrence weight " + e + " is " + weights[e]);
      }
    }
    return new CoOccurrenceChannel(window, recent, decay, ids, offsets, neighbours, weights);
  }

  /** Settings of a {@link CoOccurrenceChannel}. */
  public static final class Builder {
    private int window = 10;
    private int neighbours = 100;
    private int recent = 10;
    private float decay = 0.8f;

    private Builder() {}

    /** Two movies co-occur when a user rated them at most this many ratings apart (default 10). */
    public Builder withWindow(int window) {
      checkArgument(window >= 1 && window <= 1000, "window must be in 1..1000, got %s", window);
      this.window = window;
      return this;
    }

    /** The most similar movies kept for each movie (default 100). */
    public Builder withNeighbours(int neighbours) {
      checkArgument(
          neighbours >= 1 && neighbours <= 10_000,
          "neighbours must be in 1..10000, got %s",
          neighbours);
      this.neighbours = neighbours;
      return this;
    }

    /** How many of the user's latest movies a request looks from (default 10). */
    public Builder withRecent(int recent) {
      checkArgument(recent >= 1 && recent <= 10_000, "recent must be in 1..10000, got %s", recent);
      this.recent = recent;
      return this;
    }

    /**
     * The weight of the {@code i}-th latest movie is {@code decay^i} (default 0.8; {@code 0 < decay
     * <= 1}).
     */
    public Builder withDecay(float decay) {
      checkArgument(decay > 0 && decay <= 1, "decay must be in (0, 1], got %s", decay);
      this.decay = decay;
      return this;
    }

    /** Counts co-occurrences in the histories of {@code users}, as they are now. */
    public CoOccurrenceChannel build(UserStoreView users) {
      int[] userIds = users.ids();
      int[][] histories = new int[userIds.length][];
      for (int u = 0; u < userIds.length; u++) {
        histories[u] = users.context(userIds[u]).map(UserContext::history).orElse(new int[0]);
      }
      int[] ids =
          Arrays.stream(histories).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
      int n = ids.length;
      // Each history as dense indices, and for each movie where it occurs: (user, position).
      int[] count = new int[n];
      for (int[] h : histories) {
        for (int p = 0; p < h.length; p++) {
          h[p] = Arrays.binarySearch(ids, h[p]);
          count[h[p]]++;
        }
      }
      int[] occStart = new int[n + 1];
      for (int d = 0; d < n; d++) {
        occStart[d + 1] = occStart[d] + count[d];
      }
      int[] fill = Arrays.copyOf(occStart, n);
      int[] occUser = new int[occStart[n]];
      int[] occPos = new int[occStart[n]];
      for (int u = 0; u < histories.length; u++) {
        for (int p = 0; p < histories[u].length; p++) {
          int d = histories[u][p];
          occUser[fill[d]] = u;
          occPos[fill[d]++] = p;
        }
      }
      float[] together = new float[n];
      int[] touched = new int[n];
      long[] keys = new long[n];
      int[] offsets = new int[n + 1];
      int[] outNeighbours = new int[Math.toIntExact(Math.min((long) n * neighbours, MAX_ENTRIES))];
      float[] outWeights = new float[outNeighbours.length];
      int entries = 0;
      for (int d = 0; d < n; d++) {
        int t = 0;
        for (int o = occStart[d]; o < occStart[d + 1]; o++) {
          int[] h = histories[occUser[o]];
          int p = occPos[o];
          for (int q = Math.max(0, p - window); q <= Math.min(h.length - 1, p + window); q++) {
            int b = h[q];
            if (b == d) {
              continue;
            }
            if (together[b] == 0) {
              touched[t++] = b;
            }
            together[b]++;
          }
        }
        for (int i = 0; i < t; i++) {
          int b = touched[i];
          float sim = (float) (together[b] / Math.sqrt((double) count[d] * count[b]));
          keys[i] = ((long) Float.floatToIntBits(sim) << 32) | (Integer.MAX_VALUE - b);
          together[b] = 0;
        }
        Arrays.sort(keys, 0, t);
        for (int i = t - 1;
            i >= Math.max(0, t - neighbours) && entries < outNeighbours.length;
            i--) {
          outNeighbours[entries] = Integer.MAX_VALUE - (int) keys[i];
          outWeights[entries++] = Float.intBitsToFloat((int) (keys[i] >>> 32));
        }
        offsets[d + 1] = entries;
      }
      return new CoOccurrenceChannel(
          window,
          recent,
          decay,
          ids,
          offsets,
          Arrays.copyOf(outNeighbours, entries),
          Arrays.copyOf(outWeights, entries));
    }
  }
}
