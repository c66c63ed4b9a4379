package io.movierec.recommend;

import io.movierec.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the components of a saved recommender bundle by the kind name they were saved with. Core
 * knows no implementation; modules register theirs with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/io.movierec.recommend.ComponentLoader} file): {@code movierec-models} for the
 * models, {@code movierec-index} for the indexes. Each method returns an empty {@link Optional} for
 * a kind it does not know.
 */
public interface ComponentLoader {

  /** Loads a recall model of {@code kind} saved in {@code directory}, if the kind is known. */
  default Optional<RecallModel> loadRecall(String kind, Path directory) throws IOException {
    return Optional.empty();
  }

  /** Loads a ranking model of {@code kind} saved in {@code directory}, if the kind is known. */
  default Optional<RankingModel> loadRanking(String kind, Path directory) throws IOException {
    return Optional.empty();
  }

  /** Loads a vector index of {@code kind} saved in {@code file}, if the kind is known. */
  default Optional<VectorIndex> loadIndex(String kind, Path file) throws IOException {
    return Optional.empty();
  }
}
