package io.movierec.data;

import com.google.common.collect.ImmutableMap;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Reads a text file line by line as raw bytes, handing out only its data lines. It accepts LF and
 * CRLF endings, an optional UTF-8 byte order mark and blank lines at the end, and reports as
 * problems of their line: a NUL byte (UTF-16 or binary content), text that is invalid in the
 * charset, a wrong header, a blank line before other lines, and a last line without a line break
 * (every MovieLens file ends with one, so the file was cut short: {@code 196\t242\t3\t88} may be
 * the start of a longer timestamp). A file with no data line is an error in any mode.
 *
 * <p>Encodings: a UTF-8 byte order mark is skipped when the file is read as UTF-8 and refused in
 * any mode otherwise (the file was re-saved as UTF-8). In a file read as ISO-8859-1 (ml-1m and
 * ml-100k), a line holding a valid UTF-8 multi-byte sequence such as {@code C3 A9} is a problem of
 * its line: real MovieLens files hold none, and read as ISO-8859-1 it would turn {@code é} into
 * {@code Ã©}. A line longer than {@link #MAX_LINE_BYTES} is refused before it is buffered.
 *
 * <pre>{@code
 * try (LineReader reader = LineReader.open(file, charset, null, log)) {
 *   while (reader.next()) {
 *     Line line = reader.line();
 *     try { ... } catch (MalformedDataException e) { reader.skip(e); }
 *   }
 * }
 * }</pre>
 */
final class LineReader implements Closeable {
  private static final int BUFFER_BYTES = 1 << 16;

  /**
   * The longest line read, in bytes (64 KiB; the longest line of ml-100k has 265). A longer one is
   * refused in any mode, before the reader buffers more of it.
   */
  static final int MAX_LINE_BYTES = 1 << 16;

  private final Path file;
  private final InputStream in;
  private final Charset charset;
  private final byte[] header;
  private final ReadLog log;
  private final Line line;
  private final CharsetDecoder validator; // null when every byte sequence is valid

  private byte[] buffer = new byte[BUFFER_BYTES];
  private int limit; // bytes of buffer filled
  private boolean endOfInput;
  private int lineStart; // the current line is buffer[lineStart, lineEnd)
  private int lineEnd;
  private int nextLineStart;
  private boolean unterminated; // the current line is the last and has no line break

  private long lineNumber;
  private long
      firstPendingBlank; // first of a run of blank lines not yet followed by text; 0 if none
  private long dataLines; // lines neither blank nor the header, good or bad

  /**
   * A reader over {@code in}, which it closes.
   *
   * @param header the exact first line the file must have, or null for none
   */
  LineReader(Path file, InputStream in, Charset charset, String header, ReadLog log) {
    this.file = file;
    this.in = in;
    this.charset = charset;
    this.header = header == null ? null : Line.ascii(header);
    this.log = log;
    this.line = new Line(file, charset);
    this.validator =
        charset.equals(StandardCharsets.ISO_8859_1)
            ? null
            : charset
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /**
   * Opens {@code file}.
   *
   * @throws MalformedDataException naming the path if the file does not exist
   */
  static LineReader open(Path file, Charset charset, String header, ReadLog log)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new MalformedDataException(file, file + " does not exist or is not a regular file");
    }
    return new LineReader(file, Files.newInputStream(file), charset, header, log);
  }

  /**
   * Reads a file of records keyed by a unique id (users or movies), in file order.
   *
   * @param idField the field name of the id, for the message about a repeated id
   * @param parse parses one line, throwing a {@link MalformedDataException} if it is malformed
   * @param idOf the id of a record
   * @throws MalformedDataException (strict) at the first bad line or repeated id
   */
  static <T> Map<Integer, T> readById(
      Path file,
      Charset charset,
      String header,
      ReadLog log,
      String idField,
      Function<Line, T> parse,
      ToIntFunction<T> idOf)
      throws IOException {
    Map<Integer, T> records = new LinkedHashMap<>();
    Map<Integer, Long> lineOfId = new HashMap<>();
    try (LineReader reader = open(file, charset, header, log)) {
      Line line = reader.line();
      while (reader.next()) {
        try {
          T record = parse.apply(line);
          int id = idOf.applyAsInt(record);
          Long first = lineOfId.putIfAbsent(id, line.number());
          if (first != null) {
            throw line.error(
                0, idField, "is a repeated " + idField + " id (first on line " + first + ")");
          }
          records.put(id, record);
        } catch (MalformedDataException e) {
          reader.skip(e);
        }
      }
    }
    return ImmutableMap.copyOf(records);
  }

  /** The current line; the same instance for every line. */
  Line line() {
    return line;
  }

  /** Handles a bad current line as the mode says: strict throws, lenient counts it. */
  void skip(MalformedDataException problem) {
    log.skip(problem);
  }

  /**
   * Advances to the next data line.
   *
   * @return false at the end of the file
   * @throws MalformedDataException if the file has no data line, or (strict) at a bad line
   */
  boolean next() throws IOException {
    while (readLine()) {
      if (line.isEmpty()) {
        if (firstPendingBlank == 0) {
          firstPendingBlank = lineNumber;
        }
        continue;
      }
      if (firstPendingBlank != 0) {
        for (long n = firstPendingBlank; n < lineNumber; n++) {
          log.skip(
              new MalformedDataException(file, n, null, "", "is a blank line between data lines"));
        }
        firstPendingBlank = 0;
      }
      boolean isHeader = header != null && lineNumber == 1;
      if (!isHeader) {
        dataLines++;
      }
      MalformedDataException problem = check();
      if (problem != null) {
        log.skip(problem);
      } else if (!isHeader) {
        return true;
      }
    }
    if (dataLines == 0) {
      throw new MalformedDataException(
          file, file + " is empty" + (header == null ? "" : " (no line after its header)"));
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    in.close();
    log.linesRead(file.getFileName().toString(), lineNumber);
  }

  /** The problem with the current line's bytes or header, or null if there is none. */
  private MalformedDataException check() {
    byte[] b = buffer;
    int start = lineStart;
    int end = lineEnd;
    boolean highBytes = false;
    for (int i = start; i < end; i++) {
      if (b[i] == 0) {
        return line.lineError(
            "has a NUL byte at column "
                + (i - start + 1)
                + ": the file is not "
                + charset
                + " text (UTF-16 or binary?)");
      }
      highBytes |= b[i] < 0;
    }
    if (highBytes && validator != null) {
      try {
        validator.reset().decode(ByteBuffer.wrap(b, start, end - start));
      } catch (CharacterCodingException e) {
        return line.lineError("is not valid " + charset + " text");
      }
    }
    if (highBytes && charset.equals(StandardCharsets.ISO_8859_1)) {
      int at = utf8SequenceAt(b, start, end);
      if (at >= 0) {
        return line.lineError(
            "holds UTF-8 text (bytes "
                + HexFormat.ofDelimiter(" ")
                    .withUpperCase()
                    .formatHex(b, at, at + utf8SequenceLength(b[at]))
                + " at column "
                + (at - start + 1)
                + ") but is read as ISO-8859-1: convert the file back to ISO-8859-1, or read it"
                + " with ReadOptions.newBuilder().withCharset(UTF_8)");
      }
    }
    if (unterminated) {
      return line.lineError(
          "is the last line and has no line break: the file looks cut short (MovieLens files end"
              + " with a line break)");
    }
    if (header != null && lineNumber == 1 && !line.contentEquals(header)) {
      return new MalformedDataException(
          file,
          1,
          "header",
          line.text(),
          "is not the expected header " + new String(header, StandardCharsets.US_ASCII));
    }
    return null;
  }

  /** Reads the next physical line into {@link #line}; false at the end of the input. */
  private boolean readLine() throws IOException {
    lineStart = nextLineStart;
    int i = lineStart;
    while (true) {
      while (i < limit && buffer[i] != '\n') {
        i++;
      }
      if (i < limit) {
        nextLineStart = i + 1;
        break;
      }
      if (endOfInput) {
        if (lineStart == limit) {
          return false;
        }
        nextLineStart = limit;
        unterminated = true;
        break;
      }
      if (i - lineStart >= MAX_LINE_BYTES) {
        throw new MalformedDataException(
            file,
            lineNumber + 1,
            null,
            new String(buffer, lineStart, 80, charset),
            "is longer than " + MAX_LINE_BYTES + " bytes (not a MovieLens line)");
      }
      i -= fill();
    }
    lineEnd = i > lineStart && buffer[i - 1] == '\r' ? i - 1 : i;
    lineNumber++;
    if (lineNumber == 1 && startsWithUtf8Bom()) {
      if (!charset.equals(StandardCharsets.UTF_8)) {
        throw new MalformedDataException(
            file,
            1,
            null,
            new String(buffer, lineStart, Math.min(lineEnd - lineStart, 80), charset),
            "starts with a UTF-8 byte order mark but is read as "
                + charset
                + ": the file was re-saved as UTF-8; restore the original, or read it with"
                + " ReadOptions.newBuilder().withCharset(UTF_8)");
      }
      lineStart += 3;
    }
    line.reset(buffer, lineStart, lineEnd, lineNumber);
    return true;
  }

  /**
   * Reads more input, first moving the partial line to the buffer's start (or growing the buffer
   * when the line fills it); returns how far the line moved.
   */
  private int fill() throws IOException {
    int moved = lineStart;
    if (moved > 0) {
      System.arraycopy(buffer, lineStart, buffer, 0, limit - lineStart);
      limit -= moved;
      lineStart = 0;
    } else if (limit == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int n = in.read(buffer, limit, buffer.length - limit);
    if (n < 0) {
      endOfInput = true;
    } else {
      limit += n;
    }
    return moved;
  }

  /**
   * The index of the first valid UTF-8 multi-byte sequence (a lead byte C2..F4 followed by as many
   * continuation bytes 80..BF as it announces) in {@code b[start, end)}, or -1.
   */
  static int utf8SequenceAt(byte[] b, int start, int end) {
    for (int i = start; i < end; i++) {
      int n = utf8SequenceLength(b[i]);
      if (n > 1 && i + n <= end) {
        boolean valid = true;
        for (int k = 1; k < n && valid; k++) {
          valid = (b[i + k] & 0xC0) == 0x80;
        }
        if (valid) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The length of the UTF-8 sequence {@code lead} starts: 2..4, or 1 when it starts none. */
  private static int utf8SequenceLength(byte lead) {
    int v = lead & 0xFF;
    if (v >= 0xC2 && v <= 0xDF) {
      return 2;
    }
    if (v >= 0xE0 && v <= 0xEF) {
      return 3;
    }
    return v >= 0xF0 && v <= 0xF4 ? 4 : 1;
  }

  private boolean startsWithUtf8Bom() {
    return lineEnd - lineStart >= 3
        && buffer[lineStart] == (byte) 0xEF
        && buffer[lineStart + 1] == (byte) 0xBB
        && buffer[lineStart + 2] == (byte) 0xBF;
  }
}
