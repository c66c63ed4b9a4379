package io.movierec.recommend;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/** Small stand-ins for the models and the index, so the recommender is tested on its own. */
final class Fakes {

  private Fakes() {}

  /**
   * 2-d vectors: a movie points at angle (id degrees); a known user at (id × 10) degrees; a new
   * user at (occupation code × 10) degrees. The cosine then ranks movies by angular distance.
   */
  static class Recall implements RecallModel {
    final AtomicInteger userCalls = new AtomicInteger();
    final AtomicInteger closeCalls = new AtomicInteger();

    /** How long each user embedding takes, to make concurrent requests overlap. */
    volatile long userDelayMillis;

    @Override
    public int vectorDimension() {
      return 2;
    }

    @Override
    public float[] userVector(UserContext user) {
      userCalls.incrementAndGet();
      if (userDelayMillis > 0) {
        try {
          Thread.sleep(userDelayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      double deg = user.userId() > 0 ? user.userId() * 10 : user.profile().occupation().code() * 10;
      return unit(deg);
    }

    @Override
    public float[] movieVectors(List<Movie> movies) {
      float[] out = new float[movies.size() * 2];
      for (int i = 0; i < movies.size(); i++) {
        float[] v = unit(movies.get(i).id());
        out[2 * i] = v[0];
        out[2 * i + 1] = v[1];
      }
      return out;
    }

    @Override
    public String kind() {
      return "fake-recall";
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
    }

    @Override
    public void save(Path directory) {
      throw new UnsupportedOperationException();
    }

    static float[] unit(double degrees) {
      double r = Math.toRadians(degrees);
      return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }
  }

  /** Scores a movie by the negated id: lower ids rank first, unlike the recall order. */
  static class Ranker implements RankingModel {
    final AtomicInteger closeCalls = new AtomicInteger();

    @Override
    public float[] score(UserContext user, List<Movie> movies) {
      float[] s = new float[movies.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = 5f - movies.get(i).id() / 1000f;
      }
      return s;
    }

    @Override
    public String kind() {
      return "fake-ranker";
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
    }

    @Override
    public void save(Path directory) {
      throw new UnsupportedOperationException();
    }
  }

  /** Brute-force cosine search over a map (the real ones live in movierec-index). */
  static class Index implements VectorIndex {
    final Map<Integer, float[]> vectors = new ConcurrentHashMap<>();
    final AtomicInteger closeCalls = new AtomicInteger();

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
    public void save(Path file) throws java.io.IOException {
      Files.writeString(file, "fake");
    }

    @Override
    public long memoryBytes() {
      return 0;
    }

    @Override
    public String kind() {
      return "fake-index";
    }

    @Override
    public void close() {
      closeCalls.incrementAndGet();
    }
  }
}
