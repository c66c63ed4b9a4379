package io.movierec.data;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Rating;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Parses one line of a MovieLens ratings file with exactly the checks and messages of {@link
 * MovieLensDataset#readRatings()}: for engines that split a ratings file themselves and hand over
 * its lines one by one (the Spark prepare job). It checks the header, the fields, and that the user
 * and movie are known; what a whole-file reader checks across lines (blank lines between data
 * lines, a cut-short last line, repeated ratings) is the caller's.
 *
 * <pre>{@code
 * RatingLineParser p = new RatingLineParser(MovieLensFormat.ML_100K, Path.of("u.data"), users, movies);
 * Rating r = p.parse(bytes, 17);   // MalformedDataException: "u.data line 17, field rating: ..."
 * }</pre>
 *
 * Not thread safe: one per thread.
 */
public final class RatingLineParser {

  private final MovieLensFormat format;
  private final Path file;
  private final Charset charset;
  private final RatingReader reader;
  private final Line line;
  private final Rating[] last = new Rating[1];

  /**
   * A parser of lines of {@code file}, in {@code format}'s charset.
   *
   * @param knownUsers the user ids a rating may name, or null to accept any
   * @param knownMovies the movie ids a rating may name, or null to accept any
   */
  public RatingLineParser(
      MovieLensFormat format,
      Path file,
      @Nullable Collection<Integer> knownUsers,
      @Nullable Collection<Integer> knownMovies) {
    this(format, file, format.defaultCharset(), knownUsers, knownMovies);
  }

  /** A parser reading lines in {@code charset}. */
  public RatingLineParser(
      MovieLensFormat format,
      Path file,
      Charset charset,
      @Nullable Collection<Integer> knownUsers,
      @Nullable Collection<Integer> knownMovies) {
    this.format = checkNotNull(format, "format");
    this.file = checkNotNull(file, "file");
    this.charset = checkNotNull(charset, "charset");
    this.reader =
        new RatingReader(
            format,
            knownUsers == null ? null : IntSet.of(knownUsers, knownUsers.size()),
            knownMovies == null ? null : IntSet.of(knownMovies, knownMovies.size()));
    this.line = new Line(file, charset);
  }

  /** True if the format's files start with a header line, which {@link #checkHeader} checks. */
  public boolean hasHeader() {
    return format.ratingsHeader() != null;
  }

  /**
   * Checks the first line of the file against the format's header.
   *
   * @throws MalformedDataException naming line 1, as the file reader does, if it differs
   */
  public void checkHeader(byte[] text) {
    String header = format.ratingsHeader();
    if (header == null) {
      return;
    }
    line.reset(text, 0, text.length, 1);
    if (!line.contentEquals(Line.ascii(header))) {
      throw new MalformedDataException(
          file, 1, "header", line.text(), "is not the expected header " + header);
    }
  }

  /**
   * Parses one data line (without its line break).
   *
   * @param lineNumber the 1-based line number, for messages and as the rating's log id
   * @throws MalformedDataException naming file, line, field and text if the line is malformed
   */
  public Rating parse(byte[] text, long lineNumber) {
    line.reset(text, 0, text.length, lineNumber);
    for (int i = 0; i < text.length; i++) {
      if (text[i] == 0) {
        throw line.lineError(
            "has a NUL byte at column "
                + (i + 1)
                + ": the file is not "
                + charset
                + " text (UTF-16 or binary?)");
      }
    }
    reader.parse(line);
    reader.visitLast(
        (user, movie, score, time, number) -> last[0] = new Rating(user, movie, score, time),
        lineNumber);
    return last[0];
  }

  /**
   * Parses a rating given as its four fields' text (from a columnar source such as Parquet), with
   * the checks of a line of this format: {@code rowNumber} stands for the line number in messages.
   */
  public Rating parseFields(String user, String movie, String rating, String time, long rowNumber) {
    String sep = format.ratingSeparator();
    String text = user + sep + movie + sep + rating + sep + time;
    return parse(text.getBytes(charset), rowNumber);
  }

  @Override
  public String toString() {
    return "RatingLineParser[" + format + " " + file + "]";
  }
}
