package io.movierec.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.Genre;
import io.movierec.domain.Movie;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  @Test
  void readsBackWhatJsonWritesIncludingEscapes() {
    Movie m =
        Movie.of(7, "Say \"Hi\" \\ tab\t caf\u00e9 \ud83c\udfac (2001)", List.of(Genre.COMEDY));
    String text = Json.movie(m).num("score", 0.25f).toString();
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) JsonReader.parse(text);
    assertThat(o)
        .containsExactly(
            Map.entry("movie", 7L),
            Map.entry("title", m.title()),
            Map.entry("year", 2001L),
            Map.entry("genres", List.of("Comedy")),
            Map.entry("score", 0.25))
        .hasSize(5);
  }

  @Test
  void readsNestedArraysNumbersAndLiterals() {
    assertThat(JsonReader.parse(" [1, -2.5e1, true, false, [], {}] "))
        .isEqualTo(Arrays.asList(1L, -25.0, true, false, List.of(), Map.of()));
  }

  @Test
  void refusesTrailingTextNamingTheOffset() {
    assertThatThrownBy(() -> JsonReader.parse("{\"a\":1} x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 8");
  }

  @Test
  void refusesAnUnterminatedString() {
    assertThatThrownBy(() -> JsonReader.parse("[\"abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated");
  }

  @Test
  void refusesNestingDeeperThanTheCap() {
    String deep = "[".repeat(JsonReader.MAX_DEPTH + 2);
    assertThatThrownBy(() -> JsonReader.parse(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deeper");
  }
}
