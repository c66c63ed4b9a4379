package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.index.VectorIndex;
import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnnIndexesTest {

  @TempDir Path dir;

  @Test
  void buildsAnExactIndexUpToTheThreshold() {
    VectorIndex index =
        KnnIndexes.newBuilder(8).withExpectedSize(1_000).withExactThreshold(1_000).build();

    assertThat(index).isInstanceOf(ExactVectorIndex.class);
  }

  @Test
  void buildsAnHnswIndexAboveTheThreshold() {
    VectorIndex index =
        KnnIndexes.newBuilder(8).withExpectedSize(1_001).withExactThreshold(1_000).build();

    assertThat(index).isInstanceOf(HnswVectorIndex.class);
  }

  @Test
  void buildsAnExactIndexForTheMovieLensCatalogueByDefault() {
    assertThat(KnnIndexes.newBuilder(32).withExpectedSize(3_883).build().kind()).isEqualTo("exact");
  }

  @Test
  void buildsTheKindItIsToldWhateverTheSize() {
    assertThat(KnnIndexes.newBuilder(8).withExpectedSize(10).hnsw().build().kind())
        .isEqualTo("hnsw");
    assertThat(KnnIndexes.newBuilder(8).withExpectedSize(100_000).exact().build().kind())
        .isEqualTo("exact");
  }

  @Test
  void passesTheHnswSettingsOn() {
    HnswVectorIndex index =
        (HnswVectorIndex)
            KnnIndexes.newBuilder(8).hnsw().withM(6).withEfConstruction(30).withEf(70).build();

    assertThat(index.m()).isEqualTo(6);
    assertThat(index.efConstruction()).isEqualTo(30);
    assertThat(index.ef()).isEqualTo(70);
  }

  @Test
  void loadsEitherKind() throws IOException {
    for (VectorIndex index :
        new VectorIndex[] {
          KnnIndexes.newBuilder(4).exact().build(), KnnIndexes.newBuilder(4).hnsw().build()
        }) {
      index.add(1, new float[] {1, 2, 3, 4});
      Path file = dir.resolve(index.kind() + ".bin");
      index.save(file);

      VectorIndex loaded = KnnIndexes.load(file);

      assertThat(loaded.getClass()).isEqualTo(index.getClass());
      assertThat(loaded.contains(1)).isTrue();
    }
  }

  @Test
  void refusesAFileOfAnotherKind() throws IOException {
    Path file = dir.resolve("model.bin");
    VersionedFile.write(file, "two-tower-model", 1, out -> out.writeInt(1));

    assertThatThrownBy(() -> KnnIndexes.load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("two-tower-model");
  }

  @Test
  void refusesAFileTooShortForAHeader() throws IOException {
    Path file = dir.resolve("short.bin");
    Files.write(file, new byte[] {1, 2, 3});

    assertThatThrownBy(() -> KnnIndexes.load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void refusesADamagedHnswFile() throws IOException {
    VectorIndex index = KnnIndexes.newBuilder(4).hnsw().build();
    index.add(1, new float[] {1, 2, 3, 4});
    Path file = dir.resolve("hnsw.bin");
    index.save(file);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 30] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(() -> KnnIndexes.load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("checksum");
  }
}
