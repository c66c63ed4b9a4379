package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
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
   * What the store knows of one user; immutable, replaced as a whole on change, so the same {@code
   * context} instance stands for the same history until the next change. The history and its scores
   * are kept once, in the context.
   */
  private record Entry(User user, int[] seenSorted, UserContext context) {
    Entry withRating(int movieId, float score) {
      int n = context.historyLength();
      int kept = 0;
      int[] h = new int[n + 1];
      float[] sc = new float[n + 1];
      h[kept] = movieId;
      sc[kept++] = score;
      for (int i = 0; i < n; i++) {
        if (context.historyAt(i) != movieId) {
          h[kept] = context.historyAt(i);
          sc[kept++] = context.scoreAt(i);
        }
      }
      return of(user, Arrays.copyOf(h, kept), Arrays.copyOf(sc, kept));
    }

    /** The same history under a new profile: the seen set is reused, not rebuilt. */
    Entry withUser(User newUser) {
      return new Entry(
          newUser, seenSorted, UserContext.of(newUser, context.history(), context.historyScores()));
    }

    static Entry of(User user, int[] newestFirst, float[] scores) {
      int[] seen = Arrays.stream(newestFirst).distinct().sorted().toArray();
      return new Entry(user, seen, UserContext.of(user, newestFirst, scores));
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
   * (moved to the front if the user had rated it before).
   *
   * @throws UnknownUserException if the user is not in the store
   */
  public void recordRating(int userId, int movieId, float score) {
    Entry updated = users.computeIfPresent(userId, (id, e) -> e.withRating(movieId, score));
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
   * Reads a store written by {@link #save}.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if it fails its checks
   */
  public static UserStore load(Path file) throws IOException {
    return VersionedFile.read(
        file,
        FILE_KIND,
        OLDEST_FILE_VERSION,
        FILE_VERSION,
        (in, version) -> {
          UserStore s = new UserStore();
          int n = in.readInt();
          for (int i = 0; i < n; i++) {
            int id = in.readInt();
            UserProfile p =
                in.readBoolean()
                    ? new UserProfile(
                        Gender.fromCode(in.readUTF()),
                        AgeBucket.fromCode(in.readInt()),
                        Occupation.fromCode(in.readInt()))
                    : null;
            User u = new User(id, p, in.readUTF());
            int[] h = new int[in.readInt()];
            float[] sc = new float[h.length];
            for (int k = 0; k < h.length; k++) {
              h[k] = in.readInt();
              sc[k] = in.readFloat();
            }
            s.users.put(id, Entry.of(u, h, sc));
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
        List<long[]> r = ratings.getOrDefault(u.id(), List.of());
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
