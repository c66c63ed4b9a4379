package io.movierec.features;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaddleRecHasherTest {

  private final PaddleRecHasher hasher = new PaddleRecHasher(600_000);

  @Test
  void hashesUserOneToTheReferenceValue() {
    // PaddleRec: hash("userid:1111") % 600000 under Python 2.7.
    assertThat(hasher.hash("userid", "1")).isEqualTo(157011);
  }

  /**
   * Expected values come from an independent Python reimplementation of Python 2.7's string hash
   * (checked against the reference value above) applied to PaddleRec's expansion, over the Latin-1
   * bytes as Python 2 reads ml-1m.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userid|6040|4621",
        "gender|M|113968",
        "gender|F|515500",
        "age|25|567871",
        "occupation|0|113722",
        "occupation|20|104148",
        "movieid|1193|32463",
        "title|(1995)|14156",
        "title|Toy|476199",
        "title|Misérables,|212306",
        "title|Étoile|112525",
        "genres|Children's|464316",
        "genres|Sci-Fi|3235"
      })
  void matchesTheReferenceHashForKnownValues(String slot, String value, int expected) {
    assertThat(hasher.hash(slot, value)).isEqualTo(expected);
  }

  @Test
  void expandsAValueWithPythonSlices() {
    // v + v[::-1] + v[::-2] + v[::-3]
    assertThat(PaddleRecHasher.expand("abcde")).isEqualTo("abcde" + "edcba" + "eca" + "eb");
    assertThat(PaddleRecHasher.expand("1")).isEqualTo("1111");
    assertThat(PaddleRecHasher.expand("")).isEmpty();
  }

  @Test
  void hashesLatin1CharactersAsSingleBytes() {
    assertThat(PaddleRecHasher.bytes("é")).containsExactly((byte) 0xE9);
  }

  @Test
  void hashesCharactersBeyondLatin1AsUtf8() {
    assertThat(PaddleRecHasher.bytes("€")).containsExactly((byte) 0xE2, (byte) 0x82, (byte) 0xAC);
  }

  @Test
  void hashesTheEmptyStringToZeroAsPythonDoes() {
    assertThat(PaddleRecHasher.hash27(new byte[0])).isZero();
  }

  @Test
  void staysWithinTheBucketCount() {
    PaddleRecHasher small = new PaddleRecHasher(7);
    for (int i = 0; i < 1000; i++) {
      assertThat(small.hash("userid", Integer.toString(i))).isBetween(0, 6);
    }
  }
}
