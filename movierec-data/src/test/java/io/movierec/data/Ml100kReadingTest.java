package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Occupation;
import io.movierec.domain.Rating;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ml100kReadingTest {
  @TempDir Path dir;

  /** A u.item line with the given flags set, all others 0. */
  private static String item(int id, String title, String date, int... flags) {
    StringBuilder line = new StringBuilder(id + "|" + title + "|" + date + "||http://example.org/");
    for (int k = 0; k < 19; k++) {
      final int flag = k;
      line.append('|').append(Arrays.stream(flags).anyMatch(f -> f == flag) ? 1 : 0);
    }
    return line.append('\n').toString();
  }

  @Test
  void detectsTheFormat() throws IOException {
    assertThat(MovieLensDataset.open(Fixtures.ml100k(dir)).format())
        .isEqualTo(MovieLensFormat.ML_100K);
  }

  @Test
  void mapsAgesInYearsToBucketsAndOccupationNamesToCodes() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml100k(dir));

    assertThat(data.users().values())
        .containsExactly(
            User.of(
                1, Gender.MALE, AgeBucket.FROM_25_TO_34, Occupation.TECHNICIAN_ENGINEER, "11111"),
            User.of(2, Gender.FEMALE, AgeBucket.UNDER_18, Occupation.K12_STUDENT, "22222"),
            User.of(3, Gender.MALE, AgeBucket.FROM_56, Occupation.UNEMPLOYED, "K1A0B"));
  }

  @Test
  void readsGenreFlagsInTheirDocumentedOrder() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml100k(dir));

    assertThat(data.movies().get(1).genres()).containsExactly(Genre.ACTION, Genre.THRILLER);
    assertThat(data.movies().get(2).genres()).containsExactly(Genre.DRAMA, Genre.WAR);
    assertThat(data.movies().get(3).genres()).containsExactly(Genre.UNKNOWN);
  }

  @Test
  void takesTheYearFromTheTitle() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.item", item(1, "Alpha Story (1995)", "01-Jan-1994", 1));

    assertThat(MovieLensDataset.open(dir).movies().get(1).year()).isEqualTo(1995);
  }

  @Test
  void takesTheYearFromTheReleaseDateWhenTheTitleHasNone() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml100k(dir));

    assertThat(data.movies().get(2).title()).isEqualTo("Film Without Year");
    assertThat(data.movies().get(2).year()).isEqualTo(1981);
  }

  @Test
  void readsAnUnknownMovieWithoutDateAsHavingNoYear() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.ml100k(dir));

    assertThat(data.movies().get(3).title()).isEqualTo("unknown");
    assertThat(data.movies().get(3).releaseYear()).isEmpty();
  }

  @Test
  void readsTabSeparatedRatings() throws IOException {
    RatingTable table = MovieLensDataset.open(Fixtures.ml100k(dir)).readRatings();

    assertThat(table.size()).isEqualTo(3);
    assertThat(table.rating(1)).isEqualTo(new Rating(2, 2, 5f, 880000002L));
  }

  @Test
  void acceptsAGenreFileInTheExpectedOrder() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.genre", Fixtures.ML100K_GENRES);

    MovieLensDataset data = MovieLensDataset.open(dir);

    assertThat(data.movies()).hasSize(3);
    assertThat(data.summary().linesRead("u.genre")).isEqualTo(20);
  }

  @Test
  void rejectsAGenreFileInAnotherOrder() {
    Fixtures.ml100k(dir);
    Fixtures.write(
        dir,
        "u.genre",
        Fixtures.ML100K_GENRES
            .replace("Action|1", "Adventure|1")
            .replace("Adventure|2", "Action|2"));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "u.genre line 2, field genre: \"Adventure\" is not flag 1 of u.item,"
                + " which movierec reads as \"Action\"");
  }

  @Test
  void rejectsAGenreFileMissingAFlag() {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.genre", Fixtures.ML100K_GENRES.replace("Western|18\n", ""));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("u.genre") + " does not list genre flag 18 (Western)");
  }

  @Test
  void rejectsAGenreFlagOtherThanZeroOrOne() {
    Fixtures.ml100k(dir);
    Fixtures.write(
        dir, "u.item", item(1, "Alpha Story (1995)", "01-Jan-1995", 1).replace("|1|", "|2|"));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("u.item line 1, field genre flag Action: \"2\" is not 0 or 1");
  }

  @Test
  void rejectsAnItemWithTooFewGenreFlags() {
    Fixtures.ml100k(dir);
    String line = item(1, "Alpha Story (1995)", "01-Jan-1995", 1);
    Fixtures.write(dir, "u.item", line.substring(0, line.length() - 3) + "\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageStartingWith("u.item line 1: ")
        .hasMessageEndingWith(" has 23 fields separated by \"|\", expected 24");
  }

  @Test
  void acceptsAReleaseDateWithAOneDigitDay() throws IOException {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.item", item(1, "Film Without Year", "4-Feb-1971", 1));

    assertThat(MovieLensDataset.open(dir).movies().get(1).year()).isEqualTo(1971);
  }

  @Test
  void rejectsAMalformedReleaseDate() {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.item", item(1, "Alpha Story (1995)", "1995-01-01", 1));

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "u.item line 1, field release date: \"1995-01-01\" is not a date such as 01-Jan-1995");
  }

  @Test
  void rejectsAnUnknownOccupationName() {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.user", "1|30|M|pilot|11111\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("u.user line 1, field occupation: \"pilot\" is not an ml-100k occupation");
  }

  @Test
  void rejectsAnImplausibleAge() {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.user", "1|200|M|engineer|11111\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("u.user line 1, field age: \"200\" is outside 0..150");
  }

  @Test
  void rejectsARatingFileSeparatedByPipes() {
    Fixtures.ml100k(dir);
    Fixtures.write(dir, "u.data", "1|1|3|880000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir).readRatings())
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "u.data line 1: \"1|1|3|880000001\" has 1 fields separated by tabs, expected 4");
  }

  @Test
  void genreFlagOrderIsUnknownThenTheEighteenStandardGenres() {
    assertThat(Ml100kReader.FLAG_ORDER.stream().map(Genre::label))
        .containsExactly(
            "unknown",
            "Action",
            "Adventure",
            "Animation",
            "Children's",
            "Comedy",
            "Crime",
            "Documentary",
            "Drama",
            "Fantasy",
            "Film-Noir",
            "Horror",
            "Musical",
            "Mystery",
            "Romance",
            "Sci-Fi",
            "Thriller",
            "War",
            "Western");
  }
}
