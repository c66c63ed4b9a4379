package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.Rating;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ml1mReadingTest {
  @TempDir Path dir;

  @Test
  void detectsTheFormatAndReadsEveryUserInFileOrder() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml1m(dir));

    assertThat(data.format()).isEqualTo(MovieLensFormat.ML_1M);
    assertThat(data.directory()).isEqualTo(dir);
    assertThat(data.users().keySet()).containsExactly(1, 2, 3);
    assertThat(data.users().get(2))
        .isEqualTo(User.of(2, Gender.MALE, AgeBucket.FROM_56, Occupation.RETIRED, "98107-4116"));
  }

  @Test
  void readsMoviesWithTheYearOfTheirTitleAndTheirGenres() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml1m(dir));

    assertThat(data.movies().keySet()).containsExactly(1, 2, 3, 4);
    assertThat(data.movies().get(1))
        .isEqualTo(
            new Movie(
                1,
                "Alpha Story (1995)",
                1995,
                List.of(Genre.ANIMATION, Genre.CHILDRENS, Genre.COMEDY)));
    assertThat(data.movies().get(3).releaseYear()).isEmpty();
  }

  @Test
  void keepsLatin1TitlesIntact() throws IOException {
    Fixtures.ml1m(dir);
    byte[] raw = Files.readAllBytes(dir.resolve("movies.dat"));
    assertThat(raw).contains((byte) 0xE9); // é as the single Latin-1 byte

    MovieLensDataset data = MovieLensDataset.open(dir);

    assertThat(data.movies().get(2).title()).isEqualTo("Le Café Inventé (1994)");
  }

  @Test
  void streamsRatingsInFileOrderWithTheirLineNumbers() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml1m(dir));
    List<String> seen = new ArrayList<>();

    ReadSummary summary =
        data.forEachRating(
            (u, m, s, t, line) -> seen.add(u + "::" + m + "::" + (int) s + "::" + t + " @" + line));

    String[] lines = Fixtures.ML1M_RATINGS.split("\n");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      expected.add(lines[i] + " @" + (i + 1));
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(summary.linesRead("ratings.dat")).isEqualTo(lines.length);
    assertThat(summary.linesSkipped()).isZero();
  }

  @Test
  void readsRatingsIntoAColumnarTable() throws IOException {
    RatingTable table = MovieLensDataset.open(Fixtures.ml1m(dir)).readRatings();

    assertThat(table.size()).isEqualTo(5);
    assertThat(table.rating(4)).isEqualTo(new Rating(3, 3, 2f, 970000005L));
    assertThat(table.lineNumber(4)).isEqualTo(5);
    assertThat(table.userIds()).containsExactly(1, 1, 2, 3, 3);
    assertThat(table.movieIds()).containsExactly(2, 1, 4, 1, 3);
  }

  @Test
  void tableRejectsARowOutsideIt() throws IOException {
    RatingTable table = MovieLensDataset.open(Fixtures.ml1m(dir)).readRatings();

    assertThatThrownBy(() -> table.userId(table.size()))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void acceptsCrlfLineEndings() throws IOException {
    MovieLensDataset lf =
        MovieLensDataset.open(Fixtures.ml1m(Files.createDirectory(dir.resolve("lf"))));
    Path crlf = Files.createDirectory(dir.resolve("crlf"));
    Fixtures.write(crlf, "users.dat", Fixtures.ML1M_USERS.replace("\n", "\r\n"));
    Fixtures.write(crlf, "movies.dat", Fixtures.ML1M_MOVIES.replace("\n", "\r\n"));
    Fixtures.write(crlf, "ratings.dat", Fixtures.ML1M_RATINGS.replace("\n", "\r\n"));

    MovieLensDataset data = MovieLensDataset.open(crlf);

    assertThat(data.users()).isEqualTo(lf.users());
    assertThat(data.movies()).isEqualTo(lf.movies());
    assertThat(data.readRatings().timestamps()).containsExactly(lf.readRatings().timestamps());
  }

  @Test
  void acceptsABlankFinalLine() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", Fixtures.ML1M_RATINGS + "\n");

    RatingTable table = MovieLensDataset.open(dir).readRatings();

    assertThat(table.size()).isEqualTo(5);
    assertThat(table.summary().linesRead("ratings.dat")).isEqualTo(6);
  }

  @Test
  void refusesALastLineWithoutNewlineAsCutShort() throws IOException {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", Fixtures.ML1M_RATINGS.stripTrailing());

    MovieLensDataset data = MovieLensDataset.open(dir);

    assertThatThrownBy(data::readRatings)
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("ratings.dat line 5")
        .hasMessageContaining("no line break");
  }

  @Test
  void readsLongLinesAcrossTheReadBuffersEdges() throws IOException {
    Fixtures.ml1m(dir);
    String longTitle = "L" + "o".repeat(900) + "ng (1999)";
    StringBuilder movies = new StringBuilder();
    for (int id = 1; id <= 300; id++) {
      movies.append(id).append("::").append(longTitle).append("::Drama\n");
    }
    Fixtures.write(dir, "movies.dat", movies.toString());

    MovieLensDataset data =
        MovieLensDataset.open(dir, ReadOptions.newBuilder().withRatingsRequired(false).build());

    assertThat(data.movies()).hasSize(300);
    assertThat(data.movies().values()).allSatisfy(m -> assertThat(m.title()).isEqualTo(longTitle));
  }

  @Test
  void rejectsABlankLineBetweenDataLines() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n\n1::1::3::970000002\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 2: \"\" is a blank line between data lines");
  }

  @Test
  void rejectsARatingAboveFive() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n1::1::6::970000002\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 2, field rating: \"6\" is outside 1..5");
  }

  @Test
  void rejectsAHalfStarRating() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::4.5::970000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 1, field rating: \"4.5\" is not a whole number");
  }

  @Test
  void rejectsATruncatedLine() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n1::1::3\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 2: \"1::1::3\" has 3 fields separated by \"::\", expected 4");
  }

  @Test
  void rejectsAWrongSeparator() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1\t2\t5\t970000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.dat line 1: \"1\\t2\\t5\\t970000001\" has 1 fields separated by \"::\","
                + " expected 4");
  }

  @Test
  void rejectsANonNumericUserId() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1x::2::5::970000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 1, field user: \"1x\" is not a whole number");
  }

  @Test
  void rejectsAUserIdOfZero() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", "0::F::25::4::12345\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "users.dat line 1, field user: \"0\" is not a valid id (expected 1..2147483647)");
  }

  @Test
  void rejectsANonNumericTimestamp() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::97000000l\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.dat line 1, field timestamp: \"97000000l\" is not a whole number");
  }

  @Test
  void rejectsAnUnknownGender() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", "1::F::25::4::12345\n2::X::25::4::12345\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("users.dat line 2, field gender: \"X\" is not M or F");
  }

  @Test
  void rejectsAnUnknownAgeCode() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", "1::F::17::4::12345\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "users.dat line 1, field age: \"17\" is not an age code (1, 18, 25, 35, 45, 50 or 56)");
  }

  @Test
  void rejectsAnUnknownOccupationCode() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", "1::F::25::21::12345\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("users.dat line 1, field occupation: \"21\" is not an occupation code (0..20)");
  }

  @Test
  void rejectsAnUnknownGenre() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.dat", "1::Alpha Story (1995)::Comedy|Space Opera\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "movies.dat line 1, field genres: \"Comedy|Space Opera\" holds an unknown genre \"Space"
                + " Opera\"");
  }

  @Test
  void rejectsAnEmptyFile() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("ratings.dat") + " is empty");
  }

  @Test
  void rejectsAFileOfBlankLinesAsEmpty() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", "\n\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("users.dat") + " is empty");
  }

  @Test
  void rejectsAMissingUsersFileNamingItsPath() throws IOException {
    Fixtures.ml1m(dir);
    Files.delete(dir.resolve("users.dat"));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("users.dat") + " does not exist or is not a regular file");
  }

  @Test
  void rejectsAMissingRatingsFileUnlessRatingsAreNotRequired() throws IOException {
    Fixtures.ml1m(dir);
    Files.delete(dir.resolve("ratings.dat"));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith(dir.resolve("ratings.dat") + " does not exist")
        .hasMessageContaining("withRatingsRequired(false)");
  }

  @Test
  void opensWithoutRatingsWhenTheyAreNotRequired() throws IOException {
    Fixtures.ml1m(dir);
    Files.delete(dir.resolve("ratings.dat"));

    MovieLensDataset data =
        MovieLensDataset.open(dir, ReadOptions.newBuilder().withRatingsRequired(false).build());

    assertThat(data.hasRatings()).isFalse();
    assertThat(data.users()).hasSize(3);
    assertThatThrownBy(() -> data.forEachRating((u, m, s, t, l) -> {}))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("ratings.dat") + " does not exist or is not a regular file");
  }

  @Test
  void rejectsUtf16Text() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", Fixtures.ML1M_USERS.getBytes(StandardCharsets.UTF_16LE));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("users.dat line 1: ")
        .hasMessageContaining("has a NUL byte at column 2: the file is not ISO-8859-1 text");
  }

  @Test
  void rejectsARepeatedRatingNamingBothLines() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", Fixtures.ML1M_RATINGS + "1::1::4::970000009\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.dat line 6, field movie: \"1\" was rated by user 1 before, on line 2"
                + " (a repeated rating)");
  }

  @Test
  void rejectsARatingOfAnUnknownUser() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n9::1::3::970000002\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.dat line 2, field user: \"9\" is not a user of users.dat (user 9 rated movie"
                + " 1)");
  }

  @Test
  void rejectsARatingOfAnUnknownMovie() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::77::5::970000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).forEachRating((u, m, s, t, l) -> {}))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.dat line 1, field movie: \"77\" is not a movie of movies.dat (user 1 rated"
                + " movie 77)");
  }

  @Test
  void rejectsARepeatedUserId() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "users.dat", Fixtures.ML1M_USERS + "2::F::35::7::54321\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("users.dat line 4, field user: \"2\" is a repeated user id (first on line 2)");
  }

  @Test
  void rejectsARepeatedMovieId() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "movies.dat", Fixtures.ML1M_MOVIES + "1::Another Film (2000)::Drama\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "movies.dat line 5, field movie: \"1\" is a repeated movie id (first on line 1)");
  }

  @Test
  void exceptionExposesFileLineFieldAndValue() {
    Fixtures.ml1m(dir);
    Fixtures.write(dir, "ratings.dat", "1::2::5::970000001\n1::1::6::970000002\n");

    MalformedDataException e =
        assertThrows(MalformedDataException.class, () -> MovieLensDataset.open(dir).readRatings());

    assertThat(e.file()).isEqualTo(dir.resolve("ratings.dat"));
    assertThat(e.lineNumber()).isEqualTo(2);
    assertThat(e.field()).hasValue("rating");
    assertThat(e.value()).hasValue("6");
  }
}
