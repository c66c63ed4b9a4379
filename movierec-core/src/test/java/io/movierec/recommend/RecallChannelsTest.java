package io.movierec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall channels: merging with quotas, attribution, filters, orderings, the built-in channels. */
class RecallChannelsTest {

  @TempDir Path dir;

  private static List<Movie> catalogue() {
    List<Movie> movies = new ArrayList<>();
    for (int id = 1; id <= 180; id++) {
      movies.add(
          Movie.of(
              id, "Movie " + id + " (1995)", List.of(id % 2 == 0 ? Genre.DRAMA : Genre.COMEDY)));
    }
    return movies;
  }

  private static final UserProfile WRITER =
      new UserProfile(Gender.FEMALE, AgeBucket.FROM_25_TO_34, Occupation.WRITER);

  /** User 3 points at 30 degrees and has seen 30 and 31; the index offers 29, 28, 32, 27, 33... */
  private final UserStore users =
      UserStore.newBuilder()
          .addUser(new User(3, WRITER, ""))
          .addRating(3, 30, 4f, 100)
          .addRating(3, 31, 4f, 200)
          .build();

  /** A channel that offers fixed movies in a fixed order, each scored lower than the last. */
  private record Listed(String name, int... ids) implements RecallChannel {
    @Override
    public void recall(Request request, Sink sink) {
      for (int i = 0; i < ids.length; i++) {
        if (!sink.offer(ids[i], ids.length - i)) {
          return;
        }
      }
    }
  }

  /** Predicts watching: the higher the id, the likelier; ratings the other way round. */
  private static final class WatchRanker extends Fakes.Ranker {
    @Override
    public RankScores scores(UserContext user, List<Movie> movies) {
      float[] watch = new float[movies.size()];
      for (int i = 0; i < watch.length; i++) {
        watch[i] = movies.get(i).id() / 1000f;
      }
      return new RankScores(watch, score(user, movies));
    }

    @Override
    public boolean predictsWatching() {
      return true;
    }
  }

