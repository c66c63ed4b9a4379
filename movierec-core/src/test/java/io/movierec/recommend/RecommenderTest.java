package io.movierec.recommend;

import static com.google.common.base.Preconditions.checkArgument;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  private static List<Movie> catalogue() {
    List<Movie> movies = new ArrayList<>();
    for (int id = 1; id <= 180; id++) {
      movies.add(Movie.of(id, "Movie " + id + " (1995)", List.of(Genre.DRAMA)));
    }
    return movies;
  }

  private final Fakes.Recall recallModel = new Fakes.Recall();
  private final UserStore users =
      UserStore.newBuilder()
          .addUser(User.of(3, Gender.FEMALE, AgeBucket.FROM_25_TO_34, Occupation.WRITER, ""))
          .addRating(3, 30, 4f, 100)
          .addRating(3, 31, 4f, 200)
          .build();

  private Recommender recommender(boolean withRanker, int candidates) {
    return Recommender.newBuilder(recallModel, new Fakes.Index(), MovieStore.of(catalogue()))
        .withUsers(users)
        .withRanker(withRanker ? new Fakes.Ranker() : null)
        .withCandidates(candidates)
        .build();
  }

  @Test
  void fillsAnEmptyIndexFromTheCatalogue() {
    assertThat(recommender(false, 10).index().size()).isEqualTo(180);
  }

  @Test
  void recallsTheMoviesClosestToAKnownUserAndSkipsTheOnesSeen() {
    // User 3 points at 30 degrees: movies 30 and 31 are closest but seen.
    List<ScoredMovie> r = recommender(false, 10).recall(3, 3);
    assertThat(r.get(0).movie().id()).isEqualTo(29);
    assertThat(r.subList(1, 3)).extracting(s -> s.movie().id()).containsExactlyInAnyOrder(28, 32);
  }

  @Test
  void recommendsForABrandNewUserFromDemographicsAlone() {
    UserProfile programmer =
        new UserProfile(Gender.MALE, AgeBucket.FROM_25_TO_34, Occupation.PROGRAMMER); // 120 degrees
    List<Recommendation> r = recommender(false, 10).recommend(programmer, 2);
    assertThat(r).extracting(x -> x.movie().id()).containsExactly(120, 119);
    assertThat(r.get(0).rankScore()).isNaN();
  }

  @Test
  void ordersCandidatesByPredictedRatingWhenAskedAndKeepsBothScores() {
    Recommender rec =
        Recommender.newBuilder(recallModel, new Fakes.Index(), MovieStore.of(catalogue()))
            .withUsers(users)
            .withRanker(new Fakes.Ranker())
            .withCandidates(5)
            .withOrdering(Ordering.RATING)
            .build();
    List<Recommendation> r = rec.recommend(3, 3);
    // Candidates around 30 degrees (28, 29, 32, 27, 33); the fake ranker prefers lower ids.
    assertThat(r).extracting(x -> x.movie().id()).containsExactly(27, 28, 29);
    assertThat(r.get(0).recallScore()).isLessThan(r.get(2).recallScore());
    assertThat(r.get(0).rankScore()).isGreaterThan(r.get(1).rankScore());
  }

  @Test
  void neverRecommendsAMovieAfterTheUserRatedIt() {
    Recommender rec = recommender(true, 20);
    int top = rec.recommend(3, 1).get(0).movie().id();
    rec.recordRating(3, top, 4f);
    assertThat(rec.recommend(3, 20)).extracting(x -> x.movie().id()).doesNotContain(top, 30, 31);
  }

  @Test
  void namesAnUnknownUser() {
    assertThatThrownBy(() -> recommender(true, 10).recommend(999, 5))
        .isInstanceOf(UnknownUserException.class)
        .hasMessageContaining("unknown user id 999");
  }

  @Test
  void reportsMissingMovieIdsOneByOne() {
    MovieLookup l = recommender(false, 10).movies(5, 500, 7, 600);
    assertThat(l.found()).extracting(Movie::id).containsExactly(5, 7);
    assertThat(l.missing()).containsExactly(500, 600);
  }

  @Test
  void ranksOnlyTheMoviesThatExist() {
    List<ScoredMovie> r = recommender(true, 10).rank(3, 50, 999, 40);
    assertThat(r).extracting(s -> s.movie().id()).containsExactly(40, 50);
  }

  @Test
  void refusesToRankWithoutARanker() {
    assertThatThrownBy(() -> recommender(false, 10).rank(3, 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void servesANewlyAddedMovieWithoutRetraining() {
    Recommender rec = recommender(false, 10);
    rec.removeMovie(120);
    Movie fresh = Movie.of(120, "Fresh (2024)", List.of(Genre.COMEDY));
    rec.addMovie(fresh);
    UserProfile programmer = UserProfile.of("M", 25, 12);
    assertThat(rec.recommend(programmer, 1).get(0).movie()).isEqualTo(fresh);
  }

  @Test
  void embedsEachUserOnceUntilTheyRateSomething() {
    Recommender rec = recommender(false, 10);
    rec.recommend(3, 5);
    rec.recommend(3, 5);
    assertThat(recallModel.userCalls.get()).isEqualTo(1);
    rec.recordRating(3, 1, 4f);
    rec.recommend(3, 5);
    assertThat(recallModel.userCalls.get()).isEqualTo(2);
  }

  @Test
  void embedsAUserOnceWhenManyRequestsForThemArriveTogether() throws Exception {
    Recommender rec = recommender(false, 10);
    recallModel.userDelayMillis = 200;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<Future<List<Recommendation>>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return rec.recommend(3, 5);
                }));
      }
      start.countDown();
      for (Future<List<Recommendation>> a : answers) {
        assertThat(a.get(10, TimeUnit.SECONDS)).hasSize(5);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(recallModel.userCalls.get()).isEqualTo(1);
  }

  @Test
  void leavesTheCatalogueAsItWasWhenTheIndexRejectsANewMovie() {
    Fakes.Index picky =
        new Fakes.Index() {
          @Override
          public void add(int id, float[] vector) {
            checkArgument(id != 999, "rejected %s", id);
            super.add(id, vector);
          }
        };
    Recommender rec =
        Recommender.newBuilder(recallModel, picky, MovieStore.of(catalogue())).build();
    Movie rejected = Movie.of(999, "Rejected (2024)", List.of(Genre.COMEDY));
    assertThatThrownBy(() -> rec.addMovie(rejected)).isInstanceOf(IllegalArgumentException.class);
    assertThat(rec.movieStore().get(999)).isEmpty();
  }

  @Test
  void reEmbedsAUserWhoseRatingWasRecordedOnTheStoreDirectly() {
    Recommender rec = recommender(false, 10);
    rec.recommend(3, 5);
    users.recordRating(3, 1, 4f);
    rec.recommend(3, 5);
    assertThat(recallModel.userCalls.get()).isEqualTo(2);
  }

  @Test
  void theCatalogueViewReflectsMoviesAddedAndRemovedLater() {
    Recommender rec = recommender(false, 10);
    MovieStoreView view = rec.movieStore();

    rec.addMovie(Movie.of(500, "Later (2024)", List.of(Genre.COMEDY)));
    rec.removeMovie(1);

    assertThat(view.get(500)).map(Movie::title).hasValue("Later (2024)");
    assertThat(view.get(1)).isEmpty();
    assertThat(view.size()).isEqualTo(180);
  }

  @Test
  void theUserViewReflectsUsersAndRatingsAddedLater() {
    Recommender rec = recommender(false, 10);
    UserStoreView view = rec.users();

    rec.addUser(User.withoutProfile(8));
    rec.recordRating(8, 40, 5f);

    assertThat(view.ids()).containsExactly(3, 8);
    assertThat(view.history(8)).containsExactly(40);
    assertThat(view.hasSeen(8, 40)).isTrue();
  }

  @Test
  void theStoreViewsOfferNoUpdatesNotEvenByACast() {
    Recommender rec = recommender(false, 10);

    assertThat(Arrays.stream(MovieStoreView.class.getMethods()).map(Method::getName))
        .containsOnly("get", "lookup", "size", "all");
    assertThat(Arrays.stream(UserStoreView.class.getMethods()).map(Method::getName))
        .containsOnly(
            "user", "context", "history", "hasSeen", "seenFilter", "seenCount", "size", "ids");
    assertThat(rec.movieStore()).isNotInstanceOf(MovieStore.class);
    assertThat(rec.users()).isNotInstanceOf(UserStore.class);
  }

  @Test
  void hasARankerOnlyWhenGivenOne() {
    assertThat(recommender(false, 10).ranker()).isEmpty();
    assertThat(recommender(true, 10).ranker()).map(RankingModel::kind).hasValue("fake-ranker");
  }

  @Test
  void closingTheRecommenderClosesItsModelsAndIndexExactlyOnce() {
    Fakes.Index index = new Fakes.Index();
    Fakes.Ranker ranker = new Fakes.Ranker();
    Recommender rec =
        Recommender.newBuilder(recallModel, index, MovieStore.of(catalogue()))
            .withRanker(ranker)
            .build();

    rec.close();
    rec.close();

    assertThat(recallModel.closeCalls.get()).isEqualTo(1);
    assertThat(ranker.closeCalls.get()).isEqualTo(1);
    assertThat(index.closeCalls.get()).isEqualTo(1);
  }

  @Test
  void closesTheIndexEvenWhenClosingTheRecallModelFails() {
    Fakes.Index index = new Fakes.Index();
    Fakes.Recall failing =
        new Fakes.Recall() {
          @Override
          public void close() {
            super.close();
            throw new IllegalStateException("cannot close");
          }
        };
    Recommender rec = Recommender.newBuilder(failing, index, MovieStore.of(catalogue())).build();

    rec.close();

    assertThat(failing.closeCalls.get()).isEqualTo(1);
    assertThat(index.closeCalls.get()).isEqualTo(1);
  }

  @Test
  void rejectsAnIndexOfAnotherDimension() {
    Fakes.Index threeD =
        new Fakes.Index() {
          @Override
          public int dimension() {
            return 3;
          }
        };
    assertThatThrownBy(
            () -> Recommender.newBuilder(recallModel, threeD, MovieStore.of(catalogue())).build())
        .hasMessageContaining("3-d vectors but the recall model makes 2-d ones");
  }

  @Test
  void answersConcurrentRequestsWhileMoviesAreAdded() throws Exception {
    Recommender rec = recommender(true, 20);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> jobs = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      jobs.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 2000; i++) {
                  assertThat(rec.recommend(3, 10))
                      .hasSize(10)
                      .extracting(x -> x.movie().id())
                      .doesNotContain(30, 31);
                  assertThat(rec.recommend(UserProfile.of("F", 18, i % 21), 5)).hasSize(5);
                }
                return null;
              }));
    }
    jobs.add(
        pool.submit(
            () -> {
              for (int id = 1000; id < 1500; id++) {
                rec.addMovie(Movie.of(id, "New " + id + " (2001)", List.of(Genre.ACTION)));
              }
              return null;
            }));
    for (Future<?> f : jobs) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(rec.movieStore().size()).isEqualTo(680);
  }
}
