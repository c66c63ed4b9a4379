package io.movierec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalProgressListenerTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TerminalProgressListener listener =
      new TerminalProgressListener(new PrintStream(bytes, true, StandardCharsets.UTF_8));

  private static ProgressSnapshot snapshot(long done, long reports, boolean end) {
    return new ProgressSnapshot("t", "rows", done, 100, 1_000_000_000L, reports, end, end);
  }

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void redrawsTheLineInPlaceAndWipesWhatALongerLineLeft() {
    listener.onProgress(snapshot(10, 0, false));
    listener.onProgress(snapshot(9, 1, false)); // "9" is shorter than "10"

    String first = "\r" + snapshot(10, 0, false);
    String shorter = snapshot(9, 1, false).toString();
    int wiped = first.length() - 1 - shorter.length();
    assertThat(wiped).isPositive();
    assertThat(written()).startsWith(first).doesNotContain("\n");
    assertThat(written().substring(first.length())).isEqualTo("\r" + shorter + " ".repeat(wiped));
  }

  @Test
  void aTaskThatWasDrawnLeavesItsClosingLine() {
    listener.onProgress(snapshot(50, 0, false));
    listener.onEnd(snapshot(100, 1, true));

    assertThat(written()).endsWith("\r" + snapshot(100, 1, true) + System.lineSeparator());
  }

  @Test
  void aQuickTaskLeavesNothing() {
    listener.onEnd(snapshot(100, 0, true));

    assertThat(written()).isEmpty();
  }
}
