package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * Turns a slot's raw value (a user id, a title word, a genre) into a feasign: a row of the shared
 * embedding table, in {@code [0, buckets())}. Row 0 is the padding row that fills unused positions
 * of multi-id slots.
 *
 * <p>The same hasher object, or one made from the same {@link #spec()}, must be used at training
 * and at serving time; models save the spec with their weights so the two can never disagree.
 * Implementations are immutable and thread-safe.
 */
public interface FeatureHasher {

  /** The default number of buckets, PaddleRec's {@code sparse_feature_number}. */
  int DEFAULT_BUCKETS = 600_000;

  /** The feasign of {@code value} in slot {@code slot}, in {@code [0, buckets())}. */
  int hash(String slot, String value);

  /** The number of buckets (rows of the embedding table). */
  int buckets();

  /** The kind of hash: {@code "paddlerec"} or {@code "murmur3"}. */
  String kind();

  /**
   * A string from which {@link #fromSpec} rebuilds an equal hasher, e.g. {@code "murmur3:600000"}.
   */
  default String spec() {
    return kind() + ":" + buckets();
  }

  /**
   * Rebuilds a hasher from its {@link #spec()}, or from a bare kind ({@code "paddlerec"}), which
   * takes {@link #DEFAULT_BUCKETS}.
   *
   * @throws IllegalArgumentException naming the spec if the kind is unknown or the bucket count is
   *     not a positive integer
   */
  static FeatureHasher fromSpec(String spec) {
    String[] parts = spec.trim().split(":", -1);
    checkArgument(parts.length <= 2, "hasher spec '%s' is not of the form kind[:buckets]", spec);
    int buckets = DEFAULT_BUCKETS;
    if (parts.length == 2) {
      try {
        buckets = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "hasher spec '" + spec + "': buckets must be an integer");
      }
    }
    return switch (parts[0].toLowerCase(Locale.ROOT)) {
      case PaddleRecHasher.KIND -> new PaddleRecHasher(buckets);
      case Murmur3Hasher.KIND, "murmur" -> new Murmur3Hasher(buckets);
      default ->
          throw new IllegalArgumentException(
              "unknown hasher '"
                  + parts[0]
                  + "' in spec '"
                  + spec
                  + "' (expected paddlerec or murmur3)");
    };
  }
}
