package io.movierec.cli;

import io.movierec.progress.Progress;
import io.movierec.progress.TerminalProgressListener;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * How {@code movierec} shows the progress of long steps: on a terminal, one line on standard error
 * redrawn in place ({@link TerminalProgressListener}), wiped whenever a result line is printed so
 * that the two never share a line; elsewhere (a pipe, a file, a test), the library's default, a
 * plain log line on standard error every 10 seconds.
 */
final class ProgressOutput {

  private ProgressOutput() {}

  /**
   * Installs the progress listener for a terminal ({@code terminal}) or not, and returns where the
   * results should print: {@code out} itself, or on a terminal {@code out} behind a stream that
   * wipes the progress line first (encoding with {@code charset}).
   */
  static PrintStream install(boolean terminal, PrintStream out, PrintStream err, Charset charset) {
    if (!terminal) {
      return out;
    }
    TerminalProgressListener line = new TerminalProgressListener(err);
    Progress.setDefaultListener(line);
    return new PrintStream(new WipingStream(out, line), true, charset);
  }

  /** Wipes the progress line before any bytes go through. */
  private static final class WipingStream extends FilterOutputStream {
    private final TerminalProgressListener line;

    WipingStream(OutputStream out, TerminalProgressListener line) {
      super(out);
      this.line = line;
    }

    @Override
    public void write(int b) throws IOException {
      line.clearLine();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      line.clearLine();
      out.write(b, off, len);
    }
  }
}
