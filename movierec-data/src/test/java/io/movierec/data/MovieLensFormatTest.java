package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensFormatTest {
  @TempDir Path dir;

  @Test
  void detectsMl1mFromItsUsersFileAlone() {
    Fixtures.write(dir, "users.dat", Fixtures.ML1M_USERS);

    assertThat(MovieLensFormat.detect(dir)).isEqualTo(MovieLensFormat.ML_1M);
  }

  @Test
  void detectsMl100kFromItsFiles() {
    assertThat(MovieLensFormat.detect(Fixtures.ml100k(dir))).isEqualTo(MovieLensFormat.ML_100K);
  }

  @Test
  void detectsCsvFromItsFiles() {
    assertThat(MovieLensFormat.detect(Fixtures.csv(dir))).isEqualTo(MovieLensFormat.CSV);
  }

  @Test
  void rejectsADirectoryWithoutMovieLensFilesNamingTheFilesItLookedFor() {
    Fixtures.write(dir, "notes.txt", "nothing here");

    assertThatThrownBy(() -> MovieLensFormat.detect(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            dir
                + " holds no MovieLens files; looked for ML_1M (users.dat, movies.dat,"
                + " ratings.dat); ML_100K (u.user, u.item, u.data); CSV (movies.csv, ratings.csv)");
  }

  @Test
  void rejectsADirectoryWithFilesOfTwoFormats() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.csv", Fixtures.CSV_MOVIES);

    assertThatThrownBy(() -> MovieLensFormat.detect(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith(dir + " holds files of several MovieLens formats")
        .hasMessageContaining("CSV: movies.csv");
  }

  @Test
  void readsTheFormatTheOptionsNameDespiteOtherFiles() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.csv", Fixtures.CSV_MOVIES);

    MovieLensDataset data =
        MovieLensDataset.open(
            dir, ReadOptions.newBuilder().withFormat(MovieLensFormat.ML_1M).build());

    assertThat(data.format()).isEqualTo(MovieLensFormat.ML_1M);
  }

  @Test
  void rejectsAPathThatIsNotADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertThatThrownBy(() -> MovieLensFormat.detect(file))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(file + " is not a directory");
  }
}
