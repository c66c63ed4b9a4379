package io.movierec.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A bundle was replaced by another process's save faster than it could be loaded, several times in
 * a row: nothing is wrong with it, and loading again later (when the saves pause) succeeds. {@link
 * Recommender#load} retries by itself a few times before it throws this.
 */
public final class BundleChangedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** For {@code directory}, whose manifest named each of {@code generations} in turn. */
  BundleChangedException(Path directory, List<Long> generations, Throwable last) {
    super(
        directory
            + ": the bundle changed while it was being loaded (generations "
            + generations
            + " were each replaced before their load finished; another process is saving into it):"
            + " retry later",
        last);
  }
}
