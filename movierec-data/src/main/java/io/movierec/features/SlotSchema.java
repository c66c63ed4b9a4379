package io.movierec.features;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The slots of a sample, in line order: all user slots first, then all movie slots, as PaddleRec
 * writes them. It drives the sample writer, the sample reader and both models, so adding a slot —
 * the movie's release year, or an age×occupation cross — needs no code change:
 *
 * <pre>{@code
 * SlotSchema schema = SlotSchema.paddleRec()
 *     .withSlot(Slot.of(Field.YEAR, 1))
 *     .withSlot(Slot.of(new Cross(Field.AGE, Field.OCCUPATION), 1));
 * }</pre>
 *
 * <p>Within a side, columns are laid out slot after slot; {@link #userWidth()} and {@link
 * #movieWidth()} are the number of ids per user and per movie.
 */
public final class SlotSchema {

  private final List<Slot> slots;
  private final List<Slot> userSlots;
  private final List<Slot> movieSlots;
  private final int userWidth;
  private final int movieWidth;

  private SlotSchema(List<Slot> slots) {
    List<Slot> user = new ArrayList<>();
    List<Slot> movie = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Slot s : slots) {
      checkArgument(names.add(s.name()), "slot %s appears twice", s.name());
      (s.side() == Side.USER ? user : movie).add(s);
    }
    checkArgument(!user.isEmpty(), "a schema needs at least one user slot");
    checkArgument(!movie.isEmpty(), "a schema needs at least one movie slot");
    this.userSlots = List.copyOf(user);
    this.movieSlots = List.copyOf(movie);
    List<Slot> ordered = new ArrayList<>(user);
    ordered.addAll(movie);
    this.slots = List.copyOf(ordered);
    this.userWidth = user.stream().mapToInt(Slot::length).sum();
    this.movieWidth = movie.stream().mapToInt(Slot::length).sum();
  }

  /** The spec of {@link #withHistory()}: {@value}. */
  public static final String WITH_HISTORY_SPEC =
      "userid,gender,age,occupation,history/10:mean,ratings/5:mean,movieid,title/4,genres/3";

  /**
   * PaddleRec's seven slots plus the user's 10 latest movies and 5 latest scores, each averaged
   * ({@code :mean}) into one embedding; {@code title/4} = up to 4 title words. The quickstart, the
   * examples and the best ml-100k configurations use it.
   */
  public static SlotSchema withHistory() {
    return parse(WITH_HISTORY_SPEC);
  }

  /** PaddleRec's movie schema: {@code userid gender age occupation movieid title×4 genres×3}. */
  public static SlotSchema paddleRec() {
    return of(
        List.of(
            Slot.of(Field.USERID, 1),
            Slot.of(Field.GENDER, 1),
            Slot.of(Field.AGE, 1),
            Slot.of(Field.OCCUPATION, 1),
            Slot.of(Field.MOVIEID, 1),
            Slot.of(Field.TITLE, 4),
            Slot.of(Field.GENRES, 3)));
  }

  /** A schema of these slots; user slots are moved before movie slots, order kept within a side. */
  public static SlotSchema of(List<Slot> slots) {
    return new SlotSchema(slots);
  }

  /** This schema with one more slot, placed at the end of its side. */
  public SlotSchema withSlot(Slot slot) {
    List<Slot> more = new ArrayList<>(slots);
    more.add(slot);
    return new SlotSchema(more);
  }

  /**
   * Reads a schema from its {@link #spec()}: comma-separated {@code
   * [name=]feature[/length][:sum|:mean]}, e.g. {@code
   * userid,gender,age,occupation,history/10:mean,movieid,title/4,genres/3,age_occ=age*occupation}.
   *
   * @throws IllegalArgumentException naming the offending entry
   */
  public static SlotSchema parse(String spec) {
    List<Slot> slots = new ArrayList<>();
    for (String entry : spec.split(",")) {
      String e = entry.trim();
      checkArgument(!e.isEmpty(), "empty slot entry in schema '%s'", spec);
      try {
        String name = null;
        int eq = e.indexOf('=');
        if (eq >= 0) {
          name = e.substring(0, eq).trim();
          e = e.substring(eq + 1).trim();
        }
        Pooling pooling = Pooling.SUM;
        int colon = e.indexOf(':');
        if (colon >= 0) {
          String p = e.substring(colon + 1).trim();
          pooling =
              switch (p) {
                case "sum" -> Pooling.SUM;
                case "mean" -> Pooling.MEAN;
                default ->
                    throw new IllegalArgumentException(
                        "pooling must be sum or mean, got '" + p + "'");
              };
          e = e.substring(0, colon).trim();
        }
        int length = 1;
        int slash = e.indexOf('/');
        if (slash >= 0) {
          length = Integer.parseInt(e.substring(slash + 1).trim());
          e = e.substring(0, slash).trim();
        }
        Feature feature = Feature.parse(e);
        Slot slot = name == null ? Slot.of(feature, length) : new Slot(name, feature, length);
        slots.add(slot.withPooling(pooling));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(
            "schema entry '" + entry.trim() + "': " + ex.getMessage(), ex);
      }
    }
    return new SlotSchema(slots);
  }

  /** The spec {@link #parse} reads back. */
  public String spec() {
    StringBuilder sb = new StringBuilder();
    for (Slot s : slots) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(s.spec());
    }
    return sb.toString();
  }

  /** All slots in line order (user slots, then movie slots). */
  public List<Slot> slots() {
    return slots;
  }

  /** The user slots in line order. */
  public List<Slot> userSlots() {
    return userSlots;
  }

  /** The movie slots in line order. */
  public List<Slot> movieSlots() {
    return movieSlots;
  }

  /**
   * True if a user slot reads {@link Field#HISTORY}: the user ids then depend on when a user is
   * asked about, not only on who.
   */
  public boolean usesHistory() {
    return historyLength() > 0;
  }

  /** The most history entries any slot can use (0 if no slot reads the history). */
  public int historyLength() {
    int n = 0;
    for (Slot s : userSlots) {
      if (readsHistory(s.feature())) {
        n = Math.max(n, s.length());
      }
    }
    return n;
  }

  private static boolean readsHistory(Feature f) {
    return isHistory(f)
        || (f instanceof Cross c && (isHistory(c.first()) || isHistory(c.second())));
  }

  private static boolean isHistory(Feature f) {
    return f == Field.HISTORY || f == Field.RATINGS;
  }

  /** The number of ids describing a user: the sum of the user slots' lengths. */
  public int userWidth() {
    return userWidth;
  }

  /** The number of ids describing a movie. */
  public int movieWidth() {
    return movieWidth;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SlotSchema s && s.slots.equals(slots);
  }

  @Override
  public int hashCode() {
    return slots.hashCode();
  }

  @Override
  public String toString() {
    return spec();
  }
}
