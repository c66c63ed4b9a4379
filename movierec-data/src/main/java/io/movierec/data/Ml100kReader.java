package io.movierec.data;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads MovieLens 100K's {@code u.user} ({@code id|age|gender|occupation|zip}, age in years and
 * occupation by name) and {@code u.item} ({@code id|title|release date|video release date|IMDb
 * URL|} then 19 genre flags), checking the flag order against {@code u.genre} when it is present.
 */
final class Ml100kReader {
  static final String GENRE_FILE = "u.genre";

  /** The genres of u.item's 19 flags, in order: "unknown", then the 18 standard genres. */
  static final List<Genre> FLAG_ORDER =
      Stream.concat(
              Stream.of(Genre.UNKNOWN), Arrays.stream(Genre.values()).filter(Genre::isStandard))
          .toList();

  private static final String SEPARATOR = "|";
  private static final byte[] SEPARATOR_BYTES = Line.ascii(SEPARATOR);
  private static final int FIRST_FLAG = 5;
  private static final DateTimeFormatter RELEASE_DATE =
      DateTimeFormatter.ofPattern("d-MMM-uuuu", Locale.ENGLISH);

  private Ml100kReader() {}

  static Map<Integer, User> readUsers(Path file, Charset charset, ReadLog log) throws IOException {
    return LineReader.readById(file, charset, null, log, "user", Ml100kReader::parseUser, User::id);
  }

  /** Reads {@code file} (u.item), first checking the flag order in u.genre beside it if any. */
  static Map<Integer, Movie> readMovies(Path file, Charset charset, ReadLog log)
      throws IOException {
    Path genreFile = file.resolveSibling(GENRE_FILE);
    if (Files.exists(genreFile)) {
      checkGenreFile(genreFile, charset, log);
    }
    return LineReader.readById(
        file, charset, null, log, "movie", Ml100kReader::parseMovie, Movie::id);
  }

  static User parseUser(Line line) {
    line.split(SEPARATOR_BYTES);
    line.expectFields(5, SEPARATOR);
    int id = line.id(0, "user");
    int age = line.intInRange(1, "age", 0, 150);
    Gender gender = Ml1mReader.gender(line, 2);
    Occupation occupation;
    try {
      occupation = Occupation.fromMl100kName(line.text(3), age);
    } catch (IllegalArgumentException e) {
      throw line.error(3, "occupation", "is not an ml-100k occupation");
    }
    return User.of(id, gender, AgeBucket.fromYears(age), occupation, Ml1mReader.zip(line, 4));
  }

  static Movie parseMovie(Line line) {
    line.split(SEPARATOR_BYTES);
    line.expectFields(FIRST_FLAG + FLAG_ORDER.size(), SEPARATOR);
    int id = line.id(0, "movie");
    String title = Ml1mReader.title(line, 1);
    int releaseYear = releaseYear(line, 2);
    List<Genre> genres = new ArrayList<>();
    for (int k = 0; k < FLAG_ORDER.size(); k++) {
      int i = FIRST_FLAG + k;
      if (line.fieldEquals(i, "1")) {
        genres.add(FLAG_ORDER.get(k));
      } else if (!line.fieldEquals(i, "0")) {
        throw line.error(i, "genre flag " + FLAG_ORDER.get(k).label(), "is not 0 or 1");
      }
    }
    return new Movie(id, title, Movie.parseYear(title).orElse(releaseYear), genres);
  }

  /**
   * The year of a release date such as {@code 01-Jan-1995} (one u.item line has a one-digit day),
   * or 0 when the field is empty.
   */
  private static int releaseYear(Line line, int i) {
    String text = line.text(i);
    if (text.isEmpty()) {
      return 0;
    }
    int year;
    try {
      year = LocalDate.parse(text, RELEASE_DATE).getYear();
    } catch (DateTimeParseException e) {
      throw line.error(i, "release date", "is not a date such as 01-Jan-1995");
    }
    if (year < 1800 || year > 2200) {
      throw line.error(i, "release date", "has an implausible year");
    }
    return year;
  }

  /**
   * Checks that u.genre ({@code name|index} lines) numbers the genres as {@link #FLAG_ORDER} does.
   *
   * @throws MalformedDataException if a line names another genre for its index, or an index is
   *     missing
   */
  static void checkGenreFile(Path file, Charset charset, ReadLog log) throws IOException {
    boolean[] seen = new boolean[FLAG_ORDER.size()];
    try (LineReader reader = LineReader.open(file, charset, null, log)) {
      Line line = reader.line();
      while (reader.next()) {
        try {
          line.split(SEPARATOR_BYTES);
          line.expectFields(2, SEPARATOR);
          int index = line.intInRange(1, "index", 0, FLAG_ORDER.size() - 1);
          String expected = FLAG_ORDER.get(index).label();
          if (!line.text(0).equals(expected)) {
            throw line.error(
                0,
                "genre",
                "is not flag "
                    + index
                    + " of u.item, which movierec reads as \""
                    + expected
                    + "\"");
          }
          seen[index] = true;
        } catch (MalformedDataException e) {
          reader.skip(e);
        }
      }
    }
    for (int index = 0; index < seen.length; index++) {
      if (!seen[index]) {
        throw new MalformedDataException(
            file,
            file
                + " does not list genre flag "
                + index
                + " ("
                + FLAG_ORDER.get(index).label()
                + ")");
      }
    }
  }
}
