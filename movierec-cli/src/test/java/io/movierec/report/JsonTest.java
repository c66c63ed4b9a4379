package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    String odd = "a\"b\\c\nd\te\u0001f</script>&";
    assertThat(MiniJson.parse(Json.write(odd))).isEqualTo(odd);
  }

  @Test
  void writesControlCharactersAsUnicodeEscapes() {
    assertThat(Json.write("\u0001\u001f")).isEqualTo("\"\\u0001\\u001f\"\n");
  }

  @Test
  void escapesALoneSurrogate() {
    assertThat(Json.write("x\ud800y")).isEqualTo("\"x\\ud800y\"\n");
  }

  @Test
  void keepsASurrogatePairAsIs() {
    String emoji = "\ud83c\udfac";
    assertThat(Json.write(emoji)).isEqualTo("\"" + emoji + "\"\n");
  }

  @Test
  void writesNonFiniteNumbersAsNull() {
    assertThat(MiniJson.parse(Json.write(Arrays.asList(Double.NaN, Float.POSITIVE_INFINITY,
        new double[] {Double.NEGATIVE_INFINITY, 1.5}))))
        .isEqualTo(Arrays.asList(null, null, Arrays.asList(null, 1.5)));
  }

  @Test
  void keepsEveryDigitOfADouble() {
    double v = 0.1 + 0.2;
    assertThat(MiniJson.parse(Json.write(new double[] {v}))).isEqualTo(List.of(v));
  }

  @Test
  void keepsTheOrderOfObjectMembers() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", Map.of());
    m.put("m", List.of("x", true));
    assertThat(Json.write(m))
        .isEqualTo("{\n  \"z\": 1,\n  \"a\": {},\n  \"m\": [\"x\", true]\n}\n");
  }

  @Test
  void rejectsAValueWithNoJsonForm() {
    assertThatThrownBy(() -> Json.write(new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
  }
}
