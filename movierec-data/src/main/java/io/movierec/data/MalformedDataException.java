package io.movierec.data;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A MovieLens file that does not hold what its format promises: a malformed line, a value out of
 * range, an empty or missing file. The message names the file, the 1-based line number, the field
 * and the offending text, for example {@code ratings.dat line 17, field rating: "6" is outside
 * 1..5}.
 */
public class MalformedDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** How much of an offending value a message quotes before it cuts it short. */
  private static final int MAX_QUOTED = 80;

  private final transient Path file;
  private final long lineNumber;
  private final String field;
  private final String value;

  /**
   * A problem with one line.
   *
   * @param file the file read
   * @param lineNumber the 1-based line number
   * @param field the field at fault, or null when the problem concerns the whole line
   * @param value the offending text: the field's text, or the whole line when {@code field} is null
   * @param reason what is wrong with it, such as {@code "is outside 1..5"}
   */
  public MalformedDataException(
      Path file, long lineNumber, @Nullable String field, @Nullable String value, String reason) {
    super(
        file.getFileName()
            + " line "
            + lineNumber
            + (field == null ? "" : ", field " + field)
            + ": "
            + quote(value)
            + " "
            + reason);
    this.file = file;
    this.lineNumber = lineNumber;
    this.field = field;
    this.value = value;
  }

  /**
   * A problem with a whole file or directory (missing, empty, of an unknown layout). {@link
   * #lineNumber()} is 0 and {@link #field()} and {@link #value()} are empty.
   *
   * @param file the file or directory at fault
   * @param message the full message; it should name {@code file}
   */
  public MalformedDataException(Path file, String message) {
    super(message);
    this.file = file;
    this.lineNumber = 0;
    this.field = null;
    this.value = null;
  }

  /** The file (or directory) at fault. */
  public Path file() {
    return file;
  }

  /** The 1-based number of the offending line, or 0 when the problem concerns the whole file. */
  public long lineNumber() {
    return lineNumber;
  }

  /**
   * The name of the offending field, such as {@code "rating"}, or empty for a whole-line problem.
   */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** The offending text as read (the field, or the whole line), or empty for a file problem. */
  public Optional<String> value() {
    return Optional.ofNullable(value);
  }

  /** Quotes {@code text} for a message: control characters escaped, long text cut short. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_QUOTED) + 8).append('"');
    for (int i = 0; i < text.length(); i++) {
      if (i == MAX_QUOTED) {
        out.append("...");
        break;
      }
      char c = text.charAt(i);
      if (c == '\t') {
        out.append("\\t");
      } else if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
