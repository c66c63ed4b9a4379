package io.movierec.index.knn;

import io.movierec.index.VectorIndex;
import io.movierec.recommend.ComponentLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the vector index of a recommender bundle ({@link io.movierec.recommend.Recommender#load});
 * registered with {@link java.util.ServiceLoader}.
 */
public final class KnnComponentLoader implements ComponentLoader {

  @Override
  public Optional<VectorIndex> loadIndex(String kind, Path file) throws IOException {
    return switch (kind) {
      case "exact" -> Optional.of(ExactVectorIndex.load(file));
      case "hnsw" -> Optional.of(HnswVectorIndex.load(file));
      default -> Optional.empty();
    };
  }
}
