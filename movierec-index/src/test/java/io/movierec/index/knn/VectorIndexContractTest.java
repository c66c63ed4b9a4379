package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.movierec.index.Neighbor;
import io.movierec.index.VectorIndex;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link VectorIndex} of this package must do. Expected results are computed here by
 * brute force in double precision over the raw (unnormalised) vectors.
 */
abstract class VectorIndexContractTest {

  @TempDir Path dir;

  /** A new empty index; small test sets are searched exactly by any implementation. */
  abstract VectorIndex newIndex(int dimension);

  /** Reads back a file written by {@link VectorIndex#save}. */
  abstract VectorIndex load(Path file) throws IOException;

  /** The kind written into saved files. */
  abstract String fileKind();

  /** The format version of saved files. */
  abstract int fileVersion();

  @Test
  void scoresAMatchByItsCosineWhateverTheLengths() {
    VectorIndex index = newIndex(2);
    index.add(7, new float[] {3, 4});

    List<Neighbor> hits = index.search(new float[] {2, 0}, 1);

    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).id()).isEqualTo(7);
    assertThat(hits.get(0).score()).isCloseTo(0.6f, within(1e-6f)); // cos = 3 / 5
  }

  @Test
  void findsTheMostSimilarVectorsBestFirst() {
    float[][] vectors = randomVectors(200, 8, 1);
    VectorIndex index = filled(vectors);
    for (float[] query : randomVectors(10, 8, 2)) {
      List<Neighbor> hits = index.search(query, 10);

      assertThat(ids(hits)).containsExactlyElementsOf(bruteForce(vectors, query, 10, id -> false));
      for (Neighbor hit : hits) {
        assertThat((double) hit.score()).isCloseTo(cosine(vectors[hit.id()], query), within(1e-5));
      }
    }
  }

  @Test
  void returnsEveryVectorWhenKExceedsTheSize() {
    VectorIndex index = filled(randomVectors(5, 4, 3));

    assertThat(ids(index.search(new float[] {1, 0, 0, 0}, 50)))
        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
  }

  @Test
  void returnsNothingFromAnEmptyIndex() {
    assertThat(newIndex(4).search(new float[] {1, 0, 0, 0}, 10)).isEmpty();
  }

  @Test
  void skipsExcludedIds() {
    float[][] vectors = randomVectors(200, 8, 4);
    VectorIndex index = filled(vectors);
    float[] query = randomVectors(1, 8, 5)[0];
    IntPredicate odd = id -> id % 2 == 1;

    assertThat(ids(index.search(query, 10, odd)))
        .containsExactlyElementsOf(bruteForce(vectors, query, 10, odd));
  }

  @Test
  void findsTheFewVectorsLeftWhenAlmostAllAreExcluded() {
    float[][] vectors = randomVectors(300, 8, 6);
    VectorIndex index = filled(vectors);
    float[] query = randomVectors(1, 8, 7)[0];
    IntPredicate allButFive = id -> id % 60 != 0;

    assertThat(ids(index.search(query, 10, allButFive)))
        .containsExactlyElementsOf(bruteForce(vectors, query, 10, allButFive))
        .hasSize(5);
  }

  @Test
  void addingAnExistingIdReplacesItsVector() {
    VectorIndex index = newIndex(2);
    index.add(1, new float[] {1, 0});
    index.add(2, new float[] {1, 1});

    index.add(1, new float[] {0, 5});

    assertThat(index.size()).isEqualTo(2);
    List<Neighbor> hits = index.search(new float[] {0, 1}, 2);
    assertThat(ids(hits)).containsExactly(1, 2);
    assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void removeForgetsTheVector() {
    VectorIndex index = filled(randomVectors(20, 4, 8));

    assertThat(index.remove(3)).isTrue();

    assertThat(index.contains(3)).isFalse();
    assertThat(index.size()).isEqualTo(19);
    assertThat(ids(index.search(new float[] {1, 1, 1, 1}, 20))).hasSize(19).doesNotContain(3);
  }

  @Test
  void removingAnAbsentIdReturnsFalse() {
    VectorIndex index = filled(randomVectors(3, 4, 9));
    index.remove(1);

    assertThat(index.remove(1)).isFalse();
    assertThat(index.remove(42)).isFalse();
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void everyVectorStaysFindableAfterRemovalsInTheMiddle() {
    float[][] vectors = randomVectors(50, 8, 10);
    VectorIndex index = filled(vectors);
    for (int id = 0; id < 50; id += 3) {
      index.remove(id);
    }
    for (int id = 1; id < 50; id++) {
      if (id % 3 != 0) {
        List<Neighbor> hits = index.search(vectors[id], 1);
        assertThat(hits.get(0).id()).isEqualTo(id);
        assertThat(hits.get(0).score()).isCloseTo(1f, within(1e-5f));
      }
    }
  }

  @Test
  void acceptsAnyIntAsAnId() {
    VectorIndex index = newIndex(2);
    index.add(Integer.MIN_VALUE, new float[] {1, 0});
    index.add(-1, new float[] {0, 1});
    index.add(Integer.MAX_VALUE, new float[] {-1, 0});

    assertThat(index.contains(Integer.MIN_VALUE)).isTrue();
    assertThat(ids(index.search(new float[] {1, 0.1f}, 3)))
        .containsExactly(Integer.MIN_VALUE, -1, Integer.MAX_VALUE);
  }

  @Test
  void rejectsAVectorOfTheWrongDimension() {
    VectorIndex index = newIndex(4);

    assertThatThrownBy(() -> index.add(5, new float[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector for id 5 has 3 dimensions, expected 4");
  }

  @Test
  void rejectsAVectorHoldingNaN() {
    VectorIndex index = newIndex(3);

    assertThatThrownBy(() -> index.add(5, new float[] {1, Float.NaN, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector for id 5 holds NaN at index 1");
  }

  @Test
  void rejectsAVectorHoldingInfinity() {
    VectorIndex index = newIndex(3);

    assertThatThrownBy(() -> index.add(5, new float[] {Float.NEGATIVE_INFINITY, 1, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector for id 5 holds -Infinity at index 0");
  }

  @Test
  void rejectsAnAllZeroVector() {
    VectorIndex index = newIndex(3);

    assertThatThrownBy(() -> index.add(5, new float[3]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vector for id 5 is all zeros");
    assertThat(index.size()).isZero();
  }

  @Test
  void rejectsAQueryOfTheWrongDimension() {
    VectorIndex index = filled(randomVectors(3, 4, 11));

    assertThatThrownBy(() -> index.search(new float[] {1, 2}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query has 2 dimensions, expected 4");
  }

  @Test
  void rejectsKBelowOne() {
    VectorIndex index = filled(randomVectors(3, 4, 12));

    assertThatThrownBy(() -> index.search(new float[] {1, 2, 3, 4}, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("k must be at least 1, got 0");
  }

  @Test
  void countsAtLeastTheRawVectorsInItsMemoryEstimate() {
    VectorIndex index = filled(randomVectors(1_000, 16, 13));

    assertThat(index.memoryBytes()).isGreaterThanOrEqualTo(1_000L * 16 * Float.BYTES);
  }

  @Test
  void aSavedIndexLoadsWithIdenticalResults() throws IOException {
    float[][] vectors = randomVectors(300, 8, 14);
    VectorIndex index = filled(vectors);
    index.remove(10);
    Path file = dir.resolve("index.bin");

    index.save(file);
    VectorIndex loaded = load(file);

    assertThat(loaded.kind()).isEqualTo(index.kind());
    assertThat(loaded.dimension()).isEqualTo(8);
    assertThat(loaded.size()).isEqualTo(299);
    assertThat(loaded.contains(10)).isFalse();
    for (float[] query : randomVectors(20, 8, 15)) {
      assertThat(loaded.search(query, 30)).isEqualTo(index.search(query, 30));
    }
  }

  @Test
  void aLoadedIndexTakesMoreVectors() throws IOException {
    VectorIndex index = filled(randomVectors(10, 4, 16));
    Path file = dir.resolve("index.bin");
    index.save(file);
    VectorIndex loaded = load(file);

    float[][] more = randomVectors(100, 4, 17);
    for (int i = 0; i < more.length; i++) {
      loaded.add(100 + i, more[i]);
    }

    assertThat(loaded.size()).isEqualTo(110);
    assertThat(loaded.search(more[50], 1).get(0).id()).isEqualTo(150);
  }

  @Test
  void aTruncatedFileFailsNamingTheFile() throws IOException {
    Path file = savedIndexFile();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 20));

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aFileWithOneFlippedBitFailsNamingTheFile() throws IOException {
    Path file = savedIndexFile();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(file, bytes);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("checksum");
  }

  @Test
  void aFileOfAnotherFormatVersionFailsNamingTheFile() throws IOException {
    Path file = dir.resolve("future.bin");
    VersionedFile.write(file, fileKind(), fileVersion() + 1, out -> out.writeInt(4));

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("version " + (fileVersion() + 1));
  }

  @Test
  void searchesRunningWhileOneThreadWritesAlwaysSeeValidResults() throws Exception {
    int n = 3_000;
    int k = 20;
    float[][] vectors = randomVectors(n, 8, 18);
    VectorIndex index = newIndex(8);
    IntPredicate excluded = id -> id % 7 == 0;
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger searches = new AtomicInteger();
    Queue<String> problems = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      float[][] queries = randomVectors(50, 8, 100 + r);
      Thread reader =
          new Thread(
              () -> {
                int q = 0;
                while (writing.get() || q < queries.length) {
                  try {
                    List<Neighbor> hits = index.search(queries[q++ % queries.length], k, excluded);
                    searches.incrementAndGet();
                    String problem = problemWith(hits, k, n, excluded);
                    if (problem != null) {
                      problems.add(problem);
                    }
                  } catch (RuntimeException e) {
                    problems.add(e.toString());
                  }
                }
              });
      reader.start();
      readers.add(reader);
    }
    try {
      Random random = new Random(19);
      for (int id = 0; id < n; id++) {
        index.add(id, vectors[id]);
        if (id % 10 == 9) {
          index.remove(random.nextInt(id)); // some removes
          int updated = random.nextInt(id);
          index.add(updated, vectors[random.nextInt(n)]); // and some updates
        }
      }
    } finally {
      writing.set(false);
      for (Thread reader : readers) {
        reader.join();
      }
    }

    assertThat(problems).isEmpty();
    assertThat(searches.get()).isGreaterThanOrEqualTo(150);
  }

  // ---- helpers ----

  VectorIndex filled(float[][] vectors) {
    VectorIndex index = newIndex(vectors[0].length);
    for (int id = 0; id < vectors.length; id++) {
      index.add(id, vectors[id]);
    }
    return index;
  }

  private Path savedIndexFile() throws IOException {
    Path file = dir.resolve("index.bin");
    filled(randomVectors(100, 8, 20)).save(file);
    return file;
  }

  static float[][] randomVectors(int n, int dimension, long seed) {
    return SyntheticVectors.gaussian(n, dimension, new Random(seed));
  }

  static List<Integer> ids(List<Neighbor> hits) {
    return hits.stream().map(Neighbor::id).toList();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      aa += (double) a[i] * a[i];
      bb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(aa * bb);
  }

  /** The ids of the k vectors most cosine-similar to the query, best first. */
  static List<Integer> bruteForce(float[][] vectors, float[] query, int k, IntPredicate exclude) {
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < vectors.length; id++) {
      if (!exclude.test(id)) {
        ids.add(id);
      }
    }
    ids.sort(Comparator.comparingDouble((Integer id) -> -cosine(vectors[id], query)));
    return ids.subList(0, Math.min(k, ids.size()));
  }

  /** What is wrong with a search result, or null. */
  private static String problemWith(List<Neighbor> hits, int k, int n, IntPredicate excluded) {
    if (hits.size() > k) {
      return "more than k hits: " + hits.size();
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < hits.size(); i++) {
      Neighbor hit = hits.get(i);
      if (hit.id() < 0 || hit.id() >= n) {
        return "unknown id " + hit.id();
      }
      if (excluded.test(hit.id())) {
        return "excluded id " + hit.id();
      }
      if (!seen.add(hit.id())) {
        return "id twice: " + hit.id();
      }
      if (i > 0 && hit.score() > hits.get(i - 1).score()) {
        return "not best first: " + hits;
      }
      if (!(hit.score() >= -1.0001f && hit.score() <= 1.0001f)) {
        return "not a cosine: " + hit.score();
      }
    }
    return null;
  }
}
