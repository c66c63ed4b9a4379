package io.movierec.index.knn;

import io.movierec.io.UnsupportedVersionException;
import java.nio.file.Path;

/**
 * An HNSW index file of format version 2 or older: its graph was saved by hnswlib through Java
 * serialization, which movierec no longer reads because deserialising a file builds whatever
 * objects the file names. The graph cannot be recovered without deserialising it; rebuild the
 * bundle (or the index) with this movierec.
 */
public final class LegacyIndexFormatException extends UnsupportedVersionException {
  private static final long serialVersionUID = 1L;

  /** An exception for {@code file}, which declares format {@code version}. */
  public LegacyIndexFormatException(
      Path file, String kind, int version, int minVersion, int maxVersion) {
    super(file, kind, version, minVersion, maxVersion);
  }

  @Override
  public String getMessage() {
    return super.getMessage()
        + " (this version holds an hnswlib graph saved through Java serialization, which"
        + " movierec no longer loads: rebuild the bundle with `movierec bundle`, which"
        + " writes the index in the current format)";
  }
}
