package io.movierec.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import io.movierec.io.CorruptFileException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trending channel: decayed counts of the ratings before the request's time. */
class TrendingChannelTest {

  private static final long DAY = 86_400;
  private static final UserProfile WRITER =
      new UserProfile(Gender.FEMALE, AgeBucket.FROM_25_TO_34, Occupation.WRITER);

  private static MovieStore catalogue() {
    List<Movie> movies = new ArrayList<>();
    for (int id = 1; id <= 20; id++) {
      movies.add(Movie.of(id, "Movie " + id + " (1995)", List.of(Genre.DRAMA)));
    }
    return MovieStore.of(movies);
  }

  private static Recommender recommender(TrendingChannel channel, UserStore users) {
    return Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), catalogue())
        .withUsers(users)
        .withCandidates(1)
        .withChannel(channel, 20)
        .build();
  }

  private static List<Integer> trending(Recommender r, long now) {
    return r.recall(TrendingChannel.NAME, WRITER, 20, Instant.ofEpochSecond(now)).stream()
        .map(s -> s.movie().id())
        .toList();
  }

  @Test
  void aRecentRatingOutweighsSeveralOldOnes() {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .addRating(1, 0)
            .addRating(1, 1)
            .addRating(1, 2)
            .addRating(2, 100 * DAY)
            .build(catalogue());
    assertThat(trending(recommender(c, UserStore.empty()), 100 * DAY + 1)).containsExactly(2, 1);
  }

  @Test
  void ratingsCountTheSameWhenTheyAreEquallyOld() {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .addRating(3, 10 * DAY)
            .addRating(3, 10 * DAY)
            .addRating(4, 10 * DAY)
            .build(catalogue());
    assertThat(c.logScore(3, 11 * DAY) - c.logScore(4, 11 * DAY)).isCloseTo(Math.log(2), within());
  }

  @Test
  void aScoreDecaysByTheTimeConstant() {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .withTimeConstant(Duration.ofDays(7))
            .addRating(5, 0)
            .build(catalogue());
    assertThat(c.logScore(5, 7 * DAY) - c.logScore(5, 1)).isCloseTo(-1 + 1.0 / (7 * DAY), within());
  }

  @Test
  void noRatingAtOrAfterTheRequestTimeIsCounted() {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .addRating(1, 5 * DAY)
            .addRating(2, 10 * DAY)
            .addRating(2, 10 * DAY + 1)
            .build(catalogue());
    Recommender r = recommender(c, UserStore.empty());
    assertThat(trending(r, 10 * DAY)).containsExactly(1);
    assertThat(trending(r, 5 * DAY)).isEmpty();
    assertThat(trending(r, 11 * DAY)).containsExactly(2, 1);
  }

  @Test
  void aRequestWithoutTimeIsAnsweredAsOfTheLatestRating() {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .addRating(1, 0)
            .addRating(1, 1)
            .addRating(2, 50 * DAY)
            .build(catalogue());
    assertThat(recommender(c, UserStore.empty()).recall(TrendingChannel.NAME, WRITER, 20))
        .extracting(s -> s.movie().id())
        .containsExactly(2, 1);
  }

  @Test
  void anAnswerAfterTheLatestRatingOrdersEveryMovieByItsDecayedCount() {
    java.util.Random random = new java.util.Random(5);
    TrendingChannel.Builder builder = TrendingChannel.newBuilder();
    for (int i = 0; i < 300; i++) {
      builder.addRating(1 + random.nextInt(20), random.nextInt(200) * DAY / 4);
    }
    TrendingChannel c = builder.build(catalogue());
    long now = c.latest() + 3 * DAY;
    List<Integer> expected =
        java.util.stream.IntStream.rangeClosed(1, 20)
            .boxed()
            .filter(id -> c.logScore(id, now) > Double.NEGATIVE_INFINITY)
            .sorted(
                java.util.Comparator.comparingDouble((Integer id) -> -c.logScore(id, now))
                    .thenComparing(id -> id))
            .toList();
    assertThat(trending(recommender(c, UserStore.empty()), now)).isEqualTo(expected);
  }

  @Test
  void aRatingRecordedAfterAnAnswerWithoutTimeChangesTheNextOne() {
    TrendingChannel c =
        TrendingChannel.newBuilder().addRating(1, 0).addRating(2, DAY).build(catalogue());
    UserStore users = UserStore.newBuilder().addUser(new User(7, WRITER, "")).build();
    Recommender r = recommender(c, users);
    assertThat(r.recall(TrendingChannel.NAME, WRITER, 20))
        .extracting(s -> s.movie().id())
        .containsExactly(2, 1);
    r.recordRating(7, 9, 4f, 2 * DAY);
    assertThat(r.recall(TrendingChannel.NAME, WRITER, 20))
        .extracting(s -> s.movie().id())
        .containsExactly(9, 2, 1);
  }

  @Test
  void recordRatingMakesAMovieTrend() {
    TrendingChannel c =
        TrendingChannel.newBuilder().addRating(1, 0).addRating(1, 1).build(catalogue());
    UserStore users = UserStore.newBuilder().addUser(new User(7, WRITER, "")).build();
    Recommender r = recommender(c, users);
    r.recordRating(7, 9, 4f, 30 * DAY);
    assertThat(trending(r, 30 * DAY + 1)).containsExactly(9, 1);
    assertThat(c.latest()).isEqualTo(30 * DAY);
  }

  @Test
  void answersOnlyNewUsersByDefault() {
    TrendingChannel c = TrendingChannel.newBuilder().addRating(1, 0).build(catalogue());
    UserStore users =
        UserStore.newBuilder().addUser(new User(7, WRITER, "")).addRating(7, 2, 4f, 0).build();
    Recommender r = recommender(c, users);
    assertThat(r.recall(TrendingChannel.NAME, 7, 5)).isEmpty();
    assertThat(trending(r, DAY)).containsExactly(1);
  }

  @Test
  void theChannelRoundTripsThroughItsBundleForm() throws Exception {
    TrendingChannel c =
        TrendingChannel.newBuilder()
            .withTimeConstant(Duration.ofDays(3))
            .withKnownUsers(true)
            .addRating(4, 2 * DAY)
            .addRating(1, 0)
            .addRating(4, DAY)
            .build(catalogue());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    c.write(new DataOutputStream(bytes));
    TrendingChannel back =
        TrendingChannel.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), Path.of("f"));
    assertThat(back.timeConstant()).isEqualTo(Duration.ofDays(3));
    assertThat(back.knownUsers()).isTrue();
    assertThat(back.latest()).isEqualTo(2 * DAY);
    for (int m = 1; m <= 20; m++) {
      assertThat(back.logScore(m, 5 * DAY)).as("movie %s", m).isEqualTo(c.logScore(m, 5 * DAY));
    }
  }

  @Test
  void theChannelFileSavesTheTrendingChannelWithItsQuotaAndWeight(@TempDir Path dir)
      throws Exception {
    TrendingChannel c =
        TrendingChannel.newBuilder().addRating(2, 0).addRating(3, DAY).build(catalogue());
    Recommender r =
        Recommender.newBuilder(new Fakes.Recall(), new Fakes.Index(), catalogue())
            .withChannel(c, 40, 100)
            .build();
    Path f = dir.resolve("channels-1.bin");
    ChannelFile.write(r, f);
    ChannelFile.Saved saved = ChannelFile.read(f).channels().get(0);
    assertThat(saved.kind()).isEqualTo(TrendingChannel.NAME);
    assertThat(saved.quota()).isEqualTo(40);
    assertThat(saved.weight()).isEqualTo(100.0);
    TrendingChannel back = (TrendingChannel) saved.channel();
    assertThat(back.logScore(3, 2 * DAY)).isEqualTo(c.logScore(3, 2 * DAY));
  }

  @Test
  void aSavedRatingTimeOutOfOrderIsRejectedNamingTheFile() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeDouble(DAY);
    out.writeBoolean(false);
    out.writeInt(1);
    out.writeInt(1);
    out.writeInt(2);
    out.writeLong(20);
    out.writeLong(10);
    assertThatThrownBy(
            () ->
                TrendingChannel.read(
                    new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())),
                    Path.of("channels-3.bin")))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("channels-3.bin")
        .hasMessageContaining("rating time 1 is 10");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
