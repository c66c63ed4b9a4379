package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Genre;
import io.movierec.domain.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReadingTest {
  @TempDir Path dir;

  @Test
  void detectsTheFormat() throws IOException {
    assertThat(MovieLensDataset.open(Fixtures.csv(dir)).format()).isEqualTo(MovieLensFormat.CSV);
  }

  @Test
  void readsAQuotedTitleWithACommaAndItsYear() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.movies().get(5).title()).isEqualTo("Story, The (2001)");
    assertThat(data.movies().get(5).year()).isEqualTo(2001);
  }

  @Test
  void turnsDoubledQuotesIntoOne() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.movies().get(7).title()).isEqualTo("The \"Quoted\" Film (2010)");
  }

  @Test
  void readsUtf8Titles() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.movies().get(9).title()).isEqualTo("Ünïcode Fïlm (2019)");
  }

  @Test
  void readsNoGenresListedAsNoGenres() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.movies().get(7).genres()).isEmpty();
  }

  @Test
  void readsChildrenAsChildrensAndKeepsImax() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.movies().get(1).genres())
        .containsExactly(Genre.ADVENTURE, Genre.CHILDRENS, Genre.FANTASY);
    assertThat(data.movies().get(9).genres()).containsExactly(Genre.COMEDY, Genre.IMAX);
  }

  @Test
  void takesUsersFromTheRatingsInOrderOfFirstRatingWithoutProfiles() throws IOException {
    MovieLensDataset data = MovieLensDataset.open(Fixtures.csv(dir));

    assertThat(data.users().keySet()).containsExactly(12, 4, 30);
    assertThat(data.users().values()).allSatisfy(u -> assertThat(u.profileIfKnown()).isEmpty());
    assertThat(data.users().get(4)).isEqualTo(User.withoutProfile(4));
  }

  @Test
  void readsHalfStarRatings() throws IOException {
    RatingTable table = MovieLensDataset.open(Fixtures.csv(dir)).readRatings();

    assertThat(table.scores()).containsExactly(3.5f, 0.5f, 5f, 4f);
    assertThat(table.lineNumber(0)).isEqualTo(2); // line 1 is the header
  }

  @Test
  void rejectsARatingBetweenHalfStars() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n12,5,4.3,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.csv line 2, field rating: \"4.3\" is not a multiple of 0.5");
  }

  @Test
  void rejectsARatingAboveFive() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n12,5,5.5,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.csv line 2, field rating: \"5.5\" is outside 0.5..5");
  }

  @Test
  void rejectsARatingOfZero() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n12,5,0.0,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("ratings.csv line 2, field rating: \"0.0\" is outside 0.5..5");
  }

  @Test
  void rejectsARatingThatIsNotANumber() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n12,5,four,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.csv line 2, field rating: \"four\" is not a number of stars such as 3 or 3.5");
  }

  @Test
  void rejectsAnUnknownGenre() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "movies.csv", "movieId,title,genres\n5,Story (2001),Drama|Space Opera\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "movies.csv line 2, field genres: \"Drama|Space Opera\" holds an unknown genre \"Space"
                + " Opera\"");
  }

  @Test
  void rejectsInvalidUtf8NamingTheLine() throws IOException {
    Fixtures.csv(dir);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(Fixtures.CSV_MOVIES.getBytes(StandardCharsets.UTF_8));
    bytes.write("11,Caf\u00e9 (1990),Drama\n".getBytes(StandardCharsets.ISO_8859_1));
    Fixtures.write(dir, "movies.csv", bytes.toByteArray());

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("movies.csv line 6: \"11,Caf\uFFFD (1990),Drama\" is not valid UTF-8 text");
  }

  @Test
  void rejectsAFileWithoutItsHeader() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "12,5,3.5,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.csv line 1, field header: \"12,5,3.5,1100000001\" is not the expected header"
                + " userId,movieId,rating,timestamp");
  }

  @Test
  void rejectsAFileWithOnlyItsHeaderAsEmpty() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(dir.resolve("ratings.csv") + " is empty (no line after its header)");
  }

  @Test
  void rejectsAQuoteThatIsNotClosed() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "movies.csv", "movieId,title,genres\n5,\"Story, The (2001),Drama\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "movies.csv line 2: \"5,\\\"Story, The (2001),Drama\" has a quoted field that is not"
                + " closed on this line");
  }

  @Test
  void rejectsARatingOfAMovieNotInMoviesCsvWhenOpening() {
    Fixtures.csv(dir);
    Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n12,99,3.5,1100000001\n");

    assertThatThrownBy(() -> MovieLensDataset.open(dir))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "ratings.csv line 2, field movie: \"99\" is not a movie of movies.csv (user 12 rated"
                + " movie 99)");
  }

  @Test
  void acceptsAUtf8ByteOrderMark() throws IOException {
    Fixtures.csv(dir);
    Fixtures.write(dir, "movies.csv", "\uFEFF" + Fixtures.CSV_MOVIES);

    assertThat(MovieLensDataset.open(dir).movies()).hasSize(4);
  }

  @Test
  void opensWithoutRatingsAndSoWithoutUsersWhenRatingsAreNotRequired() throws IOException {
    Fixtures.csv(dir);
    Files.delete(dir.resolve("ratings.csv"));

    MovieLensDataset data =
        MovieLensDataset.open(dir, ReadOptions.newBuilder().withRatingsRequired(false).build());

    assertThat(data.users()).isEmpty();
    assertThat(data.movies()).hasSize(4);
  }
}
