package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.index.VectorIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExactVectorIndexTest extends VectorIndexContractTest {

  @Override
  VectorIndex newIndex(int dimension) {
    return new ExactVectorIndex(dimension, 2); // tiny, so that the tests make it grow
  }

  @Override
  VectorIndex load(Path file) throws IOException {
    return ExactVectorIndex.load(file);
  }

  @Override
  String fileKind() {
    return ExactVectorIndex.FILE_KIND;
  }

  @Override
  int fileVersion() {
    return ExactVectorIndex.FILE_VERSION;
  }

  @Test
  void namesItsKindExact() {
    assertThat(newIndex(2).kind()).isEqualTo("exact");
  }

  @Test
  void hasPerfectRecall() {
    VectorIndex index = filled(SyntheticVectors.clustered(500, 8, 5, 0.5, 1));

    assertThat(IndexQuality.recallAt(index, 20, 30, 2)).isEqualTo(1.0);
  }

  @Test
  void returnsTheStoredUnitVector() {
    ExactVectorIndex index = new ExactVectorIndex(2);
    index.add(3, new float[] {3, 4});

    assertThat(index.vector(3).orElseThrow()).containsExactly(0.6f, 0.8f);
    assertThat(index.vector(4)).isEmpty();
  }
}
