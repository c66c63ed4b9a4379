package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.synthetic.Ml1mTestFiles.MovieLine;
import io.movierec.synthetic.Ml1mTestFiles.RatingLine;
import io.movierec.synthetic.Ml1mTestFiles.UserLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder, determinism and what {@code writeTo} writes. */
class SyntheticMovieLensTest {

  @TempDir Path tmp;

  private static SyntheticMovieLens.Builder small() {
    return SyntheticMovieLens.newBuilder().withUsers(200).withMovies(300).withRatings(10_000);
  }

  @Test
  void defaultsHaveTheShapeOfMl1m() {
    SyntheticMovieLens g = SyntheticMovieLens.newBuilder().build();

    assertThat(g.users()).isEqualTo(6040);
    assertThat(g.movies()).isEqualTo(3883);
    assertThat(g.ratings()).isEqualTo(1_000_000);
    assertThat(g.minRatingsPerUser()).isEqualTo(20);
  }

  @Test
  void rejectsFewerRatingsThanTheMinimumForEveryUser() {
    assertThatThrownBy(() -> small().withRatings(200 * 20 - 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings")
        .hasMessageContaining("3999");
  }

  @Test
  void rejectsMoreRatingsThanHalfOfAllUserMoviePairs() {
    assertThatThrownBy(() -> small().withRatings(200 * 300 / 2 + 1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ratings")
        .hasMessageContaining("30001");
  }

  @Test
  void acceptsExactlyHalfOfAllUserMoviePairs() throws IOException {
    SyntheticSummary written = small().withRatings(200 * 300 / 2).build().writeTo(tmp);

    assertThat(written.ratings()).isEqualTo(30_000);
    assertThat(Ml1mTestFiles.ratings(tmp)).hasSize(30_000);
  }

  @Test
  void rejectsZeroUsers() {
    assertThatThrownBy(() -> small().withUsers(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("users")
        .hasMessageContaining("0");
  }

  @Test
  void rejectsZeroMovies() {
    assertThatThrownBy(() -> small().withMovies(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("movies");
  }

  @Test
  void rejectsAMinimumOfZeroRatingsPerUser() {
    assertThatThrownBy(() -> small().withMinRatingsPerUser(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minRatingsPerUser");
  }

  @Test
  void rejectsMoreRatingsThanUsersCanGiveUnderThePerUserCap() {
    // 3 movies: at most 1 rating per user (60% of 3), although half of all pairs would be 1.5.
    assertThatThrownBy(
            () ->
                SyntheticMovieLens.newBuilder()
                    .withUsers(2)
                    .withMovies(3)
                    .withMinRatingsPerUser(1)
                    .withRatings(3)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRatingsPerUser");
  }

  @Test
  void writesTheThreeFilesAndReturnsTheirCounts() throws IOException {
    SyntheticSummary written = small().build().writeTo(tmp.resolve("new/dir"));

    assertThat(written.directory()).isEqualTo(tmp.resolve("new/dir"));
    assertThat(written.users()).isEqualTo(200);
    assertThat(written.movies()).isEqualTo(300);
    assertThat(written.ratings()).isEqualTo(10_000);
    assertThat(Ml1mTestFiles.users(written.directory())).hasSize(200);
    assertThat(Ml1mTestFiles.movies(written.directory())).hasSize(300);
    assertThat(Ml1mTestFiles.ratings(written.directory())).hasSize(10_000);
    assertThat(written.usersFile()).exists().hasFileName("users.dat");
    assertThat(written.moviesFile()).exists().hasFileName("movies.dat");
    assertThat(written.ratingsFile()).exists().hasFileName("ratings.dat");
  }

  @Test
  void leavesNoOtherFilesInTheDirectory() throws IOException {
    small().build().writeTo(tmp);

    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("users.dat", "movies.dat", "ratings.dat");
    }
  }

  @Test
  void theSameSeedAndSettingsGiveByteIdenticalFiles() throws IOException {
    Path first = small().withSeed(7).build().writeTo(tmp.resolve("a")).directory();
    Path second = small().withSeed(7).build().writeTo(tmp.resolve("b")).directory();

    for (String file : List.of("users.dat", "movies.dat", "ratings.dat")) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void anotherSeedGivesOtherFiles() throws IOException {
    Path first = small().withSeed(7).build().writeTo(tmp.resolve("a")).directory();
    Path second = small().withSeed(8).build().writeTo(tmp.resolve("b")).directory();

    for (String file : List.of("users.dat", "movies.dat", "ratings.dat")) {
      assertThat(Files.readAllBytes(second.resolve(file)))
          .as(file)
          .isNotEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void usersAndMoviesDoNotChangeWithTheNumberOfRatings() throws IOException {
    Path fewer = small().withRatings(8_000).build().writeTo(tmp.resolve("a")).directory();
    Path more = small().withRatings(12_000).build().writeTo(tmp.resolve("b")).directory();

    assertThat(Files.readAllBytes(more.resolve("users.dat")))
        .isEqualTo(Files.readAllBytes(fewer.resolve("users.dat")));
    assertThat(Files.readAllBytes(more.resolve("movies.dat")))
        .isEqualTo(Files.readAllBytes(fewer.resolve("movies.dat")));
  }

  @Test
  void theInMemoryDatasetIsWhatTheFilesHold() throws IOException {
    SyntheticDataset data = small().build().generate();
    data.writeTo(tmp);

    List<UserLine> users = Ml1mTestFiles.users(tmp);
    for (int i = 0; i < users.size(); i++) {
      var u = data.users().get(i);
      assertThat(users.get(i))
          .isEqualTo(
              new UserLine(
                  u.id(),
                  u.profile().gender().code(),
                  u.profile().age().code(),
                  u.profile().occupation().code(),
                  u.zip()));
    }
    List<MovieLine> movies = Ml1mTestFiles.movies(tmp);
    for (int i = 0; i < movies.size(); i++) {
      var m = data.movies().get(i);
      assertThat(movies.get(i).id()).isEqualTo(m.id());
      assertThat(movies.get(i).title()).isEqualTo(m.title());
      assertThat(movies.get(i).genres())
          .containsExactlyElementsOf(m.genres().stream().map(g -> g.label()).toList());
    }
    List<RatingLine> ratings = Ml1mTestFiles.ratings(tmp);
    assertThat(ratings).hasSize(data.ratings().size());
    for (int i = 0; i < ratings.size(); i++) {
      RatingColumns r = data.ratings();
      assertThat(ratings.get(i))
          .isEqualTo(new RatingLine(r.userId(i), r.movieId(i), r.score(i), r.timestamp(i)));
    }
  }

  @Test
  void theDefaultShapeHasTheCountsAndIdRangesOfMl1m() throws IOException {
    SyntheticSummary written = SyntheticMovieLens.newBuilder().build().writeTo(tmp);

    assertThat(written.users()).isEqualTo(6040);
    assertThat(written.movies()).isEqualTo(3883);
    assertThat(written.ratings()).isEqualTo(1_000_000);
    assertThat(lineCount(written.usersFile())).isEqualTo(6040);
    assertThat(lineCount(written.moviesFile())).isEqualTo(3883);
    assertThat(lineCount(written.ratingsFile())).isEqualTo(1_000_000);
    List<MovieLine> movies = Ml1mTestFiles.movies(tmp);
    assertThat(movies.get(0).id()).isEqualTo(1);
    assertThat(movies.get(movies.size() - 1).id()).isEqualTo(3952);
  }

  private static long lineCount(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    long lines = 0;
    for (byte b : bytes) {
      if (b == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
