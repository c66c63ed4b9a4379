package io.movierec.samples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.data.MalformedDataException;
import io.movierec.features.Slot;
import io.movierec.features.SlotSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Streams samples from slot:feasign files (the reference's {@code IterableDataset}) without loading
 * them: one file, or every {@code *.txt} file of a directory in name order. Lines are checked
 * against the {@link SlotSchema}: a missing slot, a slot with too many or too few ids, a value that
 * is not a number or a missing label stops the read with a {@link MalformedDataException} naming
 * the file, the line, the slot and the text. Opened with the size of the embedding table the
 * samples feed ({@link #open(Path, SlotSchema, int)}), a feasign that has no row in it is such an
 * error too. Blank lines are skipped. Not thread-safe.
 *
 * <pre>{@code
 * try (SampleReader reader = SampleReader.open(dir, schema)) {
 *   SampleBatch batch = new SampleBatch(128, schema);
 *   while (reader.read(batch)) { ... batch.size() rows ... }
 * }
 * }</pre>
 */
public final class SampleReader implements Closeable, Iterable<Sample> {

  private static final int BUFFER = 1 << 20;
  private static final byte[] LOGID = "logid".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TIME = "time".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LABEL = "label".getBytes(StandardCharsets.US_ASCII);

  private final List<Path> files;
  private final int userWidth;
  private final int movieWidth;
  private final byte[][] columnNames;
  private final String[] columnSlots;
  private final int tableRows; // feasigns must be below this; Integer.MAX_VALUE + 1 when unbounded
  private final long maxFeasign;

  private int fileIndex = -1;
  private InputStream in;
  private Path file;
  private long lineNumber;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof = true;

  private final int[] userRow;
  private final int[] movieRow;
  private long rowLogId;
  private long rowTime;
  private float rowLabel;

  private SampleReader(List<Path> files, SlotSchema schema, long maxFeasign) {
    this.files = files;
    this.maxFeasign = maxFeasign;
    this.tableRows = (int) Math.min(Integer.MAX_VALUE, maxFeasign + 1);
    this.userWidth = schema.userWidth();
    this.movieWidth = schema.movieWidth();
    int width = userWidth + movieWidth;
    this.columnNames = new byte[width][];
    this.columnSlots = new String[width];
    int c = 0;
    for (Slot s : schema.slots()) {
      for (int i = 0; i < s.length(); i++) {
        columnNames[c] = s.name().getBytes(StandardCharsets.US_ASCII);
        columnSlots[c] = s.name();
        c++;
      }
    }
    this.userRow = new int[userWidth];
    this.movieRow = new int[movieWidth];
  }

  /**
   * Opens a file, or a directory of {@code *.txt} files.
   *
   * @throws NoSuchFileException if {@code fileOrDirectory} does not exist
   * @throws IOException if a directory holds no {@code *.txt} file
   */
  public static SampleReader open(Path fileOrDirectory, SlotSchema schema) throws IOException {
    checkNotNull(schema, "schema");
    return new SampleReader(files(fileOrDirectory), schema, Integer.MAX_VALUE);
  }

  /**
   * Opens a file, or a directory of {@code *.txt} files, whose samples feed an embedding table of
   * {@code tableRows} rows ({@code sparse_feature_number}): a feasign of {@code tableRows} or more
   * is an error naming the file, the line and the slot.
   *
   * @throws NoSuchFileException if {@code fileOrDirectory} does not exist
   * @throws IOException if a directory holds no {@code *.txt} file
   */
  public static SampleReader open(Path fileOrDirectory, SlotSchema schema, int tableRows)
      throws IOException {
    checkNotNull(schema, "schema");
    checkArgument(tableRows >= 1, "the table must have at least one row, got %s", tableRows);
    return new SampleReader(files(fileOrDirectory), schema, tableRows - 1L);
  }

  /** The files {@link #open} reads for {@code fileOrDirectory}, in order. */
  public static List<Path> files(Path fileOrDirectory) throws IOException {
    if (!Files.exists(fileOrDirectory)) {
      throw new NoSuchFileException(
          fileOrDirectory.toString(), null, "no such sample file or directory");
    }
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(fileOrDirectory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".txt"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    }
    if (files.isEmpty()) {
      throw new IOException(fileOrDirectory + ": no sample files (*.txt) in this directory");
    }
    return files;
  }

  /**
   * Fills {@code batch} (after clearing it) with up to its capacity of the next samples.
   *
   * @return false when no sample was left to read
   */
  public boolean read(SampleBatch batch) throws IOException {
    batch.clear();
    while (!batch.isFull() && nextRow()) {
      batch.add(rowLogId, rowTime, userRow, 0, movieRow, 0, rowLabel);
    }
    return !batch.isEmpty();
  }

  /**
   * The next sample, or empty at the end. One object per sample: {@link #read(SampleBatch)} is the
   * allocation-free way through a large file.
   */
  public Optional<Sample> next() throws IOException {
    return nextRow()
        ? Optional.of(new Sample(rowLogId, rowTime, userRow, movieRow, rowLabel))
        : Optional.empty();
  }

  /** Reads everything that is left into a list (for small files and tests). */
  public List<Sample> readAll() throws IOException {
    List<Sample> all = new ArrayList<>();
    for (Optional<Sample> s = next(); s.isPresent(); s = next()) {
      all.add(s.get());
    }
    return all;
  }

  /**
   * Iterates the remaining samples; an {@link IOException} surfaces as {@link
   * java.io.UncheckedIOException}.
   */
  @Override
  public Iterator<Sample> iterator() {
    return new Iterator<>() {
      private Sample next = advance();

      private Sample advance() {
        try {
          return SampleReader.this.next().orElse(null);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Sample next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        Sample s = next;
        next = advance();
        return s;
      }
    };
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }

  // ---- parsing ----

  private boolean nextRow() throws IOException {
    while (true) {
      int end = nextLineEnd();
      if (end < 0) {
        return false;
      }
      int start = pos;
      pos = end + 1;
      lineNumber++;
      int e = end;
      if (e > start && buf[e - 1] == '\r') {
        e--;
      }
      if (isBlank(start, e)) {
        continue;
      }
      parseLine(start, e);
      return true;
    }
  }

  private boolean isBlank(int s, int e) {
    for (int i = s; i < e; i++) {
      if (buf[i] != ' ' && buf[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  /**
   * The index of the '\n' that ends the line starting at {@code pos}, reading on (and on into the
   * next file) as needed; a last line without one gets one. -1 when every file is read.
   */
  private int nextLineEnd() throws IOException {
    while (true) {
      int newline = pos < limit ? indexOfNewline(pos) : -1;
      if (newline >= 0) {
        return newline;
      }
      if (pos == 0 && limit == buf.length) {
        throw new MalformedDataException(
            file,
            lineNumber + 1,
            null,
            new String(buf, 0, 80, StandardCharsets.ISO_8859_1),
            "line longer than " + buf.length + " bytes");
      }
      if (!eof) {
        compactAndFill();
      } else if (pos < limit) {
        appendNewline();
        return limit - 1;
      } else if (!openNextFile()) {
        return -1;
      }
    }
  }

  private void appendNewline() {
    if (limit == buf.length) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    buf[limit++] = '\n';
  }

  private int indexOfNewline(int from) {
    for (int i = from; i < limit; i++) {
      if (buf[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private void compactAndFill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    while (limit < buf.length) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        break;
      }
      limit += n;
      if (indexOfNewline(Math.max(0, limit - n)) >= 0) {
        break;
      }
    }
  }

  private boolean openNextFile() throws IOException {
    close();
    fileIndex++;
    if (fileIndex >= files.size()) {
      return false;
    }
    file = files.get(fileIndex);
    in = Files.newInputStream(file);
    lineNumber = 0;
    pos = 0;
    limit = 0;
    eof = false;
    return true;
  }

  // cursor within the current line
  private int cur;
  private int lineEndOffset;

  private void parseLine(int start, int end) {
    cur = start;
    lineEndOffset = end;
    rowLogId = expectLongField("logid", LOGID);
    rowTime = expectLongField("time", TIME);
    for (int c = 0; c < userWidth + movieWidth; c++) {
      int v = expectColumn(c);
      if (c < userWidth) {
        userRow[c] = v;
      } else {
        movieRow[c - userWidth] = v;
      }
    }
    rowLabel = expectLabel();
    skipSpaces();
    if (cur < lineEndOffset) {
      String rest = token();
      throw error("label", rest, "unexpected text after the label");
    }
  }

  private void skipSpaces() {
    while (cur < lineEndOffset && (buf[cur] == ' ' || buf[cur] == '\t')) {
      cur++;
    }
  }

  /** The token at the cursor (up to the next space), without moving. */
  private String token() {
    int e = cur;
    while (e < lineEndOffset && buf[e] != ' ' && buf[e] != '\t') {
      e++;
    }
    return new String(buf, cur, e - cur, StandardCharsets.ISO_8859_1);
  }

  private boolean atName(byte[] name) {
    int n = name.length;
    if (cur + n >= lineEndOffset || buf[cur + n] != ':') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (buf[cur + i] != name[i]) {
        return false;
      }
    }
    return true;
  }

  private long expectLongField(String name, byte[] nb) {
    skipSpaces();
    if (!atName(nb)) {
      throw error(name, cur < lineEndOffset ? token() : "", "expected " + name + ":<number>");
    }
    cur += nb.length + 1;
    return parseLong(name);
  }

  private int expectColumn(int c) {
    skipSpaces();
    byte[] nb = columnNames[c];
    String slot = columnSlots[c];
    if (!atName(nb)) {
      String found = cur < lineEndOffset ? token() : "";
      int expectedIds = 0;
      int first = c;
      while (first > 0 && columnSlots[first - 1].equals(slot)) {
        first--;
      }
      for (int i = first; i < columnSlots.length && columnSlots[i].equals(slot); i++) {
        expectedIds++;
      }
      String foundName = found.contains(":") ? found.substring(0, found.indexOf(':')) : found;
      if (first < c) {
        throw error(
            slot, found, "slot " + slot + " has " + (c - first) + " ids, expected " + expectedIds);
      }
      if (c > 0 && foundName.equals(columnSlots[c - 1])) {
        throw error(columnSlots[c - 1], found, "slot " + columnSlots[c - 1] + " has too many ids");
      }
      throw error(slot, found, "missing slot " + slot + " (found '" + foundName + "' instead)");
    }
    cur += nb.length + 1;
    long v = parseLong(slot);
    if (v < 0 || v > Integer.MAX_VALUE) {
      throw error(slot, Long.toString(v), "feasign out of range");
    }
    if (v > maxFeasign) {
      throw error(
          slot,
          Long.toString(v),
          "feasign has no row in the embedding table: sparse_feature_number is "
              + tableRows
              + ", so feasigns run 0.."
              + (tableRows - 1)
              + " (were the samples hashed for a larger table?)");
    }
    return (int) v;
  }

  private float expectLabel() {
    skipSpaces();
    byte[] nb = LABEL;
    if (!atName(nb)) {
      String found = cur < lineEndOffset ? token() : "";
      String foundName = found.contains(":") ? found.substring(0, found.indexOf(':')) : found;
      if (foundName.equals(columnSlots[columnSlots.length - 1])) {
        throw error(foundName, found, "slot " + foundName + " has too many ids");
      }
      throw error("label", found, found.isEmpty() ? "missing label" : "expected label:<rating>");
    }
    cur += nb.length + 1;
    int s = cur;
    while (cur < lineEndOffset && buf[cur] != ' ' && buf[cur] != '\t') {
      cur++;
    }
    String text = new String(buf, s, cur - s, StandardCharsets.ISO_8859_1);
    try {
      float f = Float.parseFloat(text);
      if (!Float.isFinite(f)) {
        throw error("label", text, "label is not a finite number");
      }
      return f;
    } catch (NumberFormatException e) {
      throw error("label", text, "label is not a number");
    }
  }

  private long parseLong(String field) {
    int s = cur;
    boolean neg = false;
    if (cur < lineEndOffset && buf[cur] == '-') {
      neg = true;
      cur++;
    }
    long v = 0;
    int digits = 0;
    while (cur < lineEndOffset && buf[cur] >= '0' && buf[cur] <= '9') {
      if (v > (Long.MAX_VALUE - 9) / 10) {
        throw error(field, tokenFrom(s), "number too large");
      }
      v = v * 10 + (buf[cur] - '0');
      cur++;
      digits++;
    }
    if (digits == 0 || (cur < lineEndOffset && buf[cur] != ' ' && buf[cur] != '\t')) {
      throw error(field, tokenFrom(s), "not an integer");
    }
    return neg ? -v : v;
  }

  private String tokenFrom(int s) {
    int e = s;
    while (e < lineEndOffset && buf[e] != ' ' && buf[e] != '\t') {
      e++;
    }
    return new String(buf, s, e - s, StandardCharsets.ISO_8859_1);
  }

  private MalformedDataException error(String field, String value, String problem) {
    return new MalformedDataException(file, lineNumber, field, value, problem);
  }
}
