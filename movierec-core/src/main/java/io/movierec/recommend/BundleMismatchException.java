package io.movierec.recommend;

import io.movierec.io.CorruptFileException;
import java.nio.file.Path;

/**
 * The parts of a bundle do not belong together: a part is not the one the bundle's manifest
 * recorded (copied from another bundle, or changed since), or two parts were built from different
 * schemas or data (a ranker and a recall model reading different features, an index of other movies
 * or of another recall model). The message names both parts and what differs.
 */
public final class BundleMismatchException extends CorruptFileException {
  private static final long serialVersionUID = 1L;

  /**
   * For the part {@code file} (or the bundle directory); the message is {@code "<file>: <reason>"}.
   */
  BundleMismatchException(Path file, String reason) {
    super(file, reason);
  }
}
