package io.movierec.io;

import java.nio.file.Path;

/**
 * A saved file whose format version this movierec cannot read: too old (written by an earlier
 * movierec whose format is no longer supported; re-create the file) or too new (written by a later
 * movierec; upgrade). The message names the file, its kind, the version found and the versions
 * supported, and says what to do. Modelled on Lucene's {@code IndexFormatTooOldException} and
 * {@code IndexFormatTooNewException}.
 */
public class UnsupportedVersionException extends CorruptFileException {
  private static final long serialVersionUID = 1L;

  private final String kind;
  private final int version;
  private final int minVersion;
  private final int maxVersion;

  /**
   * An exception for {@code file} of {@code kind} at {@code version}, outside the supported range
   * {@code [minVersion, maxVersion]}.
   */
  public UnsupportedVersionException(
      Path file, String kind, int version, int minVersion, int maxVersion) {
    super(file, reason(kind, version, minVersion, maxVersion));
    this.kind = kind;
    this.version = version;
    this.minVersion = minVersion;
    this.maxVersion = maxVersion;
  }

  /**
   * Throws an {@link UnsupportedVersionException} if {@code version} is outside {@code [minVersion,
   * maxVersion]}; returns {@code version} otherwise.
   */
  public static int check(Path file, String kind, int version, int minVersion, int maxVersion)
      throws UnsupportedVersionException {
    if (minVersion > maxVersion) {
      throw new IllegalArgumentException(
          "empty version range [" + minVersion + ", " + maxVersion + "]");
    }
    if (version < minVersion || version > maxVersion) {
      throw new UnsupportedVersionException(file, kind, version, minVersion, maxVersion);
    }
    return version;
  }

  private static String reason(String kind, int version, int minVersion, int maxVersion) {
    String supported =
        minVersion == maxVersion
            ? "version " + minVersion
            : "versions " + minVersion + " to " + maxVersion;
    if (version < minVersion) {
      return kind
          + " format version "
          + version
          + " is too old: this movierec reads "
          + supported
          + " (the oldest supported is "
          + minVersion
          + "); re-create the file with this movierec";
    }
    return kind
        + " format version "
        + version
        + " is too new: it was written by a newer movierec,"
        + " this movierec reads "
        + supported
        + " (the newest supported is "
        + maxVersion
        + "); upgrade movierec";
  }

  /** Whether the file is older than the oldest supported version (else it is newer). */
  public boolean isTooOld() {
    return version < minVersion;
  }

  /** Whether the file is newer than the newest supported version. */
  public boolean isTooNew() {
    return version > maxVersion;
  }

  /** The kind of content the file declares. */
  public String kind() {
    return kind;
  }

  /** The format version the file declares. */
  public int version() {
    return version;
  }

  /** The oldest format version this movierec reads. */
  public int minVersion() {
    return minVersion;
  }

  /** The newest format version this movierec reads. */
  public int maxVersion() {
    return maxVersion;
  }
}
