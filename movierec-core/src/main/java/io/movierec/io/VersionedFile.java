package io.movierec.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The framing every binary file of movierec carries: a header that names the kind of content and
 * its format version, and a trailer with the content length and a CRC-32C checksum.
 *
 * <pre>
 *   "MVRC"  kind (modified UTF-8)  version (int)  payload ...  length (long)  crc32c (int)
 * </pre>
 *
 * <p>{@link #read} checks the trailer before it parses anything, so a truncated, bit-flipped or
 * foreign file fails with a {@link CorruptFileException} that names the file and the reason, and
 * never with a parse error deep inside the payload. Writes are atomic ({@link AtomicFiles}).
 *
 * <p>The payload stream a reader is handed ends where the payload ends, and its {@code available()}
 * is exactly the number of payload bytes left: a reader checks every count and length it reads
 * against it ({@link #checkCount}) before it allocates, so a file with a valid checksum but a huge
 * length field fails with a {@link CorruptFileException}, not an {@link OutOfMemoryError}.
 *
 * <p>A reader declares the range of format versions it supports, {@code [minVersion, maxVersion]},
 * and is handed the version it reads so it can parse older ones. A file outside the range fails
 * with an {@link UnsupportedVersionException} that says whether it is too old (re-create it) or too
 * new (upgrade movierec).
 */
public final class VersionedFile {

  private static final int MAGIC = 0x4D565243; // "MVRC"
  private static final int TRAILER_BYTES = Long.BYTES + Integer.BYTES;

  private VersionedFile() {}

  /**
   * Writes {@code file} atomically with the header, the payload written by {@code payload}, and the
   * trailer.
   */
  public static void write(
      Path file, String kind, int version, IoConsumer<DataOutputStream> payload)
      throws IOException {
    AtomicFiles.write(
        file,
        raw -> {
          CRC32C crc = new CRC32C();
          CountingOutputStream counting =
              new CountingOutputStream(new CheckedOutputStream(raw, crc));
          DataOutputStream out = new DataOutputStream(counting);
          out.writeInt(MAGIC);
          out.writeUTF(kind);
          out.writeInt(version);
          payload.accept(out);
          out.flush();
          DataOutputStream trailer = new DataOutputStream(raw);
          trailer.writeLong(counting.count);
          trailer.writeInt((int) crc.getValue());
          trailer.flush();
        });
  }

  /**
   * Verifies {@code file} and parses its payload; the file must be of exactly {@code version}. Same
   * as {@link #read(Path, String, int, int, PayloadReader)} with the range {@code [version,
   * version]}.
   *
   * @throws UnsupportedVersionException if the file declares another version
   */
  public static <T> T read(
      Path file, String kind, int version, IoFunction<DataInputStream, T> payload)
      throws IOException {
    return read(file, kind, version, version, (in, v) -> payload.apply(in));
  }

  /** Parses a payload of the format version the file declares. */
  @FunctionalInterface
  public interface PayloadReader<T> {
    /**
     * Reads the payload from {@code in}.
     *
     * @param version the format version the file declares, within the reader's supported range
     */
    T read(DataInputStream in, int version) throws IOException;
  }

  /**
   * Verifies {@code file} and parses its payload with {@code payload}, which is given the version
   * the file declares so that it can read older versions.
   *
   * @param kind the kind the file must declare
   * @param minVersion the oldest format version this build reads
   * @param maxVersion the newest format version this build reads (usually the one it writes)
   * @throws UnsupportedVersionException if the file's version is outside {@code [minVersion,
   *     maxVersion]}: the message says it is too old (re-create it) or too new (upgrade movierec)
   * @throws CorruptFileException if the file is truncated, fails its checksum, or declares another
   *     kind
   * @throws java.nio.file.NoSuchFileException if the file does not exist
   */
  public static <T> T read(
      Path file, String kind, int minVersion, int maxVersion, PayloadReader<T> payload)
      throws IOException {
    if (minVersion > maxVersion) {
      throw new IllegalArgumentException(
          "empty version range [" + minVersion + ", " + maxVersion + "]");
    }
    return read(file, kind, minVersion, maxVersion, payload, IN_MEMORY_BYTES);
  }

  /**
   * As {@link #read(Path, String, int, int, PayloadReader)}, reading files up to {@code
   * inMemoryBytes} whole.
   */
  static <T> T read(
      Path file,
      String kind,
      int minVersion,
      int maxVersion,
      PayloadReader<T> payload,
      long inMemoryBytes)
      throws IOException {
    if (Files.size(file) <= inMemoryBytes) {
      // One read, then the checksum and the parse run over memory: reading a payload of small
      // fields through buffered streams cost more than the parsing itself (a user store of 6,040
      // users and their histories).
      return parse(file, Files.readAllBytes(file), kind, minVersion, maxVersion, payload);
    }
    long contentLength = verify(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(new LimitedInputStream(raw, contentLength));
      return readPayload(file, in, kind, minVersion, maxVersion, payload);
    }
  }

  /** Files up to this size are read whole into memory and parsed from there by {@link #read}. */
  static final long IN_MEMORY_BYTES = 64L << 20;

  /** Reads the header, checks its kind and version, and parses the payload that follows. */
  private static <T> T readPayload(
      Path file,
      DataInputStream in,
      String kind,
      int minVersion,
      int maxVersion,
      PayloadReader<T> payload)
      throws IOException {
    Header header = readHeader(file, in);
    if (!header.kind().equals(kind)) {
      throw new CorruptFileException(file, "holds a " + header.kind() + ", expected a " + kind);
    }
    UnsupportedVersionException.check(file, kind, header.version(), minVersion, maxVersion);
    try {
      return payload.read(in, header.version());
    } catch (EOFException e) {
      throw new CorruptFileException(file, "payload ends early: " + e.getMessage());
    } catch (UTFDataFormatException e) {
      throw new CorruptFileException(file, "payload holds malformed text: " + e.getMessage());
    }
  }

  /**
   * Checks a count read from a payload (of records, array elements, bytes) against the bytes left
   * in it, before anything is allocated for it: {@code count} must not be negative and {@code count
   * × minBytesEach} must fit in what is left of the payload.
   *
   * @param in the payload stream {@link #read} handed the reader
   * @param minBytesEach the fewest bytes one counted item takes in the file (at least 1)
   * @param what what is counted, for the message (such as {@code "movies"})
   * @return {@code count}
   * @throws CorruptFileException naming the file, what is counted, the count and the bytes left
   */
  public static int checkCount(
      Path file, DataInputStream in, int count, int minBytesEach, String what) throws IOException {
    if (minBytesEach < 1) {
      throw new IllegalArgumentException("minBytesEach must be at least 1, got " + minBytesEach);
    }
    int left = in.available();
    if (count < 0 || (long) count * minBytesEach > left) {
      throw new CorruptFileException(
          file,
          "declares "
              + count
              + " "
              + what
              + (count < 0
                  ? " (a negative count)"
                  : " of at least "
                      + minBytesEach
                      + " bytes each, but only "
                      + left
                      + " bytes are left"));
    }
    return count;
  }

  /**
   * Verifies and parses the whole content of {@code file} already read into memory: for a small
   * file that another process may replace at any moment (such as a manifest), so that the checksum
   * and the payload come from the same read. Checks as {@link #read(Path, String, int, int,
   * PayloadReader)} does; {@code file} only names the file in errors.
   */
  public static <T> T parse(
      Path file,
      byte[] content,
      String kind,
      int minVersion,
      int maxVersion,
      PayloadReader<T> payload)
      throws IOException {
    if (content.length < TRAILER_BYTES + Integer.BYTES) {
      throw new CorruptFileException(file, "truncated: only " + content.length + " bytes");
    }
    ByteBuffer trailer = ByteBuffer.wrap(content, content.length - TRAILER_BYTES, TRAILER_BYTES);
    long declared = trailer.getLong();
    int declaredCrc = trailer.getInt();
    if (declared != content.length - TRAILER_BYTES) {
      throw new CorruptFileException(
          file,
          "truncated or extended: trailer declares "
              + declared
              + " content bytes, file holds "
              + (content.length - TRAILER_BYTES));
    }
    CRC32C crc = new CRC32C();
    crc.update(content, 0, (int) declared);
    if ((int) crc.getValue() != declaredCrc) {
      throw new CorruptFileException(file, "checksum mismatch: the file is corrupted");
    }
    DataInputStream in = new DataInputStream(new ArrayInput(content, (int) declared));
    return readPayload(file, in, kind, minVersion, maxVersion, payload);
  }

  /**
   * What a file's header declares, with the file's size.
   *
   * @param kind the kind of content
   * @param version its format version
   * @param bytes the size of the whole file
   */
  public record Header(String kind, int version, long bytes) {}

  /**
   * Verifies {@code file} and reads its header, whatever its kind and version (to tell what a file
   * is, such as {@code movierec describe} does).
   *
   * @throws CorruptFileException if the file is truncated, fails its checksum or is not a movierec
   *     file
   */
  public static Header readHeader(Path file) throws IOException {
    long contentLength = verify(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      return readHeader(file, new DataInputStream(new LimitedInputStream(raw, contentLength)));
    }
  }

  private static Header readHeader(Path file, DataInputStream in) throws IOException {
    try {
      if (in.readInt() != MAGIC) {
        throw new CorruptFileException(file, "not a movierec file (bad magic number)");
      }
      String kind = in.readUTF();
      int version = in.readInt();
      return new Header(kind, version, Files.size(file));
    } catch (EOFException e) {
      throw new CorruptFileException(file, "header ends early: " + e.getMessage());
    } catch (UTFDataFormatException e) {
      throw new CorruptFileException(file, "header holds malformed text: " + e.getMessage());
    }
  }

  /**
   * Checks the length and checksum of {@code file} and returns the length of its content (header
   * and payload).
   */
  public static long verify(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < TRAILER_BYTES + Integer.BYTES) {
        throw new CorruptFileException(file, "truncated: only " + size + " bytes");
      }
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
      ch.read(trailer, size - TRAILER_BYTES);
      trailer.flip();
      long declared = trailer.getLong();
      int declaredCrc = trailer.getInt();
      if (declared != size - TRAILER_BYTES) {
        throw new CorruptFileException(
            file,
            "truncated or extended: trailer declares "
                + declared
                + " content bytes, file holds "
                + (size - TRAILER_BYTES));
      }
      CRC32C crc = new CRC32C();
      // sized to the file: a fixed 1 MB direct buffer per call made small loads slow
      ByteBuffer buf = ByteBuffer.allocate((int) Math.max(1, Math.min(declared, 1 << 16)));
      long pos = 0;
      while (pos < declared) {
        buf.clear();
        if (declared - pos < buf.capacity()) {
          buf.limit((int) (declared - pos));
        }
        int n = ch.read(buf, pos);
        if (n < 0) {
          throw new CorruptFileException(file, "truncated while reading");
        }
        buf.flip();
        crc.update(buf);
        pos += n;
      }
      if ((int) crc.getValue() != declaredCrc) {
        throw new CorruptFileException(file, "checksum mismatch: the file is corrupted");
      }
      return declared;
    }
  }

  private static final class CountingOutputStream extends java.io.FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /**
   * The first {@code end} bytes of an array as a stream, without the locking of {@link
   * java.io.ByteArrayInputStream} (a {@link DataInputStream} reads most fields a byte at a time);
   * {@code available()} is exactly the bytes left. One reader only.
   */
  private static final class ArrayInput extends InputStream {
    private final byte[] buf;
    private final int end;
    private int pos;

    ArrayInput(byte[] buf, int end) {
      this.buf = buf;
      this.end = end;
    }

    @Override
    public int read() {
      return pos < end ? buf[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = Math.min(len, end - pos);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return end - pos;
    }

    @Override
    public long skip(long n) {
      long k = Math.max(0, Math.min(n, end - pos));
      pos += (int) k;
      return k;
    }
  }

  private static final class LimitedInputStream extends java.io.FilterInputStream {
    private long remaining;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    /** Exactly the bytes left of the payload (the rest of the file is verified and present). */
    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, Math.max(0, remaining));
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(Math.max(0, n), remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
