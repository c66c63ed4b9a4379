package io.movierec.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecallTallyTest {

  private static Movie movie(int id, Genre... genres) {
    return new Movie(id, "Movie " + id + " (1995)", 1995, List.of(genres));
  }

  private static List<Movie> list(int first, int size, Genre genre) {
    List<Movie> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      out.add(movie(first + i, genre));
    }
    return out;
  }

  @Test
  void aHeldOutMovieRankedThirdIsAHitWithTheDiscountedGainOfRankThree() {
    RecallTally t = new RecallTally(100);
    t.add(2, list(1, 100, Genre.DRAMA), Set.of());
    RecallMetrics m = t.metrics();
    assertThat(m.hitRate10()).isEqualTo(1);
    assertThat(m.hitRate100()).isEqualTo(1);
    assertThat(m.ndcg10()).isCloseTo(0.5, within(1e-12)); // 1 / log2(3 + 1)
  }

  @Test
  void aHeldOutMovieBeyondTheTopTenCountsOnlyForTheTopHundred() {
    RecallTally t = new RecallTally(100);
    t.add(10, list(1, 100, Genre.DRAMA), Set.of());
    t.add(-1, list(1, 100, Genre.DRAMA), Set.of());
    RecallMetrics m = t.metrics();
    assertThat(m.hitRate10()).isZero();
    assertThat(m.ndcg10()).isZero();
    assertThat(m.hitRate100()).isEqualTo(0.5);
  }

  @Test
  void coverageCountsTheDistinctMoviesOfAllTopTenListsAgainstTheCatalogue() {
    RecallTally t = new RecallTally(40);
    t.add(-1, list(1, 100, Genre.DRAMA), Set.of()); // shows 1..10
    t.add(-1, list(6, 100, Genre.DRAMA), Set.of()); // shows 6..15
    assertThat(t.metrics().coverage10()).isEqualTo(15 / 40.0);
  }

  @Test
  void genreAgreementIsTheShareOfTopTenMoviesSharingAFavouriteGenre() {
    RecallTally t = new RecallTally(100);
    List<Movie> top = new ArrayList<>(list(1, 3, Genre.COMEDY));
    top.addAll(list(4, 7, Genre.HORROR));
    t.add(-1, top, Set.of(Genre.COMEDY, Genre.DRAMA));
    assertThat(t.metrics().genreAgreement10()).isEqualTo(0.3);
  }

  @Test
  void favouriteGenresAreTheThreeMostFrequentWithTiesToTheGenreListedFirst() {
    int[] counts = new int[Genre.values().length];
    counts[Genre.HORROR.ordinal()] = 5;
    counts[Genre.DRAMA.ordinal()] = 3;
    counts[Genre.COMEDY.ordinal()] = 3;
    counts[Genre.ACTION.ordinal()] = 3;
    // Action, Comedy and Drama tie; Drama is listed last of the three.
    assertThat(RecallTally.topThree(counts))
        .containsExactlyInAnyOrder(Genre.HORROR, Genre.ACTION, Genre.COMEDY);
  }

  @Test
  void aUserWhoRatedOneGenreHasOneFavourite() {
    int[] counts = new int[Genre.values().length];
    counts[Genre.WESTERN.ordinal()] = 2;
    assertThat(RecallTally.topThree(counts)).containsExactly(Genre.WESTERN);
  }
}
