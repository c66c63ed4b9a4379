package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser must reject what is not JSON, or the report's JSON tests prove nothing. */
class MiniJsonTest {

  @Test
  void parsesNestedValues() {
    assertThat(MiniJson.parse("{\"a\": [1, -2.5e1, true, null, \"x\\\"\\u0041\"]}"))
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -25.0, true, null, "x\"A")));
  }

  @Test
  void rejectsATrailingComma() {
    assertThatThrownBy(() -> MiniJson.parse("[1, 2,]"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnUnescapedControlCharacter() {
    assertThatThrownBy(() -> MiniJson.parse("\"a\tb\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNaN() {
    assertThatThrownBy(() -> MiniJson.parse("[NaN]")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnUnquotedKey() {
    assertThatThrownBy(() -> MiniJson.parse("{a: 1}")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsTextAfterTheValue() {
    assertThatThrownBy(() -> MiniJson.parse("{} {}")).isInstanceOf(IllegalArgumentException.class);
  }
}
