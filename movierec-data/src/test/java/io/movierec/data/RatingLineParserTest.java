package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Rating;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingLineParserTest {

  @TempDir Path dir;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void parsesALineIntoItsRating() {
    RatingLineParser p =
        new RatingLineParser(
            MovieLensFormat.ML_100K, Path.of("u.data"), List.of(196), List.of(242));

    assertThat(p.parse(ascii("196\t242\t3\t881250949"), 1))
        .isEqualTo(new Rating(196, 242, 3, 881250949L));
  }

  @Test
  void aBadLineGetsTheMessageTheFileReaderGives() throws IOException {
    Files.writeString(dir.resolve("u.user"), "1|24|M|technician|85711\n");
    Files.writeString(
        dir.resolve("u.item"),
        "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n");
    Files.writeString(dir.resolve("u.data"), "1\t1\t3\t100\n1\t1\t9\t200\n");
    String fromReader = null;
    try {
      MovieLensDataset.open(dir).readRatings();
    } catch (MalformedDataException e) {
      fromReader = e.getMessage();
    }
    RatingLineParser p =
        new RatingLineParser(
            MovieLensFormat.ML_100K, dir.resolve("u.data"), List.of(1), List.of(1));

    assertThat(fromReader).isNotNull();
    assertThatThrownBy(() -> p.parse(ascii("1\t1\t9\t200"), 2)).hasMessage(fromReader);
  }

  @Test
  void aMovieOutsideTheCatalogueIsRefused() {
    RatingLineParser p =
        new RatingLineParser(MovieLensFormat.CSV, Path.of("ratings.csv"), null, List.of(1, 2));

    assertThatThrownBy(() -> p.parse(ascii("7,3,4.5,100"), 9))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining(
            "ratings.csv line 9, field movie: \"3\" is not a movie of movies.csv");
  }

  @Test
  void aWrongHeaderIsRefusedOnLineOne() {
    RatingLineParser p =
        new RatingLineParser(MovieLensFormat.CSV, Path.of("ratings.csv"), null, List.of(1));

    assertThatThrownBy(() -> p.checkHeader(ascii("user,movie,rating,time")))
        .hasMessageStartingWith("ratings.csv line 1, field header:");
  }

  @Test
  void fieldsOfAColumnarRowAreCheckedAsALineWouldBe() {
    RatingLineParser p =
        new RatingLineParser(MovieLensFormat.CSV, Path.of("ratings.parquet"), null, List.of(1));

    assertThatThrownBy(() -> p.parseFields("4", "1", "7", "100", 3))
        .hasMessage("ratings.parquet line 3, field rating: \"7\" is outside 0.5..5");
  }
}
