package io.movierec.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One line of a file as raw bytes, and the shared splitting and number parsing the format readers
 * use. It splits on a separator ({@link #split}) or as an RFC-4180 CSV record ({@link #splitCsv}),
 * then reads fields as ids, numbers or text, throwing a {@link MalformedDataException} that names
 * the file, line, field and text for anything malformed.
 *
 * <p>Numbers are parsed from the bytes directly, so a line of digits costs no object. A {@link
 * LineReader} reuses one instance for every line of a file; not thread safe.
 */
final class Line {
  private static final int MAX_LONG_DIGITS = 18;

  private final Path file;
  private final Charset charset;

  private byte[] bytes = new byte[0];
  private int start;
  private int end;
  private long number;

  private int count;
  private int[] from = new int[32];
  private int[] to = new int[32];
  private boolean[] quoted = new boolean[32];

  Line(Path file, Charset charset) {
    this.file = file;
    this.charset = charset;
  }

  /** A line holding {@code text} encoded in {@code charset}, for tests. */
  static Line of(Path file, Charset charset, byte[] text, long number) {
    Line line = new Line(file, charset);
    line.reset(text, 0, text.length, number);
    return line;
  }

  /** Points this line at {@code bytes[start, end)}, which must not hold the line terminator. */
  void reset(byte[] bytes, int start, int end, long number) {
    this.bytes = bytes;
    this.start = start;
    this.end = end;
    this.number = number;
    this.count = 0;
  }

  /** The 1-based line number. */
  long number() {
    return number;
  }

  /** The file the line comes from. */
  Path file() {
    return file;
  }

  boolean isEmpty() {
    return start == end;
  }

  /** True if the line's bytes are exactly {@code expected}. */
  boolean contentEquals(byte[] expected) {
    return Arrays.equals(bytes, start, end, expected, 0, expected.length);
  }

  /** The whole line decoded, malformed bytes replaced; for messages. */
  String text() {
    return new String(bytes, start, end - start, charset);
  }

  /** Splits the line at every occurrence of {@code separator} (one or more ASCII bytes). */
  void split(byte[] separator) {
    count = 0;
    byte first = separator[0];
    int last = end - separator.length;
    int fieldStart = start;
    int i = start;
    while (i <= last) {
      if (bytes[i] == first && matches(separator, i)) {
        add(fieldStart, i, false);
        i += separator.length;
        fieldStart = i;
      } else {
        i++;
      }
    }
    add(fieldStart, end, false);
  }

  /**
   * Splits the line as an RFC-4180 record: fields separated by commas, a field may be enclosed in
   * double quotes and then hold commas and {@code ""} for a quote. A record may not span lines.
   */
  void splitCsv() {
    count = 0;
    int i = start;
    while (true) {
      if (i < end && bytes[i] == '"') {
        int j = i + 1;
        while (j < end && !(bytes[j] == '"' && (j + 1 == end || bytes[j + 1] != '"'))) {
          j += bytes[j] == '"' ? 2 : 1;
        }
        if (j >= end) {
          throw lineError("has a quoted field that is not closed on this line");
        }
        add(i + 1, j, true);
        i = j + 1;
        if (i < end && bytes[i] != ',') {
          throw lineError("has text after the closing quote of field " + count);
        }
      } else {
        int j = i;
        while (j < end && bytes[j] != ',') {
          if (bytes[j] == '"') {
            throw lineError("has a quote inside unquoted field " + (count + 1));
          }
          j++;
        }
        add(i, j, false);
        i = j;
      }
      if (i == end) {
        return;
      }
      i++; // the comma
    }
  }

  /** The number of fields the last split found. */
  int fieldCount() {
    return count;
  }

  /** Checks that the last split, on {@code separator}, found {@code expected} fields. */
  void expectFields(int expected, String separator) {
    if (count != expected) {
      String shown = separator.equals("\t") ? "tabs" : "\"" + separator + "\"";
      throw lineError("has " + count + " fields separated by " + shown + ", expected " + expected);
    }
  }

  /** Field {@code i} decoded; a quoted CSV field has its {@code ""} turned into {@code "}. */
  String text(int i) {
    String s = new String(bytes, from[i], to[i] - from[i], charset);
    return quoted[i] ? s.replace("\"\"", "\"") : s;
  }

  /** True if field {@code i} is exactly the ASCII text {@code expected}. */
  boolean fieldEquals(int i, String expected) {
    if (to[i] - from[i] != expected.length()) {
      return false;
    }
    for (int k = 0; k < expected.length(); k++) {
      if (bytes[from[i] + k] != expected.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Field {@code i} as an id: a whole number from 1 to {@link Integer#MAX_VALUE}. */
  int id(int i, String field) {
    long v = wholeNumber(i, field);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw error(i, field, "is not a valid id (expected 1.." + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  /** Field {@code i} as a whole number between {@code min} and {@code max}. */
  int intInRange(int i, String field, int min, int max) {
    long v = wholeNumber(i, field);
    if (v < min || v > max) {
      throw error(i, field, "is outside " + min + ".." + max);
    }
    return (int) v;
  }

  /** Field {@code i} as a non-negative whole number of up to 18 digits. */
  long wholeNumber(int i, String field) {
    int s = from[i];
    int e = to[i];
    if (s == e) {
      throw error(i, field, "is empty");
    }
    if (e - s > MAX_LONG_DIGITS) {
      throw error(i, field, "is too long for a number");
    }
    long v = 0;
    for (int k = s; k < e; k++) {
      int d = bytes[k] - '0';
      if (d < 0 || d > 9) {
        throw error(i, field, "is not a whole number");
      }
      v = v * 10 + d;
    }
    return v;
  }

  /**
   * Field {@code i} as a score in half stars from 0.5 to 5: digits, optionally a point and more
   * digits ({@code "4"}, {@code "4.5"}, {@code "3.50"}).
   */
  float halfStars(int i, String field) {
    int s = from[i];
    int e = to[i];
    int point = s;
    while (point < e && bytes[point] != '.') {
      point++;
    }
    if (point == s || point == e - 1 || point - s > 9) {
      throw error(i, field, "is not a number of stars such as 3 or 3.5");
    }
    int whole = 0;
    for (int k = s; k < point; k++) {
      int d = bytes[k] - '0';
      if (d < 0 || d > 9) {
        throw error(i, field, "is not a number of stars such as 3 or 3.5");
      }
      whole = whole * 10 + d;
    }
    int halves = 2 * whole;
    for (int k = point + 1; k < e; k++) {
      int d = bytes[k] - '0';
      if (d < 0 || d > 9) {
        throw error(i, field, "is not a number of stars such as 3 or 3.5");
      }
      if (k == point + 1 && d == 5) {
        halves++;
      } else if (d != 0) {
        throw error(i, field, "is not a multiple of 0.5");
      }
    }
    if (halves < 1 || halves > 10) {
      throw error(i, field, "is outside 0.5..5");
    }
    return halves * 0.5f;
  }

  /** An error about field {@code i}, quoting its text. */
  MalformedDataException error(int i, String field, String reason) {
    return new MalformedDataException(file, number, field, text(i), reason);
  }

  /** An error about the whole line, quoting it. */
  MalformedDataException lineError(String reason) {
    return new MalformedDataException(file, number, null, text(), reason);
  }

  private boolean matches(byte[] separator, int at) {
    for (int k = 1; k < separator.length; k++) {
      if (bytes[at + k] != separator[k]) {
        return false;
      }
    }
    return true;
  }

  private void add(int fieldStart, int fieldEnd, boolean isQuoted) {
    if (count == from.length) {
      from = Arrays.copyOf(from, count * 2);
      to = Arrays.copyOf(to, count * 2);
      quoted = Arrays.copyOf(quoted, count * 2);
    }
    from[count] = fieldStart;
    to[count] = fieldEnd;
    quoted[count] = isQuoted;
    count++;
  }

  /** The bytes of {@code text} in US-ASCII, for separators and headers. */
  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
