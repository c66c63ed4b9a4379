package io.movierec.progress;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress line for a terminal: the task's {@link ProgressSnapshot#toString()} redrawn in place
 * with a carriage return every {@link #INTERVAL}, cleared when the task ends (tasks that ran long
 * enough to be drawn, or stopped early, leave their closing line). One line at a time: the latest
 * task to report is the one shown.
 */
public final class TerminalProgressListener implements ProgressListener {

  /** How often a task's line is redrawn. */
  public static final Duration INTERVAL = Duration.ofMillis(250);

  private final PrintStream out;

  /** Width of what is on the line now (0: nothing drawn). Guarded by this. */
  private int drawn;

  /** Draws on {@code out} (typically {@code System.err}). */
  public TerminalProgressListener(PrintStream out) {
    this.out = checkNotNull(out, "out");
  }

  @Override
  public Duration interval() {
    return INTERVAL;
  }

  @Override
  public synchronized void onProgress(ProgressSnapshot snapshot) {
    String line = snapshot.toString();
    StringBuilder b = new StringBuilder(line.length() + drawn + 1).append('\r').append(line);
    for (int i = line.length(); i < drawn; i++) {
      b.append(' '); // wipe the rest of a longer previous line
    }
    out.print(b);
    out.flush();
    drawn = line.length();
  }

  @Override
  public synchronized void onEnd(ProgressSnapshot snapshot) {
    boolean keep = snapshot.reports() > 0 || !snapshot.completed();
    if (drawn > 0) {
      out.print('\r' + " ".repeat(drawn) + '\r');
      drawn = 0;
    }
    if (keep) {
      out.println(snapshot);
    }
    out.flush();
  }

  /** Forgets what is on the line (after someone else printed a full line over it). */
  public synchronized void clearLine() {
    if (drawn > 0) {
      out.print('\r' + " ".repeat(drawn) + '\r');
      out.flush();
      drawn = 0;
    }
  }
}
