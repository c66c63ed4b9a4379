package io.movierec.index.knn;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HNSW index file: movierec's own layout, no Java serialization, every length checked. */
class HnswIndexFileTest {

  @TempDir Path dir;

  @Test
  void aFileOfSerialisedJdkObjectsInAValidFrameIsRefused() throws IOException {
    HashMap<String, Object> objects = new HashMap<>();
    objects.put("a", List.of(1, 2, 3));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(objects);
    }
    Path file = dir.resolve("index-1.bin");
    VersionedFile.write(
        file,
        HnswVectorIndex.FILE_KIND,
        HnswVectorIndex.FILE_VERSION,
        out -> out.write(bytes.toByteArray()));

    assertThatThrownBy(() -> HnswVectorIndex.load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("Java serialization");
  }

  @Test
  void aFileOfTheHnswlibFormatIsRefusedSayingToRebuildTheBundle() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new HashMap<String, String>());
    }
    Path file = dir.resolve("index-1.bin");
    VersionedFile.write(
        file,
        HnswVectorIndex.FILE_KIND,
        2,
        out -> {
          out.writeInt(32);
          out.write(bytes.toByteArray());
        });

    assertThatThrownBy(() -> HnswVectorIndex.load(file))
        .isInstanceOf(LegacyIndexFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("rebuild the bundle");
  }

  @Test
  void theIndexClassesNeverReferToObjectInputStream() throws IOException {
    for (Class<?> c :
        List.of(
            HnswVectorIndex.class,
            HnswGraph.class,
            ExactVectorIndex.class,
            KnnIndexes.class,
            KnnComponentLoader.class,
            IndexFiles.class,
            VersionedFile.class)) {
      String resource = "/" + c.getName().replace('.', '/') + ".class";
      try (var in = c.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        String constantPool =
            new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(constantPool)
            .as(resource)
            .doesNotContain("java/io/ObjectInputStream")
            .doesNotContain("java/io/ObjectInput")
            .doesNotContain("com/github/jelmerk");
      }
    }
    Path sources = Path.of("src/main/java/io/movierec/index/knn");
    if (Files.isDirectory(sources)) {
      try (var files = Files.list(sources)) {
        for (Path source : files.toList()) {
          assertThat(Files.readString(source)).as(source.toString()).doesNotContain("ObjectInput");
        }
      }
    }
  }

  @Test
  void aSavedGraphWithDeadNodesLoadsWithTheSameAnswers() throws IOException {
    HnswVectorIndex index = HnswVectorIndex.newBuilder(16).withM(6).withEf(30).build();
    float[][] vectors = SyntheticVectors.clustered(300, 16, 5, 0.3, 9);
    for (int id = 0; id < vectors.length; id++) {
      index.add(id, vectors[id]);
    }
    for (int id = 0; id < 300; id += 3) {
      index.remove(id);
    }
    index.add(1, vectors[7]); // a replaced vector leaves a dead node too
    Path file = dir.resolve("index.bin");
    index.save(file);

    HnswVectorIndex loaded = HnswVectorIndex.load(file);

    assertThat(loaded.size()).isEqualTo(index.size());
    assertThat(loaded.m()).isEqualTo(6);
    assertThat(loaded.ef()).isEqualTo(30);
    assertThat(loaded.efConstruction()).isEqualTo(index.efConstruction());
    for (float[] q : SyntheticVectors.clustered(50, 16, 5, 0.3, 10)) {
      assertThat(loaded.search(q, 10)).isEqualTo(index.search(q, 10));
    }
  }

  @Test
  void aNodeCountLargerThanTheFileIsRefusedBeforeAllocating() throws IOException {
    Path file = dir.resolve("huge.bin");
    VersionedFile.write(
        file,
        HnswVectorIndex.FILE_KIND,
        HnswVectorIndex.FILE_VERSION,
        out -> {
          out.writeInt(32); // dimension
          out.writeInt(16); // M
          out.writeInt(200); // efConstruction
          out.writeInt(200); // ef
          out.writeInt(Integer.MAX_VALUE - 8); // nodes
          out.writeInt(0); // entry point
        });

    assertThatThrownBy(() -> HnswVectorIndex.load(file))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("node count");
  }

  @Test
  void randomAndMutatedFilesFailWithACorruptFileExceptionOnly() throws IOException {
    HnswVectorIndex index = HnswVectorIndex.newBuilder(8).withM(4).build();
    float[][] vectors = SyntheticVectors.clustered(60, 8, 3, 0.3, 4);
    for (int id = 0; id < vectors.length; id++) {
      index.add(id, vectors[id]);
    }
    index.remove(3);
    Path valid = dir.resolve("valid.bin");
    index.save(valid);
    byte[] original = Files.readAllBytes(valid);
    byte[] payload = java.util.Arrays.copyOfRange(original, 20, original.length - 12);
    SplittableRandom random = new SplittableRandom(16);
    Path file = dir.resolve("fuzz.bin");

    assertTimeoutPreemptively(
        ofSeconds(10),
        () -> {
          int refused = 0;
          for (int i = 0; i < 300; i++) {
            byte[] mutated = mutate(payload, random, i);
            Files.write(file, frame(mutated));
            try {
              HnswVectorIndex loaded = HnswVectorIndex.load(file);
              // A mutation that still reads as a valid graph must search without failing.
              loaded.search(vectors[0], 5);
            } catch (CorruptFileException e) {
              refused++;
            }
          }
          assertThat(refused).isPositive();
        });
  }

  /**
   * A CRC-valid {@link VersionedFile} frame around {@code payload}, built in memory (writing 1,500
   * files through the atomic, fsync'ing writer would take most of the test's time).
   */
  private static byte[] frame(byte[] payload) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(content);
    out.writeInt(0x4D565243);
    out.writeUTF(HnswVectorIndex.FILE_KIND);
    out.writeInt(HnswVectorIndex.FILE_VERSION);
    out.write(payload);
    out.flush();
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(content.toByteArray());
    int length = content.size();
    out.writeLong(length);
    out.writeInt((int) crc.getValue());
    return content.toByteArray();
  }

  /** Random bytes, a truncation, or a few random byte or int overwrites of a valid payload. */
  private static byte[] mutate(byte[] payload, SplittableRandom random, int round) {
    switch (round % 4) {
      case 0 -> {
        byte[] noise = new byte[random.nextInt(200)];
        random.nextBytes(noise);
        return noise;
      }
      case 1 -> {
        return java.util.Arrays.copyOf(payload, random.nextInt(payload.length));
      }
      case 2 -> {
        byte[] copy = payload.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
          copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
      }
      default -> {
        byte[] copy = payload.clone();
        int at = random.nextInt(copy.length - 4) & ~3;
        int value = random.nextBoolean() ? random.nextInt() : random.nextInt(-2, 70);
        copy[at] = (byte) (value >>> 24);
        copy[at + 1] = (byte) (value >>> 16);
        copy[at + 2] = (byte) (value >>> 8);
        copy[at + 3] = (byte) value;
        return copy;
      }
    }
  }
}
