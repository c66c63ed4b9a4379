package io.movierec.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineTest {

  private static Line line(String text) {
    return Line.of(
        Path.of("t.csv"), StandardCharsets.UTF_8, text.getBytes(StandardCharsets.UTF_8), 3);
  }

  private static List<String> fields(Line line) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < line.fieldCount(); i++) {
      out.add(line.text(i));
    }
    return out;
  }

  @Test
  void splitsOnATwoByteSeparatorKeepingEmptyFields() {
    Line line = line("a::::b::");
    line.split(Line.ascii("::"));

    assertThat(fields(line)).containsExactly("a", "", "b", "");
  }

  @Test
  void splitsACsvRecordWithQuotedAndEmptyFields() {
    Line line = line("1,\"a, \"\"b\"\"\",,\"\",x,");
    line.splitCsv();

    assertThat(fields(line)).containsExactly("1", "a, \"b\"", "", "", "x", "");
  }

  @Test
  void rejectsTextAfterAClosingQuote() {
    Line line = line("1,\"a\"b,c");

    assertThatThrownBy(line::splitCsv)
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("t.csv line 3: \"1,\\\"a\\\"b,c\" has text after the closing quote of field 2");
  }

  @Test
  void rejectsAQuoteInsideAnUnquotedField() {
    Line line = line("1,a\"b,c");

    assertThatThrownBy(line::splitCsv)
        .isInstanceOf(MalformedDataException.class)
        .hasMessage("t.csv line 3: \"1,a\\\"b,c\" has a quote inside unquoted field 2");
  }

  @Test
  void readsHalfStarsWrittenWithOrWithoutDecimals() {
    Line line = line("4,4.0,4.5,4.50,0.5,5.00");
    line.split(Line.ascii(","));

    List<Float> stars = new ArrayList<>();
    for (int i = 0; i < line.fieldCount(); i++) {
      stars.add(line.halfStars(i, "rating"));
    }
    assertThat(stars).containsExactly(4f, 4f, 4.5f, 4.5f, 0.5f, 5f);
  }

  @Test
  void rejectsANumberTooLongForALong() {
    Line line = line("1234567890123456789");
    line.split(Line.ascii(","));

    assertThatThrownBy(() -> line.wholeNumber(0, "timestamp"))
        .isInstanceOf(MalformedDataException.class)
        .hasMessage(
            "t.csv line 3, field timestamp: \"1234567890123456789\" is too long for a number");
  }

  @Test
  void quotesControlCharactersAndCutsLongValuesInMessages() {
    assertThat(MalformedDataException.quote("a\tb\u0000")).isEqualTo("\"a\\tb\\u0000\"");
    assertThat(MalformedDataException.quote("x".repeat(100)))
        .isEqualTo("\"" + "x".repeat(80) + "...\"");
  }
}
