package io.movierec.domain;

/** A user's gender as MovieLens records it: {@code M} or {@code F}. */
public enum Gender {
  MALE("M"),
  FEMALE("F");

  private final String code;

  Gender(String code) {
    this.code = code;
  }

  /** The MovieLens code, {@code "M"} or {@code "F"}; this is the value that gets hashed. */
  public String code() {
    return code;
  }

  /**
   * Parses a MovieLens gender code.
   *
   * @throws IllegalArgumentException if {@code code} is neither {@code M} nor {@code F}
   */
  public static Gender fromCode(String code) {
    for (Gender g : values()) {
      if (g.code.equals(code)) {
        return g;
      }
    }
    throw new IllegalArgumentException("unknown gender code '" + code + "' (expected M or F)");
  }
}
