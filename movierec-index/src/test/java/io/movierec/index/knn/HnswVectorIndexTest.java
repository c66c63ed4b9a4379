package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.index.VectorIndex;
import io.movierec.progress.Progress;
import io.movierec.progress.ProgressListener;
import io.movierec.progress.ProgressSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HnswVectorIndexTest extends VectorIndexContractTest {

  /**
   * Small links and build effort keep the tests fast; an ef above the test set sizes makes searches
   * visit the whole graph, hence exact; 16 slots make every test grow the graph.
   */
  @Override
  VectorIndex newIndex(int dimension) {
    return HnswVectorIndex.newBuilder(dimension)
        .withM(8)
        .withEfConstruction(50)
        .withEf(400)
        .withMaxItems(16)
        .build();
  }

  @Override
  VectorIndex load(Path file) throws IOException {
    return HnswVectorIndex.load(file);
  }

  @Override
  String fileKind() {
    return HnswVectorIndex.FILE_KIND;
  }

  @Override
  int fileVersion() {
    return HnswVectorIndex.FILE_VERSION;
  }

  @Test
  void namesItsKindHnsw() {
    assertThat(newIndex(2).kind()).isEqualTo("hnsw");
  }

  @Test
  void passesItsSettingsToTheGraph() {
    HnswVectorIndex index =
        HnswVectorIndex.newBuilder(4)
            .withM(12)
            .withEfConstruction(80)
            .withEf(60)
            .withMaxItems(7)
            .build();

    assertThat(index.m()).isEqualTo(12);
    assertThat(index.efConstruction()).isEqualTo(80);
    assertThat(index.ef()).isEqualTo(60);
    assertThat(index.maxItems()).isEqualTo(7);
  }

  @Test
  void aCompactedIndexSearchesWithTheEfSetBeforeIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    HnswVectorIndex index = HnswVectorIndex.newBuilder(8).withEf(60).build();
    float[][] vectors = randomVectors(50, 8, 3);
    for (int id = 0; id < vectors.length; id++) {
      index.add(id, vectors[id]);
    }
    index.setEf(37);
    index.compact();
    index.save(dir.resolve("index")); // the file records the rebuilt graph's own ef

    assertThat(HnswVectorIndex.load(dir.resolve("index")).ef()).isEqualTo(37);
  }

  @Test
  void growsItsCapacityWhenFull() {
    HnswVectorIndex index = HnswVectorIndex.newBuilder(8).withMaxItems(4).build();
    float[][] vectors = randomVectors(100, 8, 1);
    for (int id = 0; id < vectors.length; id++) {
      index.add(id, vectors[id]);
    }

    assertThat(index.size()).isEqualTo(100);
    assertThat(index.maxItems()).isGreaterThanOrEqualTo(100);
    for (int id = 0; id < vectors.length; id++) {
      assertThat(index.search(vectors[id], 1).get(0).id()).isEqualTo(id);
    }
  }

  @Test
  void reachesARecallAt100OfAtLeast099OnClusteredVectors() throws InterruptedException {
    float[][] vectors = SyntheticVectors.clustered(3_000, 32, 30, 0.5, 2);
    HnswVectorIndex index = HnswVectorIndex.newBuilder(32).withEf(200).withMaxItems(3_000).build();
    index.addAll(ids(vectors.length), vectors, 2);

    assertThat(IndexQuality.recallAt(index, 100, 50, 3)).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void addAllStoresEveryVector() throws InterruptedException {
    float[][] vectors = randomVectors(200, 8, 4);
    HnswVectorIndex index = HnswVectorIndex.newBuilder(8).withMaxItems(10).build();

    index.addAll(ids(vectors.length), vectors, 2);

    assertThat(index.size()).isEqualTo(200);
    assertThat(index.search(vectors[123], 1).get(0).id()).isEqualTo(123);
  }

  @Test
  void addAllReportsEveryInsertedVectorAsProgress() throws InterruptedException {
    float[][] vectors = randomVectors(300, 8, 5);
    HnswVectorIndex index = HnswVectorIndex.newBuilder(8).build();
    List<ProgressSnapshot> ends = new ArrayList<>();
    ProgressListener previous =
        Progress.setDefaultListener(
            new ProgressListener() {
              @Override
              public void onProgress(ProgressSnapshot s) {}

              @Override
              public synchronized void onEnd(ProgressSnapshot s) {
                ends.add(s);
              }
            });
    try {
      index.addAll(ids(vectors.length), vectors, 3);
    } finally {
      Progress.setDefaultListener(previous);
    }

    assertThat(ends)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.task()).isEqualTo("HNSW build");
              assertThat(s.done()).isEqualTo(300);
              assertThat(s.total()).isEqualTo(300);
              assertThat(s.completed()).isTrue();
            });
  }

  @Test
  void addAllRejectsARepeatedIdAndAddsNothing() {
    HnswVectorIndex index = HnswVectorIndex.newBuilder(2).build();
    float[][] vectors = {{1, 0}, {0, 1}, {1, 1}};

    assertThatThrownBy(() -> index.addAll(new int[] {4, 5, 4}, vectors, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id 4 appears at positions 0 and 2");
    assertThat(index.size()).isZero();
  }

  private static int[] ids(int n) {
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    return ids;
  }

  @Test
  void keepsReturningKLiveResultsWhileVectorsChurn() {
    HnswVectorIndex index =
        HnswVectorIndex.newBuilder(8)
            .withM(8)
            .withEfConstruction(50)
            .withEf(20)
            .withMaxItems(64)
            .build();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int id = 0; id < 60; id++) {
      index.add(id, randomVector(r));
    }
    // Thousands of add/remove cycles leave removed nodes that crowd the candidate lists.
    for (int id = 1_000; id < 4_000; id++) {
      index.add(id, randomVector(r));
      index.remove(id);
      assertThat(index.search(randomVector(r), 10))
          .hasSize(10)
          .allSatisfy(n -> assertThat(n.id()).isLessThan(60));
    }
    assertThat(index.size()).isEqualTo(60);
  }

  private static float[] randomVector(java.util.SplittableRandom r) {
    float[] v = new float[8];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }
}
