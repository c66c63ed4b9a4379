package io.movierec.evaluation;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.prepare.SplitRatings.Part;
import io.movierec.recommend.RankScores;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.RecallModel;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The two-stage path offline: for every user with a held-out rating of a part, the recall model's
 * exact top 100 unrated movies by cosine (what the index hands the ranker), ordered by a ranker's
 * watch score; a hit is the held-out movie in the top 10 or 100 of that list. Also the AUC of the
 * watch score: each user's held-out movie against {@value #AUC_NEGATIVES} movies the user never
 * rated, drawn uniformly.
 *
 * <p>Users are seen as before the part ({@link ServingStores#before}), as the ranker was trained.
 */
public final class WatchEvaluator {

  /** Candidates the recall stage hands the ranker. */
  public static final int CANDIDATES = 100;

  /** Negatives per held-out movie for the AUC. */
  public static final int AUC_NEGATIVES = 100;

  /** What one evaluation measured. */
  public record Result(RecallMetrics ranked, double auc, double pooledAuc) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT, "%s watch-AUC=%.4f pooled-AUC=%.4f", ranked, auc, pooledAuc);
    }
  }

  private WatchEvaluator() {}

  /**
   * Evaluates {@code ranker} on {@code part} (test or validation): candidates by {@code recall},
   * ordered by {@code logit(watch) + cosineWeight · cosine} (0: the watch score alone).
   */
  public static Result evaluate(
      PreparedDataset data,
      RecallModel recall,
      RankingModel ranker,
      Part part,
      double cosineWeight,
      long seed)
      throws IOException {
    checkArgument(part != Part.TRAIN, "evaluate on the test or validation part, not train");
    checkArgument(ranker.predictsWatching(), "the ranker does not predict watching");
    List<Movie> movies = List.copyOf(data.movies().values());
    Map<Integer, Integer> index = new HashMap<>();
    for (int j = 0; j < movies.size(); j++) {
      index.put(movies.get(j).id(), j);
    }
    SplitRatings r = data.ratings();
    Map<Integer, BitSet> seen = new HashMap<>();
    Map<Integer, Integer> heldOut = new HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      Integer j = index.get(r.movie(i));
      if (j == null) {
        continue;
      }
      boolean earlier =
          r.part(i) == Part.TRAIN || (part == Part.TEST && r.part(i) == Part.VALIDATION);
      if (earlier) {
        seen.computeIfAbsent(r.user(i), u -> new BitSet(movies.size())).set(j);
      } else if (r.part(i) == part) {
        heldOut.put(r.user(i), j);
      }
    }
    Map<Integer, Set<Genre>> favourites =
        RecallTally.favouriteGenres(
            r,
            id -> {
              Integer j = index.get(id);
              return j == null ? java.util.Optional.empty() : java.util.Optional.of(movies.get(j));
            });
    UserStore users = ServingStores.before(data, part).users();
    float[] movieVectors = recall.movieVectors(movies);
    int d = recall.vectorDimension();
    float[] cos = new float[movies.size()];
    int[] top = new int[CANDIDATES];
    RecallTally tally = new RecallTally(movies.size());
    SplittableRandom random = new SplittableRandom(seed);
    double aucSum = 0;
    int aucUsers = 0;
    List<float[]> pooledNeg = new ArrayList<>();
    List<Float> pooledPos = new ArrayList<>();
    List<Integer> order = new ArrayList<>(heldOut.keySet());
    order.sort(null);
    for (int userId : order) {
      UserContext user = users.context(userId).orElse(null);
      if (user == null) {
        continue;
      }
      float[] u = recall.userVector(user);
      for (int j = 0; j < cos.length; j++) {
        float dot = 0;
        for (int i = 0; i < d; i++) {
          dot += u[i] * movieVectors[j * d + i];
        }
        cos[j] = dot;
      }
      BitSet exclude = seen.getOrDefault(userId, new BitSet());
      int target = heldOut.get(userId);
      int k = RecallEvaluator.topK(cos, exclude, top);
      List<Movie> candidates = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        candidates.add(movies.get(top[i]));
      }
      float[] watch = ranker.scores(user, candidates).watch();
      double[] score = new double[k];
      Integer[] byScore = new Integer[k];
      for (int i = 0; i < k; i++) {
        score[i] = logit(watch[i]) + cosineWeight * cos[top[i]];
        byScore[i] = i;
      }
      java.util.Arrays.sort(byScore, (a, b) -> Double.compare(score[b], score[a]));
      List<Movie> list = new ArrayList<>(k);
      int rank = -1;
      for (int i = 0; i < k; i++) {
        int c = top[byScore[i]];
        if (c == target) {
          rank = i;
        }
        list.add(movies.get(c));
      }
      tally.add(rank, list, favourites.getOrDefault(userId, Set.of()));
      // AUC: the held-out movie against unrated movies drawn uniformly.
      List<Movie> probe = new ArrayList<>(AUC_NEGATIVES + 1);
      probe.add(movies.get(target));
      while (probe.size() <= AUC_NEGATIVES) {
        int j = random.nextInt(movies.size());
        if (j != target && !exclude.get(j)) {
          probe.add(movies.get(j));
        }
      }
      RankScores s = ranker.scores(user, probe);
      float pos = s.watch()[0];
      float[] neg = java.util.Arrays.copyOfRange(s.watch(), 1, s.watch().length);
      aucSum += auc(pos, neg);
      aucUsers++;
      pooledPos.add(pos);
      pooledNeg.add(neg);
    }
    return new Result(
        tally.metrics(), aucSum / Math.max(aucUsers, 1), pooled(pooledPos, pooledNeg));
  }

  /** Share of negatives scored below {@code pos}, ties counting half. */
  static double auc(float pos, float[] neg) {
    double wins = 0;
    for (float n : neg) {
      wins += pos > n ? 1 : pos == n ? 0.5 : 0;
    }
    return wins / neg.length;
  }

  /** AUC over every (positive, negative) pair of all users, by sorting the negatives once. */
  private static double pooled(List<Float> pos, List<float[]> neg) {
    int total = neg.stream().mapToInt(a -> a.length).sum();
    float[] all = new float[total];
    int at = 0;
    for (float[] a : neg) {
      System.arraycopy(a, 0, all, at, a.length);
      at += a.length;
    }
    java.util.Arrays.sort(all);
    double wins = 0;
    for (float p : pos) {
      int below = lowerBound(all, p);
      int notAbove = upperBound(all, p);
      wins += below + 0.5 * (notAbove - below);
    }
    return total == 0 ? Double.NaN : wins / ((double) total * pos.size());
  }

  private static int lowerBound(float[] a, float x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(float[] a, float x) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double logit(float p) {
    double q = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
    return Math.log(q / (1 - q));
  }
}
