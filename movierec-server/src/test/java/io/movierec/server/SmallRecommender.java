package io.movierec.server;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import io.movierec.recommend.MovieStore;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.RecallModel;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * A small recommender on stand-in models (no TensorFlow): 60 movies of rotating genres, 30 users
 * with profiles and a few ratings each, 2-d vectors at angles, and a ranker that prefers low ids. A
 * request for {@link #SLOW_USER} holds its worker until {@link #release} (or 10 s).
 */
final class SmallRecommender {

  /** A user whose vector is computed only after {@link #release}. */
  static final int SLOW_USER = 99;

  private final CountDownLatch gate = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);

  /** Lets requests for {@link #SLOW_USER} go on. */
  void release() {
    gate.countDown();
  }

  /** Waits until a request for {@link #SLOW_USER} is being answered. */
  void awaitSlowRequest() throws InterruptedException {
    if (!entered.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no request for the slow user reached a worker");
    }
  }

  /** A new recommender over fresh stores (the caller closes it). */
  Recommender build() {
    List<Movie> movies = new ArrayList<>();
    Genre[] genres = Genre.values();
    for (int id = 1; id <= 60; id++) {
      movies.add(
          Movie.of(
              id, "Movie " + id + " (19" + (40 + id) + ")", List.of(genres[id % genres.length])));
    }
    UserStore.Builder users = UserStore.newBuilder();
    for (int id = 1; id <= 30; id++) {
      users.addUser(
          User.of(
              id,
              id % 2 == 0 ? Gender.FEMALE : Gender.MALE,
              AgeBucket.fromYears(18 + id),
              Occupation.fromCode(id % 21),
              "0" + (1000 + id)));
      for (int k = 0; k < id % 5; k++) {
        users.addRating(id, 1 + (id * 7 + k * 11) % 60, 1 + (id + k) % 5, 1_000L * k);
      }
    }
    users.addUser(
        User.of(SLOW_USER, Gender.MALE, AgeBucket.fromYears(30), Occupation.fromCode(1), ""));
    Recall recall = new Recall();
    Index index = new Index();
    float[] v = recall.movieVectors(movies);
    for (int i = 0; i < movies.size(); i++) {
      index.add(movies.get(i).id(), new float[] {v[2 * i], v[2 * i + 1]});
    }
    return Recommender.newBuilder(recall, index, MovieStore.of(movies))
        .withUsers(users.build())
        .withRanker(new Ranker())
        .withCandidates(20)
        .build();
  }

  /** 2-d vectors: movie id at (id × 6) degrees, a known user at (id × 13), a new user by job. */
  private final class Recall implements RecallModel {
    @Override
    public int vectorDimension() {
      return 2;
    }

    @Override
    public float[] userVector(UserContext user) {
      if (user.userId() == SLOW_USER) {
        entered.countDown();
        try {
          gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      double deg =
          user.userId() > 0 ? user.userId() * 13 : user.profile().occupation().code() * 17 + 5;
      return unit(deg);
    }

    @Override
    public float[] movieVectors(List<Movie> list) {
      float[] out = new float[list.size() * 2];
      for (int i = 0; i < list.size(); i++) {
        float[] u = unit(list.get(i).id() * 6);
        out[2 * i] = u[0];
        out[2 * i + 1] = u[1];
      }
      return out;
    }

    @Override
    public String kind() {
      return "test-recall";
    }

    @Override
    public void save(Path directory) throws IOException {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("model"), "test-recall");
    }

    @Override
    public void close() {}
  }

  private static float[] unit(double degrees) {
    double r = Math.toRadians(degrees);
    return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
  }

  /** Predicts 5 minus id / 100: lower ids first. */
  private static final class Ranker implements RankingModel {
    @Override
    public float[] score(UserContext user, List<Movie> list) {
      float[] s = new float[list.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = 5f - list.get(i).id() / 100f;
      }
      return s;
    }

    @Override
    public String kind() {
      return "test-ranker";
    }

    @Override
    public void save(Path directory) throws IOException {
      Files.createDirectories(directory);
      Files.writeString(directory.resolve("model"), "test-ranker");
    }

    @Override
    public void close() {}
  }

  /** Brute-force cosine search. */
  private static final class Index implements VectorIndex {
    private final Map<Integer, float[]> vectors = new ConcurrentHashMap<>();

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public int size() {
      return vectors.size();
    }

    @Override
    public void add(int id, float[] vector) {
      vectors.put(id, vector.clone());
    }

    @Override
    public boolean remove(int id) {
      return vectors.remove(id) != null;
    }

    @Override
    public boolean contains(int id) {
      return vectors.containsKey(id);
    }

    @Override
    public List<Neighbor> search(float[] q, int k, IntPredicate exclude) {
      List<Neighbor> all = new ArrayList<>();
      vectors.forEach(
          (id, v) -> {
            if (!exclude.test(id)) {
              all.add(new Neighbor(id, q[0] * v[0] + q[1] * v[1]));
            }
          });
      all.sort(
          Comparator.comparingDouble((Neighbor n) -> -n.score()).thenComparingInt(Neighbor::id));
      return all.subList(0, Math.min(k, all.size()));
    }

    @Override
    public void save(Path file) throws IOException {
      Files.writeString(file, "test-index " + vectors.size());
    }

    @Override
    public long memoryBytes() {
      return 0;
    }

    @Override
    public String kind() {
      return "test-index";
    }

    @Override
    public void close() {}
  }
}
