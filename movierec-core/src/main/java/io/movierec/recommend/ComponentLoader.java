package io.movierec.recommend;

import io.movierec.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads the components of a saved recommender bundle by the kind name they were saved with. Core
 * knows no implementation; modules register theirs with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/io.movierec.recommend.ComponentLoader} file): {@code movierec-models} for the
 * models, {@code movierec-index} for the indexes. Each method returns null for a kind it does not
 * know.
 */
public interface ComponentLoader {

  /** Loads a recall model of {@code kind} saved in {@code directory}, or returns null. */
  default RecallModel loadRecall(String kind, Path directory) throws IOException {
    return null;
  }

  /** Loads a ranking model of {@code kind} saved in {@code directory}, or returns null. */
  default RankingModel loadRanking(String kind, Path directory) throws IOException {
    return null;
  }

  /** Loads a vector index of {@code kind} saved in {@code file}, or returns null. */
  default VectorIndex loadIndex(String kind, Path file) throws IOException {
    return null;
  }
}
