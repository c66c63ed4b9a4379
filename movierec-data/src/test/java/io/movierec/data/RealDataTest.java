package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.movierec.domain.Movie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Reads the real MovieLens files in the directory named by the system property {@code
 * movierec.data.dir}; skipped when it is absent. The expected counts are those the data directory's
 * README measured independently.
 */
class RealDataTest {

  private static Path dataDir(String name) {
    String root = System.getProperty("movierec.data.dir");
    Path dir = root == null ? null : Path.of(root, name);
    assumeTrue(
        dir != null && Files.isDirectory(dir),
        "no MovieLens data: set -Dmovierec.data.dir to a directory holding " + name + "/");
    return dir;
  }

  @Test
  void ml100kParsesCompletely() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(dataDir("ml-100k"));

    RatingTable ratings = data.readRatings();

    assertThat(data.format()).isEqualTo(MovieLensFormat.ML_100K);
    assertThat(data.users()).hasSize(943);
    assertThat(data.movies()).hasSize(1682);
    assertThat(ratings.size()).isEqualTo(100_000);
    assertThat(data.summary().linesRead("u.genre")).isEqualTo(20);
    assertThat(ratings.summary().linesRead("u.data")).isEqualTo(100_000);
  }

  @Test
  void ml100kLatin1TitlesAreIntact() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(dataDir("ml-100k"));

    assertThat(data.movies().values()).map(Movie::title).anyMatch(t -> t.contains("Misérables"));
  }

  @Test
  void ml1mUsersAndMoviesParseCompletely() throws IOException {
    MovieLensDataset data =
        MovieLensDataset.open(
            dataDir("ml-1m"), ReadOptions.newBuilder().withRatingsRequired(false).build());

    assertThat(data.format()).isEqualTo(MovieLensFormat.ML_1M);
    assertThat(data.users()).hasSize(6040);
    assertThat(data.movies()).hasSize(3883);
    assertThat(data.movies().values()).map(Movie::title).anyMatch(t -> t.contains("Misérables"));
  }

  @Test
  void ml1mWithoutItsRatingsFileIsAnErrorUnlessRatingsAreNotRequired() {
    Path dir = dataDir("ml-1m");
    assumeTrue(!Files.exists(dir.resolve("ratings.dat")), "this ml-1m copy has its ratings.dat");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("ratings.dat does not exist");
  }
}
