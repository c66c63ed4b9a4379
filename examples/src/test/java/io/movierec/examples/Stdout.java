package io.movierec.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs code with {@code System.out} captured (and still echoed), for tests of the mains. */
final class Stdout {

  /** Code that may throw. */
  interface Body {
    void run() throws Exception;
  }

  private Stdout() {}

  /** What {@code body} printed to {@code System.out}. */
  static String capture(Body body) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream tee =
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                bytes.write(b);
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setOut(tee);
    try {
      body.run();
    } finally {
      tee.flush();
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
