package io.movierec.evaluation;

import com.google.common.base.Preconditions;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.prepare.SplitRatings;
import io.movierec.prepare.SplitRatings.Part;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Adds up {@link RecallMetrics} one user at a time: where the user's held-out movie ranked in their
 * list, and which movies made their top 10. Both the offline evaluation and the online path ({@code
 * movierec evaluate --online}) count through it, so they count alike. Not thread-safe.
 */
public final class RecallTally {

  private final int catalogueSize;
  private final Set<Integer> shown = new HashSet<>();
  private int users;
  private double hits10;
  private double hits100;
  private double ndcg;
  private double agree;

  /** A tally over a catalogue of {@code catalogueSize} movies (for coverage). */
  public RecallTally(int catalogueSize) {
    Preconditions.checkArgument(catalogueSize > 0, "empty catalogue");
    this.catalogueSize = catalogueSize;
  }

  /**
   * Counts one user.
   *
   * @param rank the held-out movie's zero-based position in the user's top-100 list, or -1 if it is
   *     not in it
   * @param top the user's list, best first (only its first 10 are read)
   * @param favouriteGenres the user's favourite genres (see {@link #favouriteGenres})
   */
  public void add(int rank, List<Movie> top, Set<Genre> favouriteGenres) {
    Preconditions.checkArgument(rank >= -1 && rank < 100, "rank must be in -1..99, got %s", rank);
    users++;
    if (rank >= 0) {
      hits100++;
      if (rank < 10) {
        hits10++;
        ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }
    for (Movie m : top.subList(0, Math.min(10, top.size()))) {
      shown.add(m.id());
      for (Genre g : m.genres()) {
        if (favouriteGenres.contains(g)) {
          agree++;
          break;
        }
      }
    }
  }

  /** The metrics of the users counted so far (NaN rates when there are none). */
  public RecallMetrics metrics() {
    if (users == 0) {
      return new RecallMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new RecallMetrics(
        users,
        hits10 / users,
        ndcg / users,
        hits100 / users,
        (double) shown.size() / catalogueSize,
        agree / (10.0 * users));
  }

  /**
   * Every user's favourite genres: the three genres most frequent among the movies they rated in
   * the training part (fewer if those movies have fewer; ties go to the genre listed first in
   * {@link Genre}). The reference's own check compares recommendations against these.
   *
   * @param movies the movie of an id, empty for one outside the catalogue (skipped)
   */
  public static Map<Integer, Set<Genre>> favouriteGenres(
      SplitRatings ratings, IntFunction<Optional<Movie>> movies) {
    Map<Integer, int[]> counts = new HashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      Optional<Movie> m =
          ratings.part(i) == Part.TRAIN ? movies.apply(ratings.movie(i)) : Optional.empty();
      if (m.isEmpty()) {
        continue;
      }
      int[] c = counts.computeIfAbsent(ratings.user(i), u -> new int[Genre.values().length]);
      for (Genre g : m.get().genres()) {
        c[g.ordinal()]++;
      }
    }
    Map<Integer, Set<Genre>> favourites = new HashMap<>();
    counts.forEach((user, c) -> favourites.put(user, topThree(c)));
    return favourites;
  }

  /** The three genres with the highest counts, ties to the one listed first; none with count 0. */
  static Set<Genre> topThree(int[] counts) {
    List<Genre> byCount = new ArrayList<>(List.of(Genre.values()));
    byCount.sort(
        (a, b) ->
            counts[b.ordinal()] != counts[a.ordinal()]
                ? counts[b.ordinal()] - counts[a.ordinal()]
                : a.ordinal() - b.ordinal());
    Set<Genre> top = EnumSet.noneOf(Genre.class);
    for (int i = 0; i < 3 && counts[byCount.get(i).ordinal()] > 0; i++) {
      top.add(byCount.get(i));
    }
    return top;
  }
}
