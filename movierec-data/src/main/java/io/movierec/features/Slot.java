package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.regex.Pattern;

/**
 * One slot of a sample: a name (written before each feasign, {@code title:123}), the feature it
 * reads, and how many ids it holds — values beyond that are dropped, missing ones padded with
 * feasign 0, as PaddleRec's {@code padding.py} does (title 4, genres 3, every other slot 1).
 *
 * @param name lower-case letters, digits and underscores; also the slot prefix hashed with each
 *     value
 * @param feature where the values come from
 * @param length the number of ids, 1..{@link #MAX_LENGTH}
 * @param pooling how the ids' embeddings are combined ({@link Pooling#SUM} in PaddleRec)
 */
public record Slot(String name, Feature feature, int length, Pooling pooling) {

  /** The most ids one slot may hold. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Slot {
    checkNotNull(name, "name");
    checkNotNull(feature, "feature");
    checkNotNull(pooling, "pooling");
    checkArgument(
        NAME.matcher(name).matches(),
        "slot name '%s' must be lower-case letters, digits and underscores",
        name);
    checkArgument(
        !name.equals("logid") && !name.equals("time") && !name.equals("label"),
        "slot name '%s' is reserved",
        name);
    checkArgument(
        length >= 1 && length <= MAX_LENGTH,
        "slot %s: length must be in 1..%s, got %s",
        name,
        MAX_LENGTH,
        length);
  }

  /** A summed slot named {@code name}. */
  public Slot(String name, Feature feature, int length) {
    this(name, feature, length, Pooling.SUM);
  }

  /**
   * A summed slot named after its feature: {@code of(Field.TITLE, 4)} is the slot {@code title}.
   */
  public static Slot of(Feature feature, int length) {
    return new Slot(feature.spec().replace('*', '_'), feature, length);
  }

  /** This slot with another pooling. */
  public Slot withPooling(Pooling pooling) {
    return new Slot(name, feature, length, pooling);
  }

  /** The side of the slot's feature. */
  public Side side() {
    return feature.side();
  }

  /** {@code name=feature/length:mean}, the form {@link SlotSchema#parse} reads. */
  String spec() {
    String defaultName = feature.spec().replace('*', '_');
    String head = name.equals(defaultName) ? feature.spec() : name + "=" + feature.spec();
    String sized = length == 1 ? head : head + "/" + length;
    return pooling == Pooling.SUM
        ? sized
        : sized + ":" + pooling.name().toLowerCase(java.util.Locale.ROOT);
  }
}
