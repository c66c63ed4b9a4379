package io.movierec.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "plain", "say \"hi\"", "back\\slash", "line\nbreak\r\ttab",
      "bell\u0007 and nul\u0000", "\b\f", "caf\u00e9 \u4e2d\u6587", "emoji \ud83c\udfac",
      "js \u2028 \u2029", "</script>"})
  void writesStringsThatReadBackUnchanged(String s) {
    assertThat(MiniJson.parse(Json.string(s))).isEqualTo(s);
  }

  @Test
  void escapesControlCharactersSoNoneAppearsRaw() {
    String json = Json.string("a\u0001b\u001fc");
    assertThat(json).isEqualTo("\"a\\u0001b\\u001fc\"");
  }

  @Test
  void escapesLoneSurrogatesWhichUtf8CannotCarry() {
    assertThat(Json.string("x\ud800y")).isEqualTo("\"x\\ud800y\"");
    assertThat(Json.string("x\udc00")).isEqualTo("\"x\\udc00\"");
  }

  @Test
  void keepsSurrogatePairsAsTheyAre() {
    assertThat(Json.string("\ud83c\udfac")).isEqualTo("\"\ud83c\udfac\"");
  }

  @Test
  void writesNullStringsAsNull() {
    assertThat(Json.string(null)).isEqualTo("null");
  }

  @Test
  void writesNonFiniteNumbersAsNull() {
    assertThat(Json.number(Float.NaN)).isEqualTo("null");
    assertThat(Json.number(Float.POSITIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void writesNumbersThatReadBackAsTheSameFloat() {
    for (float x : new float[] {0f, -1.5f, 4.123456f, 1e-7f, 3.4e38f}) {
      assertThat(((Double) MiniJson.parse(Json.number(x))).floatValue()).isEqualTo(x);
    }
  }

  @Test
  void buildsObjectsFieldByFieldInOrder() {
    String json = new Json.Obj().num("id", 7).text("name", "a\"b").num("score", Float.NaN)
        .raw("list", Json.array(List.of("1", "\"x\""))).toString();
    Map<String, Object> o = MiniJson.object(json);
    assertThat(o.keySet()).containsExactly("id", "name", "score", "list");
    assertThat(o).containsEntry("id", 7.0).containsEntry("name", "a\"b")
        .containsEntry("score", null).containsEntry("list", List.of(1.0, "x"));
  }

  @Test
  void writesAnEmptyObjectAndArray() {
    assertThat(new Json.Obj().toString()).isEqualTo("{}");
    assertThat(Json.array(List.of())).isEqualTo("[]");
  }
}
