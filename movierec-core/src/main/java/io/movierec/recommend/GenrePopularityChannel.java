package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.io.CorruptFileException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Popular movies in the user's genres, and for a new user, popular among users like them.
 *
 * <p>Built from the users' histories: how often each movie was rated, by everyone and within each
 * demographic group (each gender × age bucket, each occupation), counting each user's {@code
 * latest} most recent ratings (all of them when 0). A movie's popularity for a user is its share
 * (count ÷ the group's total) among everyone plus {@code demographicWeight} × its shares in the
 * user's gender × age group and in the user's occupation (everyone alone for a user without
 * demographics). For a user with a history, that is multiplied by the user's affinity to the
 * movie's genres: the sum over its genres of the fraction of the user's {@code historyGenres}
 * latest movies in that genre. A new user, known only by demographics, gets the movies most popular
 * among users like them.
 */
public final class GenrePopularityChannel implements RecallChannel {

  /** The channel's name. */
  public static final String NAME = "genre-popular";

  private static final int MAX_MOVIES = 10_000_000;
  private static final int GENDERS = Gender.values().length;
  private static final int AGES = AgeBucket.values().length;
  private static final int OCCUPATIONS = Occupation.values().length;
  private static final int GENRES = Genre.values().length;

  /** Groups: everyone, then each gender × age bucket, then each occupation. */
  private static final int GROUPS = 1 + GENDERS * AGES + OCCUPATIONS;

  private final int latest;
  private final int historyGenres;
  private final float demographicWeight;
  private final int[] movieIds;
  private final int[] genreMasks;

  /** Per group, each movie's share of the group's counted ratings: {@code [group * n + movie]}. */
  private final float[] shares;

  private final ThreadLocal<Scratch> scratch;

  private GenrePopularityChannel(
      int latest,
      int historyGenres,
      float demographicWeight,
      int[] movieIds,
      int[] genreMasks,
      float[] shares) {
    this.latest = latest;
    this.historyGenres = historyGenres;
    this.demographicWeight = demographicWeight;
    this.movieIds = movieIds;
    this.genreMasks = genreMasks;
    this.shares = shares;
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(movieIds.length));
  }

  private static final class Scratch {
    final long[] heap;
    final float[] affinity = new float[GENRES];

    Scratch(int movies) {
      heap = new long[movies];
    }
  }

  /**
   * A builder with the default settings (each user's 50 latest ratings counted, affinity from the
   * 50 latest movies; chosen on the ml-100k validation split).
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
    int n = movieIds.length;
    if (n == 0) {
      return;
    }
    UserContext user = request.user();
    Scratch s = scratch.get();
    boolean byGenre = genreAffinity(user, s.affinity);
    UserProfile p = user.profile();
    int all = 0;
    int byAge = p == null ? -1 : n * (1 + p.gender().ordinal() * AGES + p.age().ordinal());
    int byJob = p == null ? -1 : n * (1 + GENDERS * AGES + p.occupation().ordinal());
    int cap = Math.min(n, request.wanted());
    int size = 0;
    long[] heap = s.heap;
    for (int j = 0; j < n; j++) {
      float score = shares[all + j];
      if (p != null) {
        score += demographicWeight * (shares[byAge + j] + shares[byJob + j]);
      }
      if (byGenre) {
        float a = 0;
        for (int m = genreMasks[j]; m != 0; m &= m - 1) {
          a += s.affinity[Integer.numberOfTrailingZeros(m)];
        }
        score *= a;
      }
      if (!(score > 0)) {
        continue;
      }
      long key = ((long) Float.floatToIntBits(score) << 32) | (Integer.MAX_VALUE - j);
      if (size == cap && key <= heap[0]) {
        continue;
      }
      if (request.excluded(movieIds[j])) {
        continue;
      }
      size = TopKeys.offer(heap, size, cap, key);
    }
    Arrays.sort(heap, 0, size);
    for (int i = size - 1; i >= 0; i--) {
      int j = Integer.MAX_VALUE - (int) heap[i];
      if (!sink.offer(movieIds[j], Float.intBitsToFloat((int) (heap[i] >>> 32)))) {
        return;
      }
    }
  }

  /** Fills the fraction of the user's latest movies in each genre; false for no history. */
  private boolean genreAffinity(UserContext user, float[] affinity) {
    int h = Math.min(historyGenres, user.historyLength());
    if (h == 0) {
      return false;
    }
    Arrays.fill(affinity, 0);
    int counted = 0;
    for (int i = 0; i < h; i++) {
      int d = Arrays.binarySearch(movieIds, user.historyAt(i));
      if (d < 0) {
        continue;
      }
      counted++;
      for (int m = genreMasks[d]; m != 0; m &= m - 1) {
        affinity[Integer.numberOfTrailingZeros(m)]++;
      }
    }
    if (counted == 0) {
      return false;
    }
    for (int g = 0; g < GENRES; g++) {
      affinity[g] /= counted;
    }
    return true;
  }

  /** Each user's latest ratings counted (0: all). */
  public int latest() {
    return latest;
  }

  /** The user's latest movies the genre affinity is taken from. */
  public int historyGenres() {
    return historyGenres;
  }

  /** The number of movies the channel knows. */
  public int movies() {
    return movieIds.length;
  }

  /** The weight of the user's demographic groups against everyone. */
  public float demographicWeight() {
    return demographicWeight;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(latest);
    out.writeInt(historyGenres);
    out.writeFloat(demographicWeight);
    out.writeInt(movieIds.length);
    out.writeInt(GROUPS);
    for (int i = 0; i < movieIds.length; i++) {
      out.writeInt(movieIds[i]);
      out.writeInt(genreMasks[i]);
    }
    for (float f : shares) {
      out.writeFloat(f);
    }
  }

  /** Reads what {@link #write} wrote, checking every length and value before using it. */
  static GenrePopularityChannel read(DataInputStream in, Path file) throws IOException {
    int latest = in.readInt();
    int historyGenres = in.readInt();
    float demographicWeight = in.readFloat();
    if (!(demographicWeight >= 0 && demographicWeight <= 1000)) {
      throw new CorruptFileException(
          file, "genre-popularity demographic weight " + demographicWeight);
    }
    int n = in.readInt();
    int groups = in.readInt();
    if (latest < 0 || historyGenres < 1 || n < 0 || n > MAX_MOVIES || groups != GROUPS) {
      throw new CorruptFileException(
          file,
          "genre-popularity header out of range: latest "
              + latest
              + ", historyGenres "
              + historyGenres
              + ", "
              + n
              + " movies, "
              + groups
              + " groups (expected "
              + GROUPS
              + ")");
    }
    int[] ids = new int[n];
    int[] masks = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = in.readInt();
      masks[i] = in.readInt();
      if (ids[i] < 1 || (i > 0 && ids[i] <= ids[i - 1]) || (masks[i] >>> GENRES) != 0) {
        throw new CorruptFileException(
            file, "genre-popularity movie " + i + ": id " + ids[i] + ", genres " + masks[i]);
      }
    }
    float[] shares = new float[Math.multiplyExact(n, GROUPS)];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = in.readFloat();
      if (!(shares[i] >= 0 && shares[i] <= 1)) {
        throw new CorruptFileException(file, "genre-popularity share " + i + " is " + shares[i]);
      }
    }
    return new GenrePopularityChannel(latest, historyGenres, demographicWeight, ids, masks, shares);
  }

  /** Settings of a {@link GenrePopularityChannel}. */
  public static final class Builder {
    private int latest = 50;
    private int historyGenres = 50;
    private float demographicWeight = 1;

    private Builder() {}

    /** Counts only each user's {@code latest} most recent ratings (default 50; 0: all of them). */
    public Builder withLatest(int latest) {
      checkArgument(latest >= 0, "latest must not be negative, got %s", latest);
      this.latest = latest;
      return this;
    }

    /** Takes a user's genre affinity from their latest {@code movies} movies (default 50). */
    public Builder withHistoryGenres(int movies) {
      checkArgument(movies >= 1, "historyGenres must be at least 1, got %s", movies);
      this.historyGenres = movies;
      return this;
    }

    /**
     * The weight of a movie's shares in the user's gender × age group and occupation, against its
     * share among everyone (default 1; 0: everyone only).
     */
    public Builder withDemographicWeight(float weight) {
      checkArgument(weight >= 0 && weight <= 1000, "weight must be in 0..1000, got %s", weight);
      this.demographicWeight = weight;
      return this;
    }

    /** Counts the ratings in the histories of {@code users} over the catalogue {@code movies}. */
    public GenrePopularityChannel build(UserStoreView users, MovieStoreView movies) {
      List<Movie> all = movies.all();
      int n = all.size();
      int[] ids = new int[n];
      int[] masks = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = all.get(i).id();
        for (Genre g : all.get(i).genres()) {
          masks[i] |= 1 << g.ordinal();
        }
      }
      checkArgument(isAscending(ids), "the catalogue must list movies by ascending id");
      float[] counts = new float[Math.multiplyExact(n, GROUPS)];
      float[] totals = new float[GROUPS];
      for (int userId : users.ids()) {
        UserContext c = users.context(userId).orElse(null);
        if (c == null) {
          continue;
        }
        UserProfile p = c.profile();
        int h = latest == 0 ? c.historyLength() : Math.min(latest, c.historyLength());
        for (int i = 0; i < h; i++) {
          int j = Arrays.binarySearch(ids, c.historyAt(i));
          if (j < 0) {
            continue;
          }
          count(counts, totals, 0, n, j);
          if (p != null) {
            count(counts, totals, 1 + p.gender().ordinal() * AGES + p.age().ordinal(), n, j);
            count(counts, totals, 1 + GENDERS * AGES + p.occupation().ordinal(), n, j);
          }
        }
      }
      for (int g = 0; g < GROUPS; g++) {
        for (int j = 0; j < n && totals[g] > 0; j++) {
          counts[g * n + j] /= totals[g];
        }
      }
      return new GenrePopularityChannel(
          latest, historyGenres, demographicWeight, ids, masks, counts);
    }

    private static void count(float[] counts, float[] totals, int group, int n, int j) {
      counts[group * n + j]++;
      totals[group]++;
    }

    private static boolean isAscending(int[] ids) {
      for (int i = 1; i < ids.length; i++) {
        if (ids[i] <= ids[i - 1]) {
          return false;
        }
      }
      return true;
    }
  }
}
