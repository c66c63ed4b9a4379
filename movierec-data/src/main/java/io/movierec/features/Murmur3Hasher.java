package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * The default feature hash: 32-bit MurmurHash3 (Guava's {@code murmur3_32_fixed}) over the UTF-8
 * bytes of {@code slot + '\u0000' + value}, mapped onto rows {@code 1 .. buckets-1}. It is faster
 * than {@link PaddleRecHasher} and never lands on row 0, the padding row.
 */
public final class Murmur3Hasher implements FeatureHasher {

  /** The kind name used in specs. */
  public static final String KIND = "murmur3";

  private static final HashFunction MURMUR = Hashing.murmur3_32_fixed(0x6d6f7669); // "movi"

  private final int buckets;

  /** A hasher with {@code buckets} rows (row 0 stays the padding row). */
  public Murmur3Hasher(int buckets) {
    checkArgument(buckets >= 2, "buckets must be at least 2, got %s", buckets);
    this.buckets = buckets;
  }

  /** A hasher with {@link #DEFAULT_BUCKETS} rows. */
  public Murmur3Hasher() {
    this(DEFAULT_BUCKETS);
  }

  @Override
  public int hash(String slot, String value) {
    int h =
        MURMUR
            .newHasher(slot.length() + value.length() + 1)
            .putString(slot, StandardCharsets.UTF_8)
            .putByte((byte) 0)
            .putString(value, StandardCharsets.UTF_8)
            .hash()
            .asInt();
    return 1 + Integer.remainderUnsigned(h, buckets - 1);
  }

  @Override
  public int buckets() {
    return buckets;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Murmur3Hasher h && h.buckets == buckets;
  }

  @Override
  public int hashCode() {
    return 31 + buckets;
  }

  @Override
  public String toString() {
    return spec();
  }
}
