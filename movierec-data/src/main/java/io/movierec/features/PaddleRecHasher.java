package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;

/**
 * PaddleRec's feature hash, byte for byte: the feasign of value {@code v} in slot {@code s} is
 *
 * <pre>
 *   hash27(s + ":" + v + reverse(v) + v[::-2] + v[::-3]) floor-mod buckets
 * </pre>
 *
 * where {@code v[::-2]} and {@code v[::-3]} are Python slices (every 2nd and every 3rd character
 * counted from the end) and {@code hash27} is Python 2.7's 64-bit string hash, as PaddleRec's
 * {@code process_ml_1m.py} computes under Python 2 (or with {@code py27hash}). User id "1" in slot
 * {@code userid} hashes {@code "userid:1111"} to 157011.
 *
 * <p>Python 2 hashes the bytes it read. MovieLens 1M is ISO-8859-1, so a value whose characters all
 * fit in Latin-1 is hashed as its Latin-1 bytes (é is the single byte 0xE9, as in the reference);
 * any other value is hashed as its UTF-8 bytes. Unlike {@link Murmur3Hasher}, this hash can land on
 * row 0, the padding row, as the reference's can.
 */
public final class PaddleRecHasher implements FeatureHasher {

  /** The kind name used in specs. */
  public static final String KIND = "paddlerec";

  private final int buckets;

  /**
   * A hasher with {@code buckets} rows; PaddleRec's movie example uses {@value #DEFAULT_BUCKETS}.
   */
  public PaddleRecHasher(int buckets) {
    checkArgument(buckets >= 2, "buckets must be at least 2, got %s", buckets);
    this.buckets = buckets;
  }

  /** A hasher with {@link #DEFAULT_BUCKETS} rows. */
  public PaddleRecHasher() {
    this(DEFAULT_BUCKETS);
  }

  @Override
  public int hash(String slot, String value) {
    return (int) Math.floorMod(hash27(bytes(slot + ":" + expand(value))), (long) buckets);
  }

  @Override
  public int buckets() {
    return buckets;
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** {@code v + reverse(v) + v[::-2] + v[::-3]}, the string PaddleRec hashes for value v. */
  static String expand(String v) {
    int n = v.length();
    StringBuilder sb = new StringBuilder(n * 3 + 2);
    sb.append(v);
    for (int i = n - 1; i >= 0; i--) {
      sb.append(v.charAt(i));
    }
    for (int i = n - 1; i >= 0; i -= 2) {
      sb.append(v.charAt(i));
    }
    for (int i = n - 1; i >= 0; i -= 3) {
      sb.append(v.charAt(i));
    }
    return sb.toString();
  }

  /** The bytes Python 2 would have hashed for {@code s}: Latin-1 where it fits, else UTF-8. */
  static byte[] bytes(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return s.getBytes(StandardCharsets.UTF_8);
      }
    }
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /**
   * Python 2.7's {@code hash()} of a byte string on a 64-bit build (hash randomisation off): {@code
   * x = b[0] << 7; for each byte c: x = (1000003 * x) ^ c; x ^= len; -1 becomes -2}.
   */
  static long hash27(byte[] b) {
    if (b.length == 0) {
      return 0;
    }
    long x = (long) (b[0] & 0xFF) << 7;
    for (byte c : b) {
      x = (1000003L * x) ^ (c & 0xFF);
    }
    x ^= b.length;
    return x == -1 ? -2 : x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaddleRecHasher h && h.buckets == buckets;
  }

  @Override
  public int hashCode() {
    return buckets;
  }

  @Override
  public String toString() {
    return spec();
  }
}
