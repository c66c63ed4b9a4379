package io.movierec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Recommender#recordRating} validates what it records and caps each user's history. */
class RecordRatingTest {

  private static MovieStore catalogue() {
    List<Movie> movies = new ArrayList<>();
    for (int id = 1; id <= 50; id++) {
      movies.add(Movie.of(id, "Movie " + id + " (1995)", List.of(Genre.DRAMA)));
    }
    return MovieStore.of(movies);
  }

  private static UserStore oneUser() {
    return UserStore.newBuilder().addUser(User.withoutProfile(1)).build();
  }

  private static Recommender recommender(UserStore users, int maxHistory) {
    return Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), catalogue())
        .withUsers(users)
        .withMaxHistory(maxHistory)
        .build();
  }

  @Test
  void refusesANegativeMovieId() {
    Recommender r = recommender(oneUser(), 100);
    assertThatThrownBy(() -> r.recordRating(1, -7, 4f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-7");
    assertThat(r.users().history(1)).isEmpty();
  }

  @Test
  void refusesAMovieThatIsNotInTheCatalogue() {
    Recommender r = recommender(oneUser(), 100);
    assertThatThrownBy(() -> r.recordRating(1, 51, 4f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("movie 51 is not in the catalogue");
  }

  @Test
  void refusesANanScore() {
    Recommender r = recommender(oneUser(), 100);
    assertThatThrownBy(() -> r.recordRating(1, 5, Float.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NaN");
  }

  @Test
  void refusesAScoreOutsideTheRatingScale() {
    Recommender r = recommender(oneUser(), 100);
    assertThatThrownBy(() -> r.recordRating(1, 5, 1e30f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.0E30")
        .hasMessageContaining("0.5..5.0");
    assertThatThrownBy(() -> r.recordRating(1, 5, 0f)).isInstanceOf(IllegalArgumentException.class);
    assertThat(r.users().history(1)).isEmpty();
  }

  @Test
  void keepsOnlyTheMostRecentRatingsUpToTheCap() {
    Recommender r = recommender(oneUser(), 3);
    for (int movie = 1; movie <= 6; movie++) {
      r.recordRating(1, movie, 4f);
    }
    assertThat(r.users().history(1)).containsExactly(6, 5, 4);
    assertThat(r.users().seenCount(1)).isEqualTo(3);
    assertThat(r.users().hasSeen(1, 3)).isFalse();
    assertThat(r.users().hasSeen(1, 4)).isTrue();
  }

  @Test
  void reRatingAMovieAtTheCapMovesItToTheFrontWithoutDroppingAnother() {
    Recommender r = recommender(oneUser(), 3);
    r.recordRating(1, 1, 4f);
    r.recordRating(1, 2, 4f);
    r.recordRating(1, 3, 4f);
    r.recordRating(1, 1, 2f);
    assertThat(r.users().history(1)).containsExactly(1, 3, 2);
    assertThat(r.users().context(1).orElseThrow().scoreAt(0)).isEqualTo(2f);
    assertThat(r.users().seenCount(1)).isEqualTo(3);
  }

  @Test
  void trimsALongerLoadedHistoryToTheCapOnTheNextRating() {
    UserStore.Builder b = UserStore.newBuilder().addUser(User.withoutProfile(1));
    for (int movie = 1; movie <= 40; movie++) {
      b.addRating(1, movie, 3f, movie);
    }
    Recommender r = recommender(b.build(), 10);
    r.recordRating(1, 45, 5f);
    assertThat(r.users().history(1)).containsExactly(45, 40, 39, 38, 37, 36, 35, 34, 33, 32);
    assertThat(r.users().seenCount(1)).isEqualTo(10);
    assertThat(r.users().hasSeen(1, 31)).isFalse();
  }

  @Test
  void theStoreCapsHistoriesAtItsDefaultWhenNoCapIsGiven() {
    UserStore s = oneUser();
    for (int movie = 1; movie <= UserStore.DEFAULT_MAX_HISTORY + 5; movie++) {
      s.recordRating(1, movie, 4f);
    }
    assertThat(s.history(1)).hasSize(UserStore.DEFAULT_MAX_HISTORY);
    assertThat(s.history(1)[0]).isEqualTo(UserStore.DEFAULT_MAX_HISTORY + 5);
    assertThat(s.hasSeen(1, 5)).isFalse();
    assertThat(s.hasSeen(1, 6)).isTrue();
  }

  @Test
  void refusesACapBelowOne() {
    assertThatThrownBy(
            () ->
                Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), catalogue())
                    .withMaxHistory(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsAStoreWithAUserWhoHasNoRatings() {
    assertThat(oneUser().history(1)).isEmpty();
  }
}
