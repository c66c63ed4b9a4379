package io.movierec.data;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads MovieLens 1M's {@code users.dat} ({@code UserID::Gender::Age::Occupation::Zip-code}) and
 * {@code movies.dat} ({@code MovieID::Title::Genres}, genres separated by {@code |}). Its field
 * readers for gender, title and genres serve the other formats too.
 */
final class Ml1mReader {
  static final String SEPARATOR = "::";
  private static final byte[] SEPARATOR_BYTES = Line.ascii(SEPARATOR);

  private Ml1mReader() {}

  static Map<Integer, User> readUsers(Path file, Charset charset, ReadLog log) throws IOException {
    return LineReader.readById(file, charset, null, log, "user", Ml1mReader::parseUser, User::id);
  }

  static Map<Integer, Movie> readMovies(Path file, Charset charset, ReadLog log)
      throws IOException {
    return LineReader.readById(
        file, charset, null, log, "movie", Ml1mReader::parseMovie, Movie::id);
  }

  static User parseUser(Line line) {
    line.split(SEPARATOR_BYTES);
    line.expectFields(5, SEPARATOR);
    int id = line.id(0, "user");
    Gender gender = gender(line, 1);
    long ageCode = line.wholeNumber(2, "age");
    long occupationCode = line.wholeNumber(3, "occupation");
    AgeBucket age = null;
    for (AgeBucket bucket : AgeBucket.values()) {
      if (bucket.code() == ageCode) {
        age = bucket;
      }
    }
    if (age == null) {
      throw line.error(2, "age", "is not an age code (1, 18, 25, 35, 45, 50 or 56)");
    }
    if (occupationCode > Occupation.values().length - 1) {
      throw line.error(3, "occupation", "is not an occupation code (0..20)");
    }
    return User.of(id, gender, age, Occupation.fromCode((int) occupationCode), zip(line, 4));
  }

  static Movie parseMovie(Line line) {
    line.split(SEPARATOR_BYTES);
    line.expectFields(3, SEPARATOR);
    int id = line.id(0, "movie");
    return Movie.of(id, title(line, 1), genres(line, 2));
  }

  /** Field {@code i} as a {@link Gender}: {@code M} or {@code F}. */
  static Gender gender(Line line, int i) {
    if (line.fieldEquals(i, "M")) {
      return Gender.MALE;
    }
    if (line.fieldEquals(i, "F")) {
      return Gender.FEMALE;
    }
    throw line.error(i, "gender", "is not M or F");
  }

  /**
   * Field {@code i} as a title, which must not be empty nor longer than {@link
   * Movie#MAX_TITLE_LENGTH}.
   */
  static String title(Line line, int i) {
    String title = line.text(i);
    if (title.isEmpty()) {
      throw line.error(i, "title", "is empty");
    }
    if (title.length() > Movie.MAX_TITLE_LENGTH) {
      throw line.error(
          i,
          "title",
          "has "
              + title.length()
              + " characters, more than the "
              + Movie.MAX_TITLE_LENGTH
              + " a title may have");
    }
    return title;
  }

  /** Field {@code i} as a zip code, at most {@link User#MAX_ZIP_LENGTH} characters. */
  static String zip(Line line, int i) {
    String zip = line.text(i);
    if (zip.length() > User.MAX_ZIP_LENGTH) {
      throw line.error(
          i,
          "zip",
          "has "
              + zip.length()
              + " characters, more than the "
              + User.MAX_ZIP_LENGTH
              + " a zip code may have");
    }
    return zip;
  }

  /** Field {@code i} as genre labels separated by {@code |}, each known to {@link Genre}. */
  static List<Genre> genres(Line line, int i) {
    String text = line.text(i);
    List<Genre> genres = new ArrayList<>();
    int from = 0;
    while (true) {
      int bar = text.indexOf('|', from);
      String label = bar < 0 ? text.substring(from) : text.substring(from, bar);
      genres.add(
          Genre.fromLabel(label)
              .orElseThrow(
                  () ->
                      line.error(
                          i,
                          "genres",
                          "holds an unknown genre " + MalformedDataException.quote(label))));
      if (bar < 0) {
        return genres;
      }
      from = bar + 1;
    }
  }
}
