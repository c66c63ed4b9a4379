package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LenientReadingTest {
  private static final ReadOptions LENIENT = ReadOptions.newBuilder().withLenient(true).build();

  @TempDir Path dir;

  @Test
  void skipsBadRatingLinesAndCountsThem() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(
        dir,
        "ratings.dat",
        "1::2::5::970000001\n"
            + "1::1::6::970000002\n"
            + "2::4::4::970000003\n"
            + "nonsense\n"
            + "3::3::2::970000005\n");
    List<Long> lines = new ArrayList<>();

    ReadSummary summary =
        MovieLensDataset.open(dir, LENIENT).forEachRating((u, m, s, t, line) -> lines.add(line));

    assertThat(lines).containsExactly(1L, 3L, 5L);
    assertThat(summary.linesRead("ratings.dat")).isEqualTo(5);
    assertThat(summary.linesSkipped("ratings.dat")).isEqualTo(2);
    assertThat(summary.firstProblems())
        .extracting(ReadSummary.Problem::lineNumber)
        .containsExactly(2L, 4L);
    assertThat(summary.firstProblems().get(0).message())
        .isEqualTo("ratings.dat line 2, field rating: \"6\" is outside 1..5");
  }

  @Test
  void keepsOnlyTheFirstProblemsButCountsAll() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "x\ny\n1::2::5::970000001\nz\n");
    ReadOptions options = ReadOptions.newBuilder().withLenient(true).withMaxProblemsKept(1).build();

    ReadSummary summary = MovieLensDataset.open(dir, options).readRatings().summary();

    assertThat(summary.linesSkipped()).isEqualTo(3);
    assertThat(summary.firstProblems()).hasSize(1);
    assertThat(summary.firstProblems().get(0).lineNumber()).isEqualTo(1);
  }

  @Test
  void keepsTheFirstOfTwoRatingsOfTheSameMovieByTheSameUser() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", Fixtures.ML1M_RATINGS + "1::1::4::970000009\n");

    RatingTable table = MovieLensDataset.open(dir, LENIENT).readRatings();

    assertThat(table.size()).isEqualTo(5);
    assertThat(table.timestamps()).doesNotContain(970000009L);
    assertThat(table.summary().linesSkipped("ratings.dat")).isEqualTo(1);
    assertThat(table.summary().firstProblems().get(0).message())
        .contains("line 6")
        .contains("on line 2");
  }

  @Test
  void skipsRatingsOfAUserWhoseLineWasSkipped() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", Fixtures.ML1M_USERS.replace("3::M::18", "3::Q::18"));

    MovieLensDataset data = MovieLensDataset.open(dir, LENIENT);
    RatingTable table = data.readRatings();

    assertThat(data.users().keySet()).containsExactly(1, 2);
    assertThat(data.summary().linesSkipped("users.dat")).isEqualTo(1);
    assertThat(table.userIds()).containsExactly(1, 1, 2);
    assertThat(table.summary().linesSkipped("ratings.dat")).isEqualTo(2);
  }

  @Test
  void keepsTheFirstOfTwoUsersWithTheSameId() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", Fixtures.ML1M_USERS + "2::F::35::7::54321\n");

    MovieLensDataset data = MovieLensDataset.open(dir, LENIENT);

    assertThat(data.users().get(2).zip()).isEqualTo("98107-4116");
    assertThat(data.summary().linesSkipped("users.dat")).isEqualTo(1);
  }

  @Test
  void stillRejectsAnEmptyFile() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.dat", "");

    assertThatThrownBy(() -> MovieLensDataset.open(dir, LENIENT))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("movies.dat") + " is empty");
  }

  @Test
  void summaryPrintsTheCountsOfEachFileAndTheProblemsKept() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n1::1::6::970000002\n");

    ReadSummary summary = MovieLensDataset.open(dir, LENIENT).readRatings().summary();

    assertThat(summary.toString())
        .isEqualTo(
            String.format(
                "ratings.dat: 2 lines read, 1 skipped%n"
                    + "first 1 of 1 problems:%n"
                    + "  ratings.dat line 2, field rating: \"6\" is outside 1..5%n"));
  }

  @Test
  void openSummaryCountsTheUsersAndMoviesFiles() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml1m(dir));

    assertThat(data.summary().files().keySet()).containsExactly("users.dat", "movies.dat");
    assertThat(data.summary().linesRead("users.dat"))
        .isEqualTo(Fixtures.ML1M_USERS.split("\n").length);
    assertThat(data.summary().linesSkipped()).isZero();
  }
}
