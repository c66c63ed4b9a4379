package io.movierec.domain;

/**
 * The seven age buckets of MovieLens 1M. The code is the bucket's lower bound as {@code users.dat}
 * writes it (1, 18, 25, 35, 45, 50, 56), and is the value that gets hashed.
 */
public enum AgeBucket {
  UNDER_18(1, "Under 18"),
  FROM_18_TO_24(18, "18-24"),
  FROM_25_TO_34(25, "25-34"),
  FROM_35_TO_44(35, "35-44"),
  FROM_45_TO_49(45, "45-49"),
  FROM_50_TO_55(50, "50-55"),
  FROM_56(56, "56+");

  private final int code;
  private final String label;

  AgeBucket(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The ml-1m code: 1, 18, 25, 35, 45, 50 or 56. */
  public int code() {
    return code;
  }

  /** A readable range such as {@code "25-34"}. */
  public String label() {
    return label;
  }

  /**
   * Parses an ml-1m age code.
   *
   * @throws IllegalArgumentException if {@code code} is not one of 1, 18, 25, 35, 45, 50, 56
   */
  public static AgeBucket fromCode(int code) {
    for (AgeBucket b : values()) {
      if (b.code == code) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "unknown age code " + code + " (expected one of 1, 18, 25, 35, 45, 50, 56)");
  }

  /**
   * Maps an age in years (as ml-100k records it) onto its ml-1m bucket.
   *
   * @throws IllegalArgumentException if {@code years} is negative or above 150
   */
  public static AgeBucket fromYears(int years) {
    if (years < 0 || years > 150) {
      throw new IllegalArgumentException("age " + years + " is not a plausible age in years");
    }
    AgeBucket result = UNDER_18;
    for (AgeBucket b : values()) {
      if (b != UNDER_18 && years >= b.code) {
        result = b;
      }
    }
    return result;
  }
}
