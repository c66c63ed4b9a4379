package io.movierec.evaluation;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.prepare.SplitRatings.Part;
import io.movierec.recommend.RecallModel;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Exact top-K retrieval over the whole catalogue for every user with a held-out rating, by any
 * scorer of (user, movie) pairs — the two-tower model's cosine, or a baseline such as popularity.
 * Movies the user rated before the held-out one (training rows; for the test part also the
 * validation row) are excluded. The held-out movie counts as a hit wherever it ranks.
 */
public final class RecallEvaluator {

  /** Scores every movie for one user. */
  public interface Scorer {
    /**
     * Fills {@code scores[j]} with the score of {@code movies.get(j)} for {@code user} (whose
     * history holds the movies rated before the held-out one, most recent first); higher is better.
     */
    void score(UserContext user, float[] scores);
  }

  private final PreparedDataset data;
  private final List<Movie> movies;
  private final Map<Integer, Integer> movieIndex = new HashMap<>();

  /** An evaluator over the catalogue of {@code data}. */
  public RecallEvaluator(PreparedDataset data) throws IOException {
    this.data = data;
    this.movies = List.copyOf(data.movies().values());
    for (int j = 0; j < movies.size(); j++) {
      movieIndex.put(movies.get(j).id(), j);
    }
  }

  /**
   * Scores movies by the cosine of a recall model's unit vectors (a dot product); the catalogue's
   * movie vectors are computed once.
   */
  public Scorer cosine(RecallModel model) {
    float[] movieVectors = model.movieVectors(movies);
    int d = model.vectorDimension();
    return (user, scores) -> {
      float[] u = model.userVector(user);
      for (int j = 0; j < scores.length; j++) {
        float dot = 0;
        for (int i = 0; i < d; i++) {
          dot += u[i] * movieVectors[j * d + i];
        }
        scores[j] = dot;
      }
    };
  }

  /** Scores movies by their number of training ratings, whoever the user: "most rated first". */
  public Scorer popularity() throws IOException {
    Map<Integer, Integer> counts = new HashMap<>();
    SplitRatings r = data.ratings();
    for (int i = 0; i < r.size(); i++) {
      if (r.part(i) == Part.TRAIN) {
        counts.merge(r.movie(i), 1, Integer::sum);
      }
    }
    float[] pop = new float[movies.size()];
    for (int j = 0; j < pop.length; j++) {
      pop[j] = counts.getOrDefault(movies.get(j).id(), 0);
    }
    return (user, scores) -> System.arraycopy(pop, 0, scores, 0, pop.length);
  }

  /** The catalogue, in the order scorers fill scores. */
  public List<Movie> movies() {
    return movies;
  }

  /** Evaluates {@code scorer} on the held-out rows of {@code part} (TEST or VALIDATION). */
  public RecallMetrics evaluate(Scorer scorer, Part part) throws IOException {
    return evaluate(scorer, part, Optional.empty());
  }

  /**
   * Evaluates {@code scorer} on the held-out rows of {@code part} (TEST or VALIDATION) and writes
   * each user's top 100 to {@code topKDump}.
   *
   * @param topKDump receives {@code user \t rank \t movie \t score} lines
   */
  public RecallMetrics evaluate(Scorer scorer, Part part, Writer topKDump) throws IOException {
    return evaluate(scorer, part, Optional.of(topKDump));
  }

  private RecallMetrics evaluate(Scorer scorer, Part part, Optional<Writer> topKDump)
      throws IOException {
    if (part == Part.TRAIN) {
      throw new IllegalArgumentException("evaluate on the test or validation part, not train");
    }
    SplitRatings r = data.ratings();
    Map<Integer, BitSet> seen = new HashMap<>();
    Map<Integer, Integer> heldOut = new HashMap<>();
    for (int i = 0; i < r.size(); i++) {
      Integer j = movieIndex.get(r.movie(i));
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
              Integer j = movieIndex.get(id);
              return j == null ? Optional.empty() : Optional.of(movies.get(j));
            });
    float[] scores = new float[movies.size()];
    int[] top = new int[100];
    RecallTally tally = new RecallTally(movies.size());
    // Each user as the recommender would see them: the ratings before the held-out one as history.
    UserStore history =
        ServingStores.of(
                data,
                part == Part.TEST
                    ? EnumSet.of(Part.TRAIN, Part.VALIDATION)
                    : EnumSet.of(Part.TRAIN))
            .users();
    List<Integer> order = new ArrayList<>(heldOut.keySet());
    order.sort(null);
    StringBuilder line = new StringBuilder();
    for (int userId : order) {
      UserContext user = history.context(userId).orElse(null);
      if (user == null) {
        continue;
      }
      scorer.score(user, scores);
      BitSet exclude = seen.getOrDefault(userId, new BitSet());
      int target = heldOut.get(userId);
      int k = topK(scores, exclude, top);
      int rank = -1;
      List<Movie> list = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        if (top[i] == target) {
          rank = i;
        }
        list.add(movies.get(top[i]));
      }
      tally.add(rank, list, favourites.getOrDefault(userId, Set.of()));
      if (topKDump.isPresent()) {
        for (int i = 0; i < k; i++) {
          line.setLength(0);
          line.append(userId)
              .append('\t')
              .append(i + 1)
              .append('\t')
              .append(movies.get(top[i]).id())
              .append('\t')
              .append(scores[top[i]])
              .append('\n');
          topKDump.get().append(line);
        }
      }
    }
    return tally.metrics();
  }

  /**
   * Fills {@code out} with the indices of the best {@code out.length} scores not excluded, best
   * first (ties by lower index); returns how many it found.
   */
  static int topK(float[] scores, BitSet exclude, int[] out) {
    int k = out.length;
    int size = 0;
    for (int j = 0; j < scores.length; j++) {
      if (exclude.get(j)) {
        continue;
      }
      float s = scores[j];
      if (size == k && !better(s, j, scores[out[size - 1]], out[size - 1])) {
        continue;
      }
      int pos = size < k ? size++ : k - 1;
      while (pos > 0 && better(s, j, scores[out[pos - 1]], out[pos - 1])) {
        out[pos] = out[pos - 1];
        pos--;
      }
      out[pos] = j;
    }
    return size;
  }

  private static boolean better(float s, int j, float t, int i) {
    return s > t || (s == t && j < i);
  }
}
