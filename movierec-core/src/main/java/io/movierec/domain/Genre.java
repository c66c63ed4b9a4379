package io.movierec.domain;

import java.util.Optional;

/**
 * The 18 MovieLens genres, plus {@link #UNKNOWN} (ml-100k's "unknown" flag) and {@link #IMAX}
 * (ml-latest). The label is the MovieLens spelling and is the value that gets hashed.
 */
public enum Genre {
  ACTION("Action"),
  ADVENTURE("Adventure"),
  ANIMATION("Animation"),
  CHILDRENS("Children's"),
  COMEDY("Comedy"),
  CRIME("Crime"),
  DOCUMENTARY("Documentary"),
  DRAMA("Drama"),
  FANTASY("Fantasy"),
  FILM_NOIR("Film-Noir"),
  HORROR("Horror"),
  MUSICAL("Musical"),
  MYSTERY("Mystery"),
  ROMANCE("Romance"),
  SCI_FI("Sci-Fi"),
  THRILLER("Thriller"),
  WAR("War"),
  WESTERN("Western"),
  /** ml-100k's "unknown" genre flag. */
  UNKNOWN("unknown"),
  /** ml-latest's IMAX tag. */
  IMAX("IMAX");

  /** The 18 genres of ml-1m, in its order. */
  public static final int STANDARD_COUNT = 18;

  private final String label;

  Genre(String label) {
    this.label = label;
  }

  /** The MovieLens spelling, such as {@code "Children's"}. */
  public String label() {
    return label;
  }

  /** True for the 18 genres ml-1m uses. */
  public boolean isStandard() {
    return ordinal() < STANDARD_COUNT;
  }

  /**
   * Finds a genre by its MovieLens spelling. {@code "Children"} (ml-latest's spelling) is accepted
   * for {@link #CHILDRENS}.
   */
  public static Optional<Genre> fromLabel(String label) {
    for (Genre g : values()) {
      if (g.label.equals(label)) {
        return Optional.of(g);
      }
    }
    if (label.equals("Children")) {
      return Optional.of(CHILDRENS);
    }
    return Optional.empty();
  }
}
