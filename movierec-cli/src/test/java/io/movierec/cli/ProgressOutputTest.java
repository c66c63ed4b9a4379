package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.progress.LoggingProgressListener;
import io.movierec.progress.Progress;
import io.movierec.progress.ProgressListener;
import io.movierec.progress.ProgressSnapshot;
import io.movierec.progress.TerminalProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProgressOutputTest {

  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
  private ProgressListener previous;

  @BeforeEach
  void remember() {
    previous = Progress.defaultListener();
  }

  @AfterEach
  void restore() {
    Progress.setDefaultListener(previous);
  }

  @Test
  void offATerminalTheResultsGoStraightOutAndProgressStaysALogLine() {
    Progress.setDefaultListener(new LoggingProgressListener());

    PrintStream results = ProgressOutput.install(false, out, err, StandardCharsets.UTF_8);

    assertThat(results).isSameAs(out);
    assertThat(Progress.defaultListener()).isInstanceOf(LoggingProgressListener.class);
  }

  @Test
  void onATerminalAResultLineFirstWipesTheProgressLine() {
    PrintStream results = ProgressOutput.install(true, out, err, StandardCharsets.UTF_8);
    assertThat(Progress.defaultListener()).isInstanceOf(TerminalProgressListener.class);
    Progress.defaultListener()
        .onProgress(
            new ProgressSnapshot("train", "batches", 5, 10, 1_000_000_000L, 0, false, false));
    String drawn = errBytes.toString(StandardCharsets.UTF_8);

    results.println("époque 1: loss 0.5");

    assertThat(drawn).startsWith("\rtrain: 5 / 10 batches");
    String wiped = errBytes.toString(StandardCharsets.UTF_8).substring(drawn.length());
    assertThat(wiped).isEqualTo("\r" + " ".repeat(drawn.length() - 1) + "\r");
    assertThat(outBytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("époque 1: loss 0.5" + System.lineSeparator());
  }
}
