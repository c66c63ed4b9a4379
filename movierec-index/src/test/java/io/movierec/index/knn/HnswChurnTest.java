package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.index.Neighbor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The case of issue #16: an HNSW index of tight clusters that sees 1,100 similar vectors added and
 * removed (fewer dead nodes than a compaction waits for) must keep answering every query with k
 * results; the old hnswlib-backed index answered 281 of 943 users with nothing.
 */
class HnswChurnTest {

  private static final int DIMENSION = 32;
  private static final int CATALOGUE = 1_682; // ml-100k's movies
  private static final int CHURN = 1_100;

  @Test
  void everyAnswerHasKResultsAfterSimilarVectorsAreAddedAndRemoved() {
    int k = 100;
    HnswVectorIndex index = HnswVectorIndex.newBuilder(DIMENSION).withMaxItems(CATALOGUE).build();
    float[][] all = SyntheticVectors.clustered(CATALOGUE + CHURN + 943, DIMENSION, 4, 0.05, 16);
    for (int id = 0; id < CATALOGUE; id++) {
      index.add(id, all[id]);
    }
    SplittableRandom random = new SplittableRandom(7);
    // Near copies of one movie (a title re-added with the same features embeds the same).
    for (int i = 0; i < CHURN; i++) {
      float[] copy = all[5].clone();
      for (int d = 0; d < DIMENSION; d++) {
        copy[d] += (float) (1e-4 * random.nextGaussian());
      }
      index.add(100_000 + i, copy);
    }
    for (int i = 0; i < CHURN; i++) {
      index.remove(100_000 + i);
    }
    List<Integer> short_ = new ArrayList<>();
    for (int q = 0; q < 943; q++) {
      Set<Integer> seen = new HashSet<>();
      for (int s = 0; s < 20; s++) {
        seen.add(random.nextInt(CATALOGUE));
      }
      List<Neighbor> answer = index.search(all[CATALOGUE + CHURN + q], k, id -> seen.contains(id));
      if (answer.size() != k) {
        short_.add(answer.size());
      }
      assertThat(answer).allSatisfy(n -> assertThat(n.id()).isBetween(0, CATALOGUE - 1));
    }

    assertThat(index.size()).isEqualTo(CATALOGUE);
    assertThat(short_).as("sizes of the answers shorter than k").isEmpty();
  }
}
