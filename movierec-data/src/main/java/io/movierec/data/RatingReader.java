package io.movierec.data;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * Streams a ratings file of any format ({@code user movie rating timestamp} with the format's
 * separator) to a {@link RatingVisitor}, checking that each user and movie is known. One instance
 * per read; not thread safe.
 */
final class RatingReader {
  private final MovieLensFormat format;
  private final byte[] separator;
  private final IntSet knownUsers; // null: users are not checked
  private final IntSet knownMovies; // null: movies are not checked

  // The last line parsed.
  private int user;
  private int movie;
  private float score;
  private long timestamp;

  RatingReader(MovieLensFormat format, IntSet knownUsers, IntSet knownMovies) {
    this.format = format;
    this.separator = Line.ascii(format.ratingSeparator());
    this.knownUsers = knownUsers;
    this.knownMovies = knownMovies;
  }

  /** Reads {@code file}, handing each good rating to {@code visitor} in file order. */
  void read(Path file, Charset charset, ReadLog log, RatingVisitor visitor) throws IOException {
    try (LineReader reader = LineReader.open(file, charset, format.ratingsHeader(), log)) {
      Line line = reader.line();
      while (reader.next()) {
        try {
          parse(line);
        } catch (MalformedDataException e) {
          reader.skip(e);
          continue;
        }
        visitor.visit(user, movie, score, timestamp, line.number());
      }
    }
  }

  /** Hands the fields of the last line {@link #parse}d to {@code visitor}. */
  void visitLast(RatingVisitor visitor, long lineNumber) {
    visitor.visit(user, movie, score, timestamp, lineNumber);
  }

  /** Parses one line into this reader's fields. */
  void parse(Line line) {
    line.split(separator);
    line.expectFields(4, format.ratingSeparator());
    user = line.id(0, "user");
    movie = line.id(1, "movie");
    score =
        format.halfStarRatings() ? line.halfStars(2, "rating") : line.intInRange(2, "rating", 1, 5);
    timestamp = line.wholeNumber(3, "timestamp");
    if (knownUsers != null && !knownUsers.contains(user)) {
      throw line.error(
          0,
          "user",
          format.usersFileName().map(name -> "is not a user of " + name).orElse("is a new user")
              + " (user "
              + user
              + " rated movie "
              + movie
              + ")");
    }
    if (knownMovies != null && !knownMovies.contains(movie)) {
      throw line.error(
          1,
          "movie",
          "is not a movie of "
              + format.moviesFileName()
              + " (user "
              + user
              + " rated movie "
              + movie
              + ")");
    }
  }
}
