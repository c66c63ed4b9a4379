package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Occupation;
import io.movierec.domain.Rating;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Known users: each user's profile and the movies they rated with the scores given, most recent
 * first (the reference's "um" service, a Redis hash there). The recommender reads a user's history
 * as a feature and excludes the movies in it from recommendations. Thread-safe: reads run
 * concurrently with {@link #recordRating} and {@link #add}.
 */
public final class UserStore implements UserStoreView {

  /** The kind written in the header of a saved user store. */
  public static final String FILE_KIND = "user-store";

  static final int FILE_VERSION = 1;

  /** The oldest format version {@link #load} reads. */
  static final int OLDEST_FILE_VERSION = 1;

  /**
   * How many ratings {@link #recordRating(int, int, float)} keeps in a user's history: 5,000, more
   * than any MovieLens 1M user has (2,314); the model reads only the latest few.
   */
  public static final int DEFAULT_MAX_HISTORY = 5_000;

  /**
   * What the store knows of one user; immutable, replaced as a whole on change, so the same {@code
   * context} instance stands for the same history until the next change. The history and its scores
   * are kept once, in the context.
   */
  private record Entry(User user, int[] seenSorted, UserContext context) {
    /**
     * This entry after the user rated {@code movieId}: it moves to the front of the history, which
     * then keeps its {@code maxHistory} most recent entries. The seen set is updated in place of a
     * copy (one binary search and array copy) rather than rebuilt, unless many entries drop out.
     */
    Entry withRating(int movieId, float score, int maxHistory) {
      int n = context.historyLength();
      int size = Math.min(n + 1, maxHistory);
      int[] h = new int[size];
      float[] sc = new float[size];
      h[0] = movieId;
      sc[0] = score;
      int kept = 1;
      int i = 0;
      for (; i < n && kept < size; i++) {
        int m = context.historyAt(i);
        if (m != movieId) {
          h[kept] = m;
          sc[kept++] = context.scoreAt(i);
        }
      }
      if (kept < size) {
        h = Arrays.copyOf(h, kept);
        sc = Arrays.copyOf(sc, kept);
      }
      int dropped = n - i;
      int[] seen;
      if (dropped > 8) {
        seen = distinctSorted(h);
      } else {
        seen = withId(seenSorted, movieId);
        for (int j = i; j < n; j++) {
          int d = context.historyAt(j);
          if (d != movieId && !contains(h, d)) {
            seen = withoutId(seen, d);
          }
        }
      }
      return new Entry(user, seen, UserContext.of(user, h, sc));
    }

    private static int[] withId(int[] sorted, int id) {
      int at = Arrays.binarySearch(sorted, id);
      if (at >= 0) {
        return sorted;
      }
      int ins = -at - 1;
      int[] out = new int[sorted.length + 1];
      System.arraycopy(sorted, 0, out, 0, ins);
      out[ins] = id;
      System.arraycopy(sorted, ins, out, ins + 1, sorted.length - ins);
      return out;
    }

    private static int[] withoutId(int[] sorted, int id) {
      int at = Arrays.binarySearch(sorted, id);
      if (at < 0) {
        return sorted;
      }
      int[] out = new int[sorted.length - 1];
      System.arraycopy(sorted, 0, out, 0, at);
      System.arraycopy(sorted, at + 1, out, at, sorted.length - at - 1);
      return out;
    }

    private static boolean contains(int[] ids, int id) {
      for (int x : ids) {
        if (x == id) {
          return true;
        }
      }
      return false;
    }

    private static int[] distinctSorted(int[] ids) {
      int[] sorted = ids.clone();
      Arrays.sort(sorted);
      int k = 0;
      for (int j = 0; j < sorted.length; j++) {
        if (j == 0 || sorted[j] != sorted[j - 1]) {
          sorted[k++] = sorted[j];
        }
      }
      return k == sorted.length ? sorted : Arrays.copyOf(sorted, k);
    }

    /** The same history under a new profile: the seen set is reused, not rebuilt. */
    Entry withUser(User newUser) {
      return new Entry(
          newUser, seenSorted, UserContext.of(newUser, context.history(), context.historyScores()));
    }

    static Entry of(User user, int[] newestFirst, float[] scores) {
      return new Entry(
          user, distinctSorted(newestFirst), UserContext.of(user, newestFirst, scores));
    }
  }

  private final ConcurrentHashMap<Integer, Entry> users = new ConcurrentHashMap<>();

  private UserStore() {}

  /** An empty store (a recommender serving only new users needs no more). */
  public static UserStore empty() {
    return new UserStore();
  }

  /** A builder that takes users and their ratings in any order. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The user with this id, if known. */
  @Override
  public Optional<User> user(int id) {
    Entry e = users.get(id);
    return e == null ? Optional.empty() : Optional.of(e.user);
  }

  /**
   * The user with this id and their history, most recent first, if known. Until the user's entry
   * changes, every call returns the same instance.
   */
  @Override
  public Optional<UserContext> context(int id) {
    Entry e = users.get(id);
    return e == null ? Optional.empty() : Optional.of(e.context());
  }

  /** The movies the user rated, most recent first (empty for an unknown user). */
  @Override
  public int[] history(int id) {
    Entry e = users.get(id);
    return e == null ? new int[0] : e.context().history();
  }

  /** True if the user rated the movie. */
  @Override
  public boolean hasSeen(int userId, int movieId) {
    Entry e = users.get(userId);
    return e != null && Arrays.binarySearch(e.seenSorted, movieId) >= 0;
  }

  /**
   * A test of "has the user seen this movie" over a snapshot of the user's ratings (nothing for an
   * unknown user); cheap to call many times.
   */
  @Override
  public java.util.function.IntPredicate seenFilter(int userId) {
    Entry e = users.get(userId);
    if (e == null) {
      return id -> false;
    }
    int[] seen = e.seenSorted;
    return id -> Arrays.binarySearch(seen, id) >= 0;
  }

  /** The number of distinct movies the user rated. */
  @Override
  public int seenCount(int userId) {
    Entry e = users.get(userId);
    return e == null ? 0 : e.seenSorted.length;
  }

  /**
   * A read-only view of this store: its queries, answered by the store as it is at each call, and
   * no way to reach its updates (not even by a cast).
   */
  UserStoreView readOnlyView() {
    UserStore store = this;
    return new UserStoreView() {
      @Override
      public Optional<User> user(int id) {
        return store.user(id);
      }

      @Override
      public Optional<UserContext> context(int id) {
        return store.context(id);
      }

      @Override
      public int[] history(int id) {
        return store.history(id);
      }

      @Override
      public boolean hasSeen(int userId, int movieId) {
        return store.hasSeen(userId, movieId);
      }

      @Override
      public java.util.function.IntPredicate seenFilter(int userId) {
        return store.seenFilter(userId);
      }

      @Override
      public int seenCount(int userId) {
        return store.seenCount(userId);
      }

      @Override
      public int size() {
        return store.size();
      }

      @Override
      public int[] ids() {
        return store.ids();
      }
    };
  }

  /** Adds a user, or replaces the profile of a known one (their history stays). */
  public void add(User user) {
    checkNotNull(user, "user");
    users.compute(
        user.id(),
        (id, e) -> e == null ? Entry.of(user, new int[0], new float[0]) : e.withUser(user));
  }

  /**
   * Records that a known user rated a movie now: it becomes the most recent entry of the history
   * (moved to the front if the user had rated it before), which keeps its {@link
   * #DEFAULT_MAX_HISTORY} most recent entries. Same as {@link #recordRating(int, int, float, int)}
   * with that cap.
   *
   * @throws UnknownUserException if the user is not in the store
   * @throws IllegalArgumentException if the movie id is below 1 or the score is not a number in
   *     {@link Rating#MIN_SCORE}..{@link Rating#MAX_SCORE}
   */
  public void recordRating(int userId, int movieId, float score) {
    recordRating(userId, movieId, score, DEFAULT_MAX_HISTORY);
  }

  /**
   * Records that a known user rated a movie now: it becomes the most recent entry of the history
   * (moved to the front if the user had rated it before), and the history keeps its {@code
   * maxHistory} most recent entries; older ones are forgotten (and no longer excluded from
   * recommendations). The cost of a call grows with the history kept.
   *
   * @throws UnknownUserException if the user is not in the store
   * @throws IllegalArgumentException if the movie id is below 1, the score is not a number in
   *     {@link Rating#MIN_SCORE}..{@link Rating#MAX_SCORE}, or {@code maxHistory} is below 1
   */
  public void recordRating(int userId, int movieId, float score, int maxHistory) {
    checkArgument(movieId >= 1, "movie id must be at least 1, got %s", movieId);
    checkArgument(
        score >= Rating.MIN_SCORE && score <= Rating.MAX_SCORE,
        "score must be a number in %s..%s, got %s",
        Rating.MIN_SCORE,
        Rating.MAX_SCORE,
        score);
    checkArgument(maxHistory >= 1, "maxHistory must be at least 1, got %s", maxHistory);
    Entry updated =
        users.computeIfPresent(userId, (id, e) -> e.withRating(movieId, score, maxHistory));
    if (updated == null) {
      throw new UnknownUserException(userId);
    }
  }

  /** The number of users. */
  @Override
  public int size() {
    return users.size();
  }

  /** The ids of every user, ascending. */
  @Override
  public int[] ids() {
    return users.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  /** Writes the store atomically, with a format version and a checksum. */
  public void save(Path file) throws IOException {
    int[] ids = ids();
    VersionedFile.write(
        file,
        FILE_KIND,
        FILE_VERSION,
        out -> {
          out.writeInt(ids.length);
          for (int id : ids) {
            Entry e = users.get(id);
            if (e == null) {
              continue;
            }
            User u = e.user;
            out.writeInt(u.id());
            UserProfile p = u.profile();
            out.writeBoolean(p != null);
            if (p != null) {
              out.writeUTF(p.gender().code());
              out.writeInt(p.age().code());
              out.writeInt(p.occupation().code());
            }
            out.writeUTF(u.zip());
            UserContext c = e.context();
            out.writeInt(c.historyLength());
            for (int i = 0; i < c.historyLength(); i++) {
              out.writeInt(c.historyAt(i));
              out.writeFloat(c.scoreAt(i));
            }
          }
        });
  }

  /**
   * Reads a store written by {@link #save}. Every count is checked against the bytes left before
   * anything is allocated for it, and every user is validated as {@link User} does.
   *
   * @throws CorruptFileException naming the file if it fails its checks
   */
  public static UserStore load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        OLDEST_FILE_VERSION,
        FILE_VERSION,
        (in, version) -> {
          UserStore s = new UserStore();
          // id, profile flag, zip length, history length: 11 bytes at least per user
          int n = VersionedFile.checkCount(file, in, in.readInt(), 11, "users");
          for (int i = 0; i < n; i++) {
            int id = in.readInt();
            try {
              UserProfile p =
                  in.readBoolean()
                      ? new UserProfile(
                          Gender.fromCode(in.readUTF()),
                          AgeBucket.fromCode(in.readInt()),
                          Occupation.fromCode(in.readInt()))
                      : null;
              User u = new User(id, p, in.readUTF());
              // movie id and score: 8 bytes per history entry
              int[] h =
                  new int
                      [VersionedFile.checkCount(
                          file, in, in.readInt(), 8, "history entries of user " + id)];
              float[] sc = new float[h.length];
              for (int k = 0; k < h.length; k++) {
                h[k] = in.readInt();
                sc[k] = in.readFloat();
              }
              s.users.put(id, Entry.of(u, h, sc));
            } catch (IllegalArgumentException e) {
              throw new CorruptFileException(
                  file, "user " + id + " (" + (i + 1) + " of " + n + "): " + e.getMessage());
            }
          }
          return s;
        });
  }

  /** Collects users and their ratings; ratings are ordered by time when the store is built. */
  public static final class Builder {
    private final Map<Integer, User> users = new HashMap<>();
    private final Map<Integer, List<long[]>> ratings = new HashMap<>();
    private long sequence;

    private Builder() {}

    /** Adds a user. */
    public Builder addUser(User user) {
      users.put(user.id(), checkNotNull(user, "user"));
      return this;
    }

    /** Adds users. */
    public Builder addUsers(Collection<User> all) {
      all.forEach(this::addUser);
      return this;
    }

    /** Adds a rating; among equal timestamps, a rating added later counts as more recent. */
    public Builder addRating(int userId, int movieId, float score, long timestamp) {
      checkArgument(movieId >= 1, "movie id must be at least 1, got %s", movieId);
      ratings
          .computeIfAbsent(userId, u -> new ArrayList<>())
          .add(new long[] {timestamp, sequence++, movieId, Float.floatToIntBits(score)});
      return this;
    }

    /**
     * The store.
     *
     * @throws IllegalArgumentException naming a rating whose user was never added
     */
    public UserStore build() {
      UserStore s = new UserStore();
      for (Map.Entry<Integer, List<long[]>> e : ratings.entrySet()) {
        checkArgument(
            users.containsKey(e.getKey()), "a rating names unknown user id %s", e.getKey());
      }
      for (User u : users.values()) {
        List<long[]> r = ratings.getOrDefault(u.id(), new ArrayList<>());
        r.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(b[1], a[1]));
        int[] h = new int[r.size()];
        float[] sc = new float[r.size()];
        for (int i = 0; i < h.length; i++) {
          h[i] = (int) r.get(i)[2];
          sc[i] = Float.intBitsToFloat((int) r.get(i)[3]);
        }
        s.users.put(u.id(), Entry.of(u, h, sc));
      }
      return s;
    }
  }
}
