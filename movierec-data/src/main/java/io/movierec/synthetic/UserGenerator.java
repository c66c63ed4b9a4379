package io.movierec.synthetic;

import io.movierec.domain.AgeBucket;
import io.movierec.domain.Gender;
import io.movierec.domain.Occupation;
import io.movierec.domain.User;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes users with ids 1..n whose demographics resemble MovieLens 1M: about 72% men, the 25-34 age
 * bucket the largest, K-12 students nearly all under 18, college students mostly 18-24, the retired
 * mostly 56 and over, and five-digit zip codes (a few in ZIP+4 form).
 */
final class UserGenerator {

  static final double MALE_SHARE = 0.72;
  static final double ZIP_PLUS_FOUR_SHARE = 0.02;

  /** Shares of the age buckets, in {@link AgeBucket} order. */
  private static final double[] AGE_WEIGHTS = {0.037, 0.183, 0.347, 0.198, 0.091, 0.082, 0.063};

  /**
   * For each age bucket (rows, in {@link AgeBucket} order): the shares of K-12 students, college
   * students and the retired. The rest of the bucket spreads over the other occupations by {@link
   * #OTHER_OCCUPATION_WEIGHTS}.
   */
  private static final double[][] STUDENT_RETIRED_SHARES = {
    {0.73, 0.02, 0.0},
    {0.03, 0.48, 0.0},
    {0.0, 0.10, 0.0},
    {0.0, 0.01, 0.004},
    {0.0, 0.005, 0.013},
    {0.0, 0.01, 0.055},
    {0.003, 0.0, 0.27},
  };

  /** Relative weights of every occupation, K-12, college and retired excepted (those are 0). */
  private static final double[] OTHER_OCCUPATION_WEIGHTS = new double[Occupation.values().length];

  static {
    weight(Occupation.OTHER, 118);
    weight(Occupation.ACADEMIC_EDUCATOR, 87);
    weight(Occupation.ARTIST, 44);
    weight(Occupation.CLERICAL_ADMIN, 29);
    weight(Occupation.CUSTOMER_SERVICE, 19);
    weight(Occupation.DOCTOR_HEALTH_CARE, 39);
    weight(Occupation.EXECUTIVE_MANAGERIAL, 112);
    weight(Occupation.FARMER, 3);
    weight(Occupation.HOMEMAKER, 15);
    weight(Occupation.LAWYER, 21);
    weight(Occupation.PROGRAMMER, 64);
    weight(Occupation.SALES_MARKETING, 50);
    weight(Occupation.SCIENTIST, 24);
    weight(Occupation.SELF_EMPLOYED, 40);
    weight(Occupation.TECHNICIAN_ENGINEER, 83);
    weight(Occupation.TRADESMAN_CRAFTSMAN, 12);
    weight(Occupation.UNEMPLOYED, 12);
    weight(Occupation.WRITER, 47);
  }

  private UserGenerator() {}

  /** {@code count} users with ids 1..count. */
  static List<User> generate(int count, SplitMix64 rng) {
    List<User> users = new ArrayList<>(count);
    AgeBucket[] ages = AgeBucket.values();
    for (int id = 1; id <= count; id++) {
      Gender gender = rng.nextBoolean(MALE_SHARE) ? Gender.MALE : Gender.FEMALE;
      int ageIndex = rng.nextWeighted(AGE_WEIGHTS);
      Occupation occupation = occupation(ageIndex, rng);
      users.add(User.of(id, gender, ages[ageIndex], occupation, zip(rng)));
    }
    return users;
  }

  private static Occupation occupation(int ageIndex, SplitMix64 rng) {
    double[] special = STUDENT_RETIRED_SHARES[ageIndex];
    double r = rng.nextDouble();
    if (r < special[0]) {
      return Occupation.K12_STUDENT;
    }
    if (r < special[0] + special[1]) {
      return Occupation.COLLEGE_GRAD_STUDENT;
    }
    if (r < special[0] + special[1] + special[2]) {
      return Occupation.RETIRED;
    }
    return Occupation.fromCode(rng.nextWeighted(OTHER_OCCUPATION_WEIGHTS));
  }

  private static String zip(SplitMix64 rng) {
    String zip = digits(rng.nextInt(100_000), 5);
    if (rng.nextBoolean(ZIP_PLUS_FOUR_SHARE)) {
      zip += "-" + digits(rng.nextInt(10_000), 4);
    }
    return zip;
  }

  /** {@code value} in decimal, zero-padded to {@code width} digits. */
  private static String digits(int value, int width) {
    String s = Integer.toString(value);
    return "0".repeat(width - s.length()) + s;
  }

  private static void weight(Occupation occupation, double weight) {
    OTHER_OCCUPATION_WEIGHTS[occupation.code()] = weight;
  }
}
