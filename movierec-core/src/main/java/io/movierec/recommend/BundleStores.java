package io.movierec.recommend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The catalogue and the user store of a saved bundle, without its models or index: what a service
 * needs to answer user and movie look-ups ({@code um}, {@code cm}) without loading TensorFlow.
 *
 * @param movies the bundle's catalogue
 * @param users the bundle's users, their profiles and histories
 */
public record BundleStores(MovieStore movies, UserStore users) {

  /** Checks that both stores are given. */
  public BundleStores {
    Objects.requireNonNull(movies, "movies");
    Objects.requireNonNull(users, "users");
  }

  /**
   * Loads the two stores of the bundle saved in {@code directory} (by {@link Recommender#save}),
   * checking each against the size and CRC-32C its manifest records, as {@link Recommender#load}
   * does; no model or index is opened, so no TensorFlow is needed.
   *
   * @throws java.nio.file.NoSuchFileException if the directory holds no bundle or a part is gone
   * @throws BundleMismatchException if a store is not the one the manifest records
   * @throws io.movierec.io.CorruptFileException if the manifest or a store is damaged
   */
  public static BundleStores load(Path directory) throws IOException {
    return Bundle.loadStores(directory);
  }
}
