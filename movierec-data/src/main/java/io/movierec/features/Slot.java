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
 */
public record Slot(String name, Feature feature, int length) {

  /** The most ids one slot may hold. */
  public static final int MAX_LENGTH = 64;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Slot {
    checkNotNull(name, "name");
    checkNotNull(feature, "feature");
    checkArgument(
        NAME.matcher(name).matches(),
        "slot name '%s' must be lower-case letters, digits and underscores",
        name);
    checkArgument(!name.equals("logid") && !name.equals("time") && !name.equals("label"),
        "slot name '%s' is reserved", name);
    checkArgument(
        length >= 1 && length <= MAX_LENGTH, "slot %s: length must be in 1..%s, got %s", name,
        MAX_LENGTH, length);
  }

  /** A slot named after its feature: {@code of(Field.TITLE, 4)} is the slot {@code title}. */
  public static Slot of(Feature feature, int length) {
    return new Slot(feature.spec().replace('*', '_'), feature, length);
  }

  /** The side of the slot's feature. */
  public Side side() {
    return feature.side();
  }

  /** {@code name=feature/length}, the form {@link SlotSchema#parse} reads. */
  String spec() {
    String defaultName = feature.spec().replace('*', '_');
    String head = name.equals(defaultName) ? feature.spec() : name + "=" + feature.spec();
    return length == 1 ? head : head + "/" + length;
  }
}
