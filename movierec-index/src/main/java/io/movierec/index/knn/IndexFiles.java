package io.movierec.index.knn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the index readers share about the {@link io.movierec.io.VersionedFile} frame. */
final class IndexFiles {

  /** The frame's trailer: the content length (long) and the CRC-32C (int). */
  private static final int TRAILER_BYTES = Long.BYTES + Integer.BYTES;

  private IndexFiles() {}

  /**
   * The number of payload bytes in {@code file}, a verified {@link io.movierec.io.VersionedFile} of
   * {@code kind} (an ASCII name): the file size less the header (magic, kind, version) and the
   * trailer. Readers check every count against it before allocating.
   */
  static long payloadBytes(Path file, String kind) throws IOException {
    long header = Integer.BYTES + Short.BYTES + kind.length() + Integer.BYTES;
    return Math.max(0, Files.size(file) - header - TRAILER_BYTES);
  }
}
