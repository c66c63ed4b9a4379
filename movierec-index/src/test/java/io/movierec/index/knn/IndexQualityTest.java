package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class IndexQualityTest {

  @Test
  void givesTheShareOfTheTrueNeighboursFound() {
    assertThat(
            IndexQuality.recall(
                List.of(new Neighbor(1, 0.9f), new Neighbor(7, 0.8f), new Neighbor(3, 0.7f)),
                List.of(
                    new Neighbor(1, 0.9f),
                    new Neighbor(2, 0.85f),
                    new Neighbor(3, 0.7f),
                    new Neighbor(4, 0.6f))))
        .isEqualTo(0.5);
  }

  @Test
  void scoresAnIndexThatMissesEveryOtherNeighbourAtOneHalf() {
    ExactVectorIndex truth = new ExactVectorIndex(8);
    float[][] vectors = SyntheticVectors.clustered(300, 8, 3, 0.5, 1);
    for (int id = 0; id < vectors.length; id++) {
      truth.add(id, vectors[id]);
    }
    VectorIndex halfBlind = new EveryOtherHitDropped(truth);

    assertThat(IndexQuality.recallAt(halfBlind, truth, 10, 20, 2)).isCloseTo(0.5, within(1e-9));
  }

  /** Returns only the 1st, 3rd, 5th... of the true top k. */
  private record EveryOtherHitDropped(ExactVectorIndex truth) implements VectorIndex {
    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate exclude) {
      List<Neighbor> all = truth.search(query, k, exclude);
      return java.util.stream.IntStream.range(0, all.size())
          .filter(i -> i % 2 == 0)
          .mapToObj(all::get)
          .toList();
    }

    @Override
    public int dimension() {
      return truth.dimension();
    }

    @Override
    public int size() {
      return truth.size();
    }

    @Override
    public void add(int id, float[] vector) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean remove(int id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean contains(int id) {
      return truth.contains(id);
    }

    @Override
    public void save(Path file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long memoryBytes() {
      return 0;
    }

    @Override
    public void close() {}

    @Override
    public String kind() {
      return "half-blind";
    }
  }
}
