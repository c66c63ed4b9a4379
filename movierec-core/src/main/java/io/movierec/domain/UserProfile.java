package io.movierec.domain;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The demographics a user gives: gender, age bucket and occupation. It is all a brand-new user
 * brings, and is enough to recommend for them.
 */
public record UserProfile(Gender gender, AgeBucket age, Occupation occupation) {

  public UserProfile {
    checkNotNull(gender, "gender");
    checkNotNull(age, "age");
    checkNotNull(occupation, "occupation");
  }

  /**
   * Builds a profile from MovieLens codes, as a client would send them: {@code of("M", 32, 5)}. The
   * age may be a bucket code (1, 18, 25, ...) or any age in years, which is mapped onto its bucket.
   *
   * @throws IllegalArgumentException naming the field and value if a code is invalid
   */
  public static UserProfile of(String gender, int ageYearsOrCode, int occupationCode) {
    return new UserProfile(
        Gender.fromCode(gender),
        AgeBucket.fromYears(ageYearsOrCode),
        Occupation.fromCode(occupationCode));
  }
}
