package io.movierec.io;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Named points inside multi-step writes where a crash test stops the process. Production code calls
 * {@link #reach(String)} between the steps of a save; it does nothing unless the JVM was started
 * with {@code -Dmovierec.failpoint=NAME}. When the named point is reached, the process prints
 * {@code FAILPOINT NAME} on standard error and parks forever, so that a test running it as a child
 * process can kill it with SIGKILL at exactly that point (not after a guessed delay).
 *
 * <p>{@code -Dmovierec.failpoint.skip=N} lets the point pass {@code N} times before stopping, so a
 * test can stop the second save of a loop, after a first complete one.
 */
public final class FailPoints {

  /** The system property naming the point to stop at. */
  public static final String PROPERTY = "movierec.failpoint";

  /** The line printed on standard error when the point is reached. */
  public static final String MARKER = "FAILPOINT ";

  private static final String ARMED = System.getProperty(PROPERTY, "");
  private static int skip = Integer.getInteger(PROPERTY + ".skip", 0);

  private FailPoints() {}

  /**
   * Marks the point {@code name}: parks the calling thread forever when this is the armed point
   * (after its skips), returns at once otherwise.
   */
  public static void reach(String name) {
    if (ARMED.isEmpty() || !ARMED.equals(name)) {
      return;
    }
    synchronized (FailPoints.class) {
      if (skip > 0) {
        skip--;
        return;
      }
      PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
      err.println(MARKER + name);
      err.flush();
      while (true) {
        try {
          FailPoints.class.wait();
        } catch (InterruptedException e) {
          // keep waiting: the test kills the process here
        }
      }
    }
  }
}