  private Recommender.Builder builder(int indexQuota) {
    return Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), MovieStore.of(catalogue()))
        .withUsers(users)
        .withCandidates(indexQuota);
  }

  private static List<Integer> ids(List<Recommendation> recs) {
    return recs.stream().map(r -> r.movie().id()).toList();
  }

  private static Recommendation find(List<Recommendation> recs, int id) {
    return recs.stream().filter(r -> r.movie().id() == id).findFirst().orElseThrow();
  }

  @Test
  void mergeTakesEachChannelsQuotaOfNewMoviesAndListsEachMovieOnce() {
    Recommender r =
        builder(3)
            .withChannel(new Listed("a", 29, 28, 100, 101, 102, 103), 2)
            .withChannel(new Listed("b", 100, 150, 151, 152), 2)
            .build();
    List<Recommendation> recs = r.recommend(3, 7);
    // index: 29, 28, 32; a: 100, 101 (29 and 28 it found again); b: 150, 151 (100 again).
    assertThat(ids(recs)).containsExactlyInAnyOrder(29, 28, 32, 100, 101, 150, 151);
    assertThat(r.recommend(3, 20)).hasSize(20); // the index makes up what the quotas lack
  }

  @Test
  void everyRecommendationNamesTheChannelsThatFoundIt() {
    Recommender r =
        builder(3)
            .withChannel(new Listed("a", 29, 28, 100, 101, 102, 103), 2)
            .withChannel(new Listed("b", 100, 150, 151, 152), 2)
            .build();
    List<Recommendation> recs = r.recommend(3, 7);
    assertThat(find(recs, 29).channels()).containsExactly("index", "a");
    assertThat(find(recs, 32).channels()).containsExactly("index");
    assertThat(find(recs, 100).channels()).containsExactly("a", "b");
    assertThat(find(recs, 150).channels()).containsExactly("b");
  }

  @Test
  void aMovieFoundBySeveralChannelsRanksHigherInRecallOrder() {
    Recommender r = builder(3).withChannel(new Listed("a", 32, 100), 1).build();
    List<Recommendation> recs = r.recommend(3, 4);
    // 32 is the index's third but also a's first: reciprocal-rank fusion puts it on top.
    assertThat(ids(recs)).containsExactly(32, 29, 28, 100);
    assertThat(recs.get(0).recallScore()).isGreaterThan(recs.get(1).recallScore());
  }

  @Test
  void aChannelCannotLeakAMovieTheUserHasSeen() {
    Recommender r = builder(3).withChannel(new Listed("leaky", 30, 31, 120), 3).build();
    assertThat(ids(r.recommend(3, 10))).doesNotContain(30, 31).contains(120);
  }

  @Test
  void aFilterAppliedBeforeRankingStillGivesKMovies() {
    Recommender r =
        builder(10)
            .withChannel(new Listed("a", 100, 102, 103, 104, 106), 3)
            .withRanker(new WatchRanker())
            .build();
    List<Recommendation> recs = r.recommend(3, 13, m -> m.id() % 2 == 1);
    assertThat(recs).hasSize(13);
    assertThat(ids(recs)).allSatisfy(id -> assertThat(id % 2).isEqualTo(1));
    assertThat(ids(recs)).contains(103); // a's only odd movie
  }

  @Test
  void aFilterThatRejectsMostMoviesStillFillsTheListForANewUser() {
    Recommender r = builder(10).build();
    List<Recommendation> recs = r.recommend(WRITER, 10, m -> m.id() % 10 == 0);
    assertThat(recs).hasSize(10);
    assertThat(ids(recs)).allSatisfy(id -> assertThat(id % 10).isZero());
  }

  @Test
  void combinesTheRecallAndWatchOrdersByDefaultWhenTheRankerPredictsWatching() {
    Recommender r = builder(5).withRanker(new WatchRanker()).build();
    assertThat(r.effectiveOrdering()).isEqualTo(Ordering.COMBINED);
  }

  @Test
  void ordersByTheWatchScoreWhenAsked() {
    Recommender r = builder(5).withRanker(new WatchRanker()).withOrdering(Ordering.WATCH).build();
    List<Recommendation> recs = r.recommend(3, 5);
    // Candidates 29, 28, 32, 27, 33: the likeliest to be watched (highest id) first.
    assertThat(ids(recs)).containsExactly(33, 32, 29, 28, 27);
    assertThat(recs.get(0).watchScore()).isEqualTo(0.033f);
    assertThat(recs.get(0).predictedRating()).isEqualTo(5f - 0.033f);
  }

  @Test
  void theCombinedScoreFusesTheRecallPlaceAndTheWatchPlace() {
    Recommender r = builder(5).withRanker(new WatchRanker()).withCombinationWeight(1).build();
    List<Recommendation> recs = r.recommend(3, 5);
    // Recall places 29:1 28:2 32:3 33:4 27:5; watch places 33:1 32:2 29:3 28:4 27:5.
    assertThat(ids(recs)).containsExactly(29, 33, 32, 28, 27);
    assertThat(recs.get(0).combinedScore()).isEqualTo((float) (1.0 / 61 + 1.0 / 63));
    assertThat(recs.get(1).combinedScore()).isEqualTo((float) (1.0 / 64 + 1.0 / 61));
  }

  @Test
  void aCombinationWeightOfZeroKeepsTheRecallOrder() {
    Recommender r = builder(5).withRanker(new WatchRanker()).withCombinationWeight(0).build();
    assertThat(ids(r.recommend(3, 5))).containsExactly(29, 28, 32, 33, 27); // the recall order
  }

  @Test
  void aLargeCombinationWeightGivesTheWatchOrder() {
    Recommender r = builder(5).withRanker(new WatchRanker()).withCombinationWeight(1000).build();
    assertThat(ids(r.recommend(3, 5))).containsExactly(33, 32, 29, 28, 27);
  }

  @Test
  void everyRecommendationCarriesTheCombinedScoreWhateverTheOrdering() {
    Recommender r = builder(5).withRanker(new WatchRanker()).withOrdering(Ordering.RECALL).build();
    assertThat(r.recommend(3, 5)).allSatisfy(x -> assertThat(x.combinedScore()).isPositive());
  }

  @Test
  void aRankerThatPredictsOnlyRatingsGivesNoCombinedScore() {
    Recommender r = builder(5).withRanker(new Fakes.Ranker()).build();
    assertThat(r.recommend(3, 3)).allSatisfy(x -> assertThat(x.combinedScore()).isNaN());
  }

  @Test
  void refusesANegativeCombinationWeight() {
    assertThatThrownBy(() -> builder(5).withCombinationWeight(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-0.1");
  }

  @Test
  void refusesTheCombinedOrderingWithoutAWatchRanker() {
    assertThatThrownBy(() -> builder(5).withOrdering(Ordering.COMBINED).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("there is no ranker");
  }

  @Test
  void keepsTheRecallOrderByDefaultWithARankerThatPredictsOnlyRatings() {
    Recommender r = builder(5).withRanker(new Fakes.Ranker()).build();
    assertThat(r.effectiveOrdering()).isEqualTo(Ordering.RECALL);
    List<Recommendation> recs = r.recommend(3, 3);
    assertThat(ids(recs)).containsExactly(29, 28, 32);
    assertThat(recs.get(0).watchScore()).isNaN();
    assertThat(recs.get(0).predictedRating()).isEqualTo(5f - 0.029f);
  }

  @Test
  void ordersByWatchTimesRatingWhenAsked() {
    Recommender r =
        builder(5).withRanker(new WatchRanker()).withOrdering(Ordering.WATCH_TIMES_RATING).build();
    List<Recommendation> recs = r.recommend(3, 5);
    for (int i = 1; i < recs.size(); i++) {
      Recommendation a = recs.get(i - 1);
      Recommendation b = recs.get(i);
      assertThat(a.watchScore() * a.predictedRating())
          .isGreaterThanOrEqualTo(b.watchScore() * b.predictedRating());
    }
  }

  @Test
  void refusesAWatchOrderingWithoutAWatchRanker() {
    assertThatThrownBy(
            () -> builder(5).withRanker(new Fakes.Ranker()).withOrdering(Ordering.WATCH).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("predicts only ratings");
  }

  @Test
  void refusesTwoChannelsOfTheSameName() {
    assertThatThrownBy(
            () -> builder(5).withChannel(new Listed("a", 1), 1).withChannel(new Listed("a", 2), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already a channel named 'a'");
  }

  @Test
  void coOccurrenceRecallsTheMoviesRatedNextToTheUsersLatest() {
    UserStore.Builder b = UserStore.newBuilder();
    // Users 1-5 rate 10 then 11 (adjacent) after 20 others; 12 comes far before 10.
    for (int u = 1; u <= 5; u++) {
      b.addUser(new User(u, WRITER, ""));
      b.addRating(u, 12, 4f, 1);
      for (int m = 50; m < 70; m++) {
        b.addRating(u, m, 4f, 2 + m);
      }
      b.addRating(u, 10, 4f, 100);
      b.addRating(u, 11, 4f, 101);
    }
    for (int u = 6; u <= 7; u++) { // two more who rated just 10 and 11
      b.addUser(new User(u, WRITER, "")).addRating(u, 10, 4f, 1).addRating(u, 11, 4f, 2);
    }
    b.addUser(new User(9, WRITER, "")).addRating(9, 10, 5f, 1);
    UserStore store = b.build();
    CoOccurrenceChannel c = CoOccurrenceChannel.newBuilder().withWindow(3).build(store);
    assertThat(c.neighboursOf(10)).startsWith(11).doesNotContain(12);
    List<Integer> got = new ArrayList<>();
    c.recall(
        new RecallChannel.Request(store.context(9).orElseThrow(), id -> id == 10, 5, new float[0]),
        (id, score) -> got.add(id));
    assertThat(got).first().isEqualTo(11);
  }

  @Test
  void genrePopularityServesANewUserWhatUsersLikeThemWatch() {
    UserProfile student =
        new UserProfile(Gender.MALE, AgeBucket.FROM_18_TO_24, Occupation.COLLEGE_GRAD_STUDENT);
    UserStore.Builder b = UserStore.newBuilder();
    for (int u = 1; u <= 6; u++) { // writers watch 101, students 102; more writers than students
      boolean isStudent = u <= 2;
      b.addUser(new User(u, isStudent ? student : WRITER, ""));
      b.addRating(u, isStudent ? 102 : 101, 4f, 1);
    }
    UserStore store = b.build();
    GenrePopularityChannel c =
        GenrePopularityChannel.newBuilder()
            .withDemographicWeight(2)
            .build(store, MovieStore.of(catalogue()));
    Recommender r = builder(1).withUsers(store).withChannel(c, 1).build();
    assertThat(r.recall(GenrePopularityChannel.NAME, student, 2))
        .extracting(s -> s.movie().id())
        .containsExactly(102, 101);
    assertThat(r.recall(GenrePopularityChannel.NAME, WRITER, 2))
        .extracting(s -> s.movie().id())
        .containsExactly(101, 102);
  }

  @Test
  void genrePopularityPrefersTheUsersGenres() {
    UserStore.Builder b = UserStore.newBuilder();
    for (int u = 1; u <= 4; u++) { // 101 (comedy) is the most rated; 100 (drama) second
      b.addUser(new User(u, WRITER, ""));
      b.addRating(u, 101, 4f, 1);
      if (u <= 3) {
        b.addRating(u, 100, 4f, 2);
      }
    }
    b.addUser(new User(9, WRITER, "")).addRating(9, 2, 5f, 1).addRating(9, 4, 5f, 2); // dramas
    UserStore store = b.build();
    GenrePopularityChannel c =
        GenrePopularityChannel.newBuilder().build(store, MovieStore.of(catalogue()));
    Recommender r = builder(1).withUsers(store).withChannel(c, 1).build();
    assertThat(r.recall(GenrePopularityChannel.NAME, 9, 1))
        .extracting(s -> s.movie().id())
        .containsExactly(100);
  }

  @Test
  void theChannelFileRoundTripsTheChannelsQuotasAndOrdering() throws Exception {
    UserStore.Builder b = UserStore.newBuilder();
    for (int u = 1; u <= 20; u++) {
      b.addUser(new User(u, WRITER, ""));
      for (int m = 1; m <= 15; m++) {
        b.addRating(u, (u * 7 + m * 3) % 180 + 1, 4f, m);
      }
    }
    UserStore store = b.build();
    MovieStore movies = MovieStore.of(catalogue());
    CoOccurrenceChannel co =
        CoOccurrenceChannel.newBuilder().withWindow(4).withRecent(7).build(store);
    GenrePopularityChannel gp =
        GenrePopularityChannel.newBuilder().withLatest(9).build(store, movies);
    Recommender r =
        Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), movies)
            .withUsers(store)
            .withCandidates(40)
            .withChannel(co, 30, 2.5)
            .withChannel(gp, 10)
            .withChannel(new Listed("editorial", 1, 2), 2)
            .withOrdering(Ordering.RECALL)
            .withCombinationWeight(0.25)
            .build();
    Path f = dir.resolve("channels-1.bin");
    ChannelFile.write(r, f);
    ChannelFile.Contents back = ChannelFile.read(f);
    assertThat(back.ordering()).isEqualTo(Ordering.RECALL);
    assertThat(back.combinationWeight()).isEqualTo(0.25);
    assertThat(back.indexQuota()).isEqualTo(40);
    assertThat(back.channels())
        .extracting(ChannelFile.Saved::name, ChannelFile.Saved::quota, ChannelFile.Saved::weight)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("co-occurrence", 30, 2.5),
            org.assertj.core.groups.Tuple.tuple("genre-popular", 10, 1.0),
            org.assertj.core.groups.Tuple.tuple("editorial", 2, 1.0));
    assertThat(back.channels().get(2).channel()).isNull(); // a custom channel is re-attached
    CoOccurrenceChannel co2 = (CoOccurrenceChannel) back.channels().get(0).channel();
    assertThat(co2.entries()).isEqualTo(co.entries()).isPositive();
    assertThat(co2.window()).isEqualTo(4);
    assertThat(co2.recent()).isEqualTo(7);
    for (int m = 1; m <= 180; m++) {
      assertThat(co2.neighboursOf(m)).as("movie %s", m).containsExactly(co.neighboursOf(m));
    }
    Recommender loaded =
        Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), movies)
            .withUsers(store)
            .withCandidates(40)
            .withChannel(co2, 30, 2.5)
            .withChannel(back.channels().get(1).channel(), 10)
            .withChannel(new Listed("editorial", 1, 2), 2)
            .withOrdering(back.ordering())
            .build();
    for (int u = 1; u <= 20; u++) {
      assertThat(loaded.recommend(u, 50)).as("user %s", u).isEqualTo(r.recommend(u, 50));
    }
  }

  @Test
  void newUsersGetTheirOwnOrderingWhenOneIsSet() {
    Recommender r =
        builder(3)
            .withRanker(new WatchRanker())
            .withChannel(new Listed("editorial", 1, 2), 2, 100)
            .withOrdering(Ordering.WATCH)
            .withNewUserOrdering(Ordering.RECALL)
            .build();
    assertThat(ids(r.recommend(WRITER, 2))).containsExactly(1, 2); // the editorial order
    List<Integer> known = ids(r.recommend(3, 5));
    assertThat(known).isSortedAccordingTo(java.util.Comparator.reverseOrder()); // watch: by id
    assertThat(r.effectiveNewUserOrdering()).isEqualTo(Ordering.RECALL);
  }

  @Test
  void newUsersGetTheRecommendersOrderingByDefault() {
    Recommender r = builder(3).withRanker(new WatchRanker()).withOrdering(Ordering.WATCH).build();
    assertThat(r.newUserOrdering()).isEmpty();
    assertThat(r.effectiveNewUserOrdering()).isEqualTo(Ordering.WATCH);
  }

  @Test
  void theChannelFileKeepsTheNewUsersOrdering() throws Exception {
    Recommender r =
        builder(3)
            .withRanker(new WatchRanker())
            .withOrdering(Ordering.COMBINED)
            .withNewUserOrdering(Ordering.RECALL)
            .build();
    Path f = dir.resolve("channels-1.bin");
    ChannelFile.write(r, f);
    assertThat(ChannelFile.read(f).newUserOrdering()).isEqualTo(Ordering.RECALL);
  }

  @Test
  void aVersion1ChannelFileLoadsWithTheDefaultCombinationWeight() throws Exception {
    Path f = dir.resolve("channels-1.bin");
    VersionedFile.write(
        f,
        ChannelFile.KIND,
        1,
        out -> {
          out.writeUTF("COMBINED");
          out.writeInt(100);
          out.writeDouble(1);
          out.writeInt(0);
        });
    ChannelFile.Contents back = ChannelFile.read(f);
    assertThat(back.ordering()).isEqualTo(Ordering.COMBINED);
    assertThat(back.combinationWeight()).isEqualTo(Recommender.DEFAULT_COMBINATION_WEIGHT);
    assertThat(back.indexQuota()).isEqualTo(100);
  }

  @Test
  void aChannelFileWithANegativeCombinationWeightIsRejectedNamingTheFile() throws Exception {
    Path f = dir.resolve("channels-1.bin");
    VersionedFile.write(
        f,
        ChannelFile.KIND,
        ChannelFile.VERSION,
        out -> {
          out.writeUTF("COMBINED");
          out.writeDouble(-1);
          out.writeInt(100);
          out.writeDouble(1);
          out.writeInt(0);
        });
    assertThatThrownBy(() -> ChannelFile.read(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("combination weight -1.0");
  }

  @Test
  void aChannelFileWithAnImpossibleLengthIsRejectedNamingTheFile() throws Exception {
    Path f = dir.resolve("channels-1.bin");
    VersionedFile.write(
        f,
        ChannelFile.KIND,
        ChannelFile.VERSION,
        out -> {
          out.writeUTF("AUTO");
          out.writeDouble(0.1); // combination weight
          out.writeUTF(""); // new users: the same ordering
          out.writeInt(100);
          out.writeDouble(1);
          out.writeInt(1);
          out.writeUTF("co-occurrence");
          out.writeUTF("co-occurrence");
          out.writeInt(30);
          out.writeDouble(1);
          out.writeInt(10); // window
          out.writeInt(10); // recent
          out.writeFloat(0.8f);
          out.writeInt(Integer.MAX_VALUE); // movies
          out.writeInt(5);
        });
    assertThatThrownBy(() -> ChannelFile.read(f))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("co-occurrence sizes out of range");
  }

  @Test
  void recommendationsShareOneChannelListPerCombination() {
    Recommender r = builder(5).withChannel(new Listed("a", 29, 28, 100), 1).build();
    List<Recommendation> recs = r.recommend(3, 6);
    Set<List<String>> distinct = new HashSet<>();
    recs.forEach(x -> distinct.add(x.channels()));
    assertThat(find(recs, 29).channels()).isSameAs(find(recs, 28).channels());
    assertThat(distinct).hasSizeLessThanOrEqualTo(3);
  }
}
