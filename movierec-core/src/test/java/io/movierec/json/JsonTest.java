package io.movierec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  /** A strict reader: no trailing text, no duplicate keys, no NaN. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static Object read(String json) throws Exception {
    return JSON.readValue(json, Object.class);
  }

  // ---- strings ----

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "say \"hi\"",
        "back\\slash",
        "line\nbreak\r\ttab",
        "bell\u0007 and nul\u0000",
        "\b\f",
        "caf\u00e9 \u4e2d\u6587",
        "emoji \ud83c\udfac",
        "js \u2028 \u2029",
        "</script>&"
      })
  void writesStringsThatReadBackUnchanged(String s) throws Exception {
    assertThat(read(Json.string(s))).isEqualTo(s);
  }

  @Test
  void escapesControlCharactersSoNoneAppearsRaw() {
    assertThat(Json.string("a\u0001b\u001fc")).isEqualTo("\"a\\u0001b\\u001fc\"");
  }

  @Test
  void escapesTheJavaScriptLineSeparators() {
    assertThat(Json.string("a\u2028b\u2029")).isEqualTo("\"a\\u2028b\\u2029\"");
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

  // ---- numbers ----

  @Test
  void writesNonFiniteFloatsAsNull() {
    assertThat(Json.number(Float.NaN)).isEqualTo("null");
    assertThat(Json.number(Float.POSITIVE_INFINITY)).isEqualTo("null");
    assertThat(Json.number(Float.NEGATIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void writesNonFiniteDoublesAsNull() {
    assertThat(Json.number(Double.NaN)).isEqualTo("null");
    assertThat(Json.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
    assertThat(Json.number(Double.NEGATIVE_INFINITY)).isEqualTo("null");
  }

  @Test
  void writesFloatsThatReadBackAsTheSameFloat() throws Exception {
    for (float x : new float[] {0f, -1.5f, 4.123456f, 1e-7f, 3.4e38f, Float.MIN_VALUE}) {
      assertThat(JSON.readTree(Json.number(x)).floatValue()).as("%s", x).isEqualTo(x);
    }
  }

  @Test
  void writesFloatsInTheirShortestFormNotAsTheDoubleTheyWiden() {
    assertThat(Json.number(0.1f)).isEqualTo("0.1");
  }

  @Test
  void writesDoublesThatReadBackAsTheSameDouble() throws Exception {
    for (double x : new double[] {0.1 + 0.2, -2.5e-300, 1e21, Double.MAX_VALUE}) {
      assertThat(JSON.readTree(Json.number(x)).doubleValue()).as("%s", x).isEqualTo(x);
    }
  }

  // ---- compact ----

  @Test
  void buildsObjectsFieldByFieldInOrder() throws Exception {
    String json =
        new Json.Obj()
            .num("id", 7)
            .text("name", "a\"b")
            .num("score", Float.NaN)
            .raw("list", Json.array(List.of("1", "\"x\"")))
            .toString();
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) read(json);
    assertThat(o.keySet()).containsExactly("id", "name", "score", "list");
    assertThat(o)
        .containsEntry("id", 7)
        .containsEntry("name", "a\"b")
        .containsEntry("score", null)
        .containsEntry("list", List.of(1, "x"));
  }

  @Test
  void buildsObjectsAndArraysWithoutSpaces() {
    assertThat(
            new Json.Obj()
                .num("a", 1L)
                .num("b", 0.5f)
                .raw("c", Json.array(List.of("1", "2")))
                .toString())
        .isEqualTo("{\"a\":1,\"b\":0.5,\"c\":[1,2]}");
  }

  @Test
  void writesAnEmptyObjectAndArray() {
    assertThat(new Json.Obj().toString()).isEqualTo("{}");
    assertThat(Json.array(List.of())).isEqualTo("[]");
  }

  @Test
  void writesAMovieWithItsIdTitleYearAndGenres() {
    Movie m = Movie.of(1, "Toy Story (1995)", List.of(Genre.ANIMATION, Genre.COMEDY));
    assertThat(Json.movie(m).toString())
        .isEqualTo(
            "{\"movie\":1,\"title\":\"Toy Story (1995)\",\"year\":1995,"
                + "\"genres\":[\"Animation\",\"Comedy\"]}");
  }

  @Test
  void writesAMovieWithoutAYearWithANullYear() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> o =
        (Map<String, Object>) read(Json.movie(Movie.of(2, "Untitled", List.of())).toString());
    assertThat(o).containsEntry("year", null).containsEntry("genres", List.of());
  }

  @Test
  void leavesAMovieOpenForMoreFields() {
    Movie m = Movie.of(3, "X", List.of());
    assertThat(Json.movie(m).num("score", 0.25f).toString()).endsWith(",\"score\":0.25}");
  }

  // ---- indented ----

  @Test
  void indentsObjectsOneMemberPerLineInTheirOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", Map.of());
    m.put("m", List.of("x", true));
    assertThat(Json.indented(m))
        .isEqualTo("{\n  \"z\": 1,\n  \"a\": {},\n  \"m\": [\"x\", true]\n}\n");
  }

  @Test
  void putsTheElementsOfAListHoldingContainersOnLinesOfTheirOwn() {
    assertThat(Json.indented(List.of(Map.of("a", 1L), List.of(), new double[] {0.5, 2})))
        .isEqualTo("[\n  {\n    \"a\": 1\n  },\n  [],\n  [0.5,2.0]\n]\n");
  }

  @Test
  void escapesStringsAndKeysInATreeAsStringDoes() {
    String odd = "a\"b\\c\nd\te\u0001f\u2028\ud800";
    assertThat(Json.indented(odd)).isEqualTo(Json.string(odd) + "\n");
    assertThat(Json.indented(Map.of(odd, 1))).isEqualTo("{\n  " + Json.string(odd) + ": 1\n}\n");
  }

  @Test
  void writesNumbersInATreeByTheirOwnType() {
    assertThat(Json.indented(List.of(1, 2L, (short) 3, (byte) 4, 0.1f, 0.1, 1e-5)))
        .isEqualTo("[1, 2, 3, 4, 0.1, 0.1, 1.0E-5]\n");
  }

  @Test
  void writesNonFiniteNumbersInATreeAsNull() throws Exception {
    assertThat(
            read(
                Json.indented(
                    Arrays.asList(
                        Double.NaN,
                        Float.POSITIVE_INFINITY,
                        new double[] {Double.NEGATIVE_INFINITY, 1.5}))))
        .isEqualTo(Arrays.asList(null, null, Arrays.asList(null, 1.5)));
  }

  @Test
  void keepsEveryDigitOfADoubleInATree() throws Exception {
    double v = 0.1 + 0.2;
    assertThat(read(Json.indented(new double[] {v}))).isEqualTo(List.of(v));
  }

  @Test
  void writesEnumsAsTheirNames() {
    assertThat(Json.indented(List.of(RoundingMode.HALF_UP))).isEqualTo("[\"HALF_UP\"]\n");
  }

  @Test
  void rejectsAValueWithNoJsonForm() {
    assertThatThrownBy(() -> Json.indented(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void rejectsAnObjectKeyThatIsNotAString() {
    assertThatThrownBy(() -> Json.indented(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be strings");
  }
}
