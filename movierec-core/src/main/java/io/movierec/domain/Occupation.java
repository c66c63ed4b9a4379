package io.movierec.domain;

import java.util.Locale;
import java.util.Map;

/**
 * The 21 occupation codes of MovieLens 1M (0 to 20). The code is the value that gets hashed.
 *
 * <p>ml-100k names occupations in words and has a slightly different list; {@link
 * #fromMl100kName(String, int)} maps them onto these codes:
 *
 * <table>
 *   <caption>ml-100k occupation to ml-1m code</caption>
 *   <tr><th>ml-100k</th><th>ml-1m</th></tr>
 *   <tr><td>administrator</td><td>3 clerical/admin</td></tr>
 *   <tr><td>artist, entertainment</td><td>2 artist</td></tr>
 *   <tr><td>doctor, healthcare</td><td>6 doctor/health care</td></tr>
 *   <tr><td>educator, librarian</td><td>1 academic/educator</td></tr>
 *   <tr><td>engineer, technician</td><td>17 technician/engineer</td></tr>
 *   <tr><td>executive</td><td>7 executive/managerial</td></tr>
 *   <tr><td>homemaker</td><td>9 homemaker</td></tr>
 *   <tr><td>lawyer</td><td>11 lawyer</td></tr>
 *   <tr><td>marketing, salesman</td><td>14 sales/marketing</td></tr>
 *   <tr><td>none</td><td>19 unemployed</td></tr>
 *   <tr><td>other</td><td>0 other</td></tr>
 *   <tr><td>programmer</td><td>12 programmer</td></tr>
 *   <tr><td>retired</td><td>13 retired</td></tr>
 *   <tr><td>scientist</td><td>15 scientist</td></tr>
 *   <tr><td>student (under 18)</td><td>10 K-12 student</td></tr>
 *   <tr><td>student (18 and over)</td><td>4 college/grad student</td></tr>
 *   <tr><td>writer</td><td>20 writer</td></tr>
 * </table>
 */
public enum Occupation {
  OTHER(0, "other"),
  ACADEMIC_EDUCATOR(1, "academic/educator"),
  ARTIST(2, "artist"),
  CLERICAL_ADMIN(3, "clerical/admin"),
  COLLEGE_GRAD_STUDENT(4, "college/grad student"),
  CUSTOMER_SERVICE(5, "customer service"),
  DOCTOR_HEALTH_CARE(6, "doctor/health care"),
  EXECUTIVE_MANAGERIAL(7, "executive/managerial"),
  FARMER(8, "farmer"),
  HOMEMAKER(9, "homemaker"),
  K12_STUDENT(10, "K-12 student"),
  LAWYER(11, "lawyer"),
  PROGRAMMER(12, "programmer"),
  RETIRED(13, "retired"),
  SALES_MARKETING(14, "sales/marketing"),
  SCIENTIST(15, "scientist"),
  SELF_EMPLOYED(16, "self-employed"),
  TECHNICIAN_ENGINEER(17, "technician/engineer"),
  TRADESMAN_CRAFTSMAN(18, "tradesman/craftsman"),
  UNEMPLOYED(19, "unemployed"),
  WRITER(20, "writer");

  private static final Occupation[] BY_CODE = values();

  private static final Map<String, Occupation> ML100K =
      Map.ofEntries(
          Map.entry("administrator", CLERICAL_ADMIN),
          Map.entry("artist", ARTIST),
          Map.entry("entertainment", ARTIST),
          Map.entry("doctor", DOCTOR_HEALTH_CARE),
          Map.entry("healthcare", DOCTOR_HEALTH_CARE),
          Map.entry("educator", ACADEMIC_EDUCATOR),
          Map.entry("librarian", ACADEMIC_EDUCATOR),
          Map.entry("engineer", TECHNICIAN_ENGINEER),
          Map.entry("technician", TECHNICIAN_ENGINEER),
          Map.entry("executive", EXECUTIVE_MANAGERIAL),
          Map.entry("homemaker", HOMEMAKER),
          Map.entry("lawyer", LAWYER),
          Map.entry("marketing", SALES_MARKETING),
          Map.entry("salesman", SALES_MARKETING),
          Map.entry("none", UNEMPLOYED),
          Map.entry("other", OTHER),
          Map.entry("programmer", PROGRAMMER),
          Map.entry("retired", RETIRED),
          Map.entry("scientist", SCIENTIST),
          Map.entry("writer", WRITER));

  private final int code;
  private final String label;

  Occupation(int code, String label) {
    this.code = code;
    this.label = label;
  }

  /** The ml-1m code, 0 to 20. */
  public int code() {
    return code;
  }

  /** The ml-1m name, such as {@code "college/grad student"}. */
  public String label() {
    return label;
  }

  /**
   * Parses an ml-1m occupation code.
   *
   * @throws IllegalArgumentException if {@code code} is outside 0..20
   */
  public static Occupation fromCode(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException("unknown occupation code " + code + " (expected 0..20)");
    }
    return BY_CODE[code];
  }

  /**
   * Maps an ml-100k occupation name onto its ml-1m code (see the class comment for the table).
   *
   * @param name the ml-100k name, such as {@code "student"} (case-insensitive)
   * @param ageYears the user's age, which splits {@code student} into K-12 and college
   * @throws IllegalArgumentException if {@code name} is not one of the 21 ml-100k occupations
   */
  public static Occupation fromMl100kName(String name, int ageYears) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    if (key.equals("student")) {
      return ageYears < 18 ? K12_STUDENT : COLLEGE_GRAD_STUDENT;
    }
    Occupation o = ML100K.get(key);
    if (o == null) {
      throw new IllegalArgumentException("unknown ml-100k occupation '" + name + "'");
    }
    return o;
  }
}
