package io.movierec.io;

import java.io.IOException;

/**
 * An output directory that movierec refuses to write: it holds something other than a movierec
 * output of the kind being written, or it overlaps an input. The message names the paths and says
 * how to proceed. Nothing has been written when it is thrown.
 */
public final class UnsafeOutputException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with {@code message}, which names the paths involved. */
  public UnsafeOutputException(String message) {
    super(message);
  }
}
