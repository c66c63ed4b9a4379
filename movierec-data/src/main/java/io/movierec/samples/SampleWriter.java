package io.movierec.samples;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.features.Slot;
import io.movierec.features.SlotSchema;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes samples as PaddleRec's slot:feasign lines:
 *
 * <pre>
 * logid:17 time:978300760 userid:157011 gender:113968 age:567871 occupation:104148 movieid:32463
 *     title:… title:… title:… title:… genres:… genres:… genres:… label:5
 * </pre>
 *
 * (one line, space-separated): each slot's name before each of its ids, padded to the slot's
 * length, slots in {@link SlotSchema} order, the label last, written without a fraction when it is
 * a whole number. The stream is not closed by this class. Not thread-safe.
 */
public final class SampleWriter implements Flushable {

  private final OutputStream out;
  private final int userWidth;
  private final int movieWidth;
  private final byte[][] userPrefixes;
  private final byte[][] moviePrefixes;
  private final byte[] line;
  private long rows;

  /** A writer of lines for {@code schema} onto {@code out} (buffer it). */
  public SampleWriter(OutputStream out, SlotSchema schema) {
    this.out = checkNotNull(out, "out");
    this.userWidth = schema.userWidth();
    this.movieWidth = schema.movieWidth();
    this.userPrefixes = prefixes(schema.userSlots().toArray(Slot[]::new), userWidth);
    this.moviePrefixes = prefixes(schema.movieSlots().toArray(Slot[]::new), movieWidth);
    this.line = new byte[longestLine(userPrefixes) + longestLine(moviePrefixes) + FIXED_PART];
  }

  /** {@code logid:} and {@code time:} with 20-digit numbers, {@code label:} with a float, '\n'. */
  private static final int FIXED_PART = 6 + 20 + 6 + 20 + 7 + 16 + 1;

  /** The most bytes the columns can take: each prefix and an int of up to 11 characters. */
  private static int longestLine(byte[][] prefixes) {
    int n = 0;
    for (byte[] p : prefixes) {
      n += p.length + 11;
    }
    return n;
  }

  private static byte[][] prefixes(Slot[] slots, int width) {
    byte[][] p = new byte[width][];
    int col = 0;
    for (Slot s : slots) {
      byte[] b = (" " + s.name() + ":").getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < s.length(); i++) {
        p[col++] = b;
      }
    }
    return p;
  }

  /** Writes one sample. */
  public void write(Sample s) throws IOException {
    write(s.logId(), s.time(), s.userIds(), 0, s.movieIds(), 0, s.label());
  }

  /**
   * Writes one line from the user ids at {@code userIds[userOffset..]} and the movie ids at {@code
   * movieIds[movieOffset..]}.
   */
  public void write(
      long logId,
      long time,
      int[] userIds,
      int userOffset,
      int[] movieIds,
      int movieOffset,
      float label)
      throws IOException {
    checkArgument(Float.isFinite(label), "label must be finite, got %s", label);
    int p = put(line, 0, "logid:");
    p = putLong(line, p, logId);
    p = put(line, p, " time:");
    p = putLong(line, p, time);
    for (int i = 0; i < userWidth; i++) {
      p = put(line, p, userPrefixes[i]);
      p = putLong(line, p, userIds[userOffset + i]);
    }
    for (int i = 0; i < movieWidth; i++) {
      p = put(line, p, moviePrefixes[i]);
      p = putLong(line, p, movieIds[movieOffset + i]);
    }
    p = put(line, p, " label:");
    if (label == (long) label) {
      p = putLong(line, p, (long) label);
    } else {
      p = put(line, p, Float.toString(label));
    }
    line[p++] = '\n';
    out.write(line, 0, p);
    rows++;
  }

  /** Lines written so far. */
  public long rowsWritten() {
    return rows;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  private static int put(byte[] dst, int p, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      dst[p++] = (byte) ascii.charAt(i);
    }
    return p;
  }

  private static int put(byte[] dst, int p, byte[] src) {
    System.arraycopy(src, 0, dst, p, src.length);
    return p + src.length;
  }

  private static int putLong(byte[] dst, int p, long v) {
    if (v < 0) {
      dst[p++] = '-';
      v = -v;
    }
    if (v == 0) {
      dst[p++] = '0';
      return p;
    }
    int start = p;
    while (v > 0) {
      dst[p++] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    for (int i = start, j = p - 1; i < j; i++, j--) {
      byte t = dst[i];
      dst[i] = dst[j];
      dst[j] = t;
    }
    return p;
  }
}
