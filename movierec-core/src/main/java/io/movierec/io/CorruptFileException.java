package io.movierec.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A saved file that cannot be trusted: truncated, altered, of another format version or of another
 * kind. The message names the file and the reason. A format version this movierec does not read is
 * an {@link UnsupportedVersionException}.
 */
public class CorruptFileException extends IOException {
  private static final long serialVersionUID = 1L;

  private final Path file;

  /** An exception for {@code file}; its message is {@code "<file>: <reason>"}. */
  public CorruptFileException(Path file, String reason) {
    super(file + ": " + reason);
    this.file = file;
  }

  /** The file that failed its check. */
  public Path file() {
    return file;
  }
}
