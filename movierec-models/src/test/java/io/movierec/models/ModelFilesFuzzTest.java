package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.movierec.io.CorruptFileException;
import io.movierec.io.VersionedFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readers of a saved model's own files — the manifest, {@code trained-rows.bin}, {@code
 * model.properties}, {@code provenance.properties} — meet random and mutated files (checksums
 * recomputed so the parsers themselves are exercised): only a {@link CorruptFileException} comes
 * out (an {@link io.movierec.io.UnsupportedVersionException} is one), or the documented {@link
 * IllegalArgumentException} of a model of another kind, never an {@link OutOfMemoryError} or
 * another runtime exception, in bounded time. No TensorFlow is started.
 */
class ModelFilesFuzzTest {

  private static final int ROWS = 1_000;

  @TempDir Path dir;
  private Path model;

  /** A saved model directory written without TensorFlow: a dummy checkpoint file. */
  @BeforeEach
  void saveAModel() throws IOException {
    model = dir.resolve("model");
    Path data = Files.writeString(dir.resolve("train.txt"), "samples\n");
    Properties p = new Properties();
    p.setProperty("kind", DnnRanker.KIND);
    p.setProperty("format_version", Integer.toString(SlotModel.FORMAT_VERSION));
    p.setProperty("schema", TinyData.ENCODER.schema().spec());
    p.setProperty("hasher", TinyData.ENCODER.hasher().spec());
    p.setProperty("completed_epochs", "2");
    ModelConfig d = ModelConfig.defaults();
    new ModelConfig(
            ROWS,
            4,
            d.fcSizes(),
            d.optimizer(),
            d.learningRate(),
            d.learningRateDecay(),
            d.objective(),
            d.temperature(),
            d.logQCorrection(),
            d.lazyEmbeddingUpdates(),
            d.embeddingL2(),
            d.wide(),
            d.seed())
        .store(p);
    SavedModelFiles.write(
        model,
        p,
        (d2, prefix) -> {
          Files.write(Path.of(prefix + ".index"), new byte[] {1, 2, 3});
          TrainedRows rows = TrainedRows.none(ROWS);
          rows.mark(new int[] {1, 5, 999}, 3);
          rows.save(d2);
          Provenance.ofTraining(Map.of("epochs", "2"), data, 10).save(d2);
        });
  }

  @Test
  void theHandMadeModelReadsBack() throws IOException {
    SlotModel.Saved saved = SlotModel.readSaved(model, DnnRanker.KIND);
    assertThat(saved.completedEpochs()).isEqualTo(2);
    assertThat(saved.trainedRows().contains(999)).isTrue();
  }

  @Test
  void aManifestDeclaringAHugeEntryCountIsRefusedBeforeAllocating() throws IOException {
    rewriteManifest(
        content -> ByteBuffer.wrap(content, headerLength(), 4).putInt(Integer.MAX_VALUE));
    assertThatThrownBy(() -> SlotModel.readSaved(model, DnnRanker.KIND))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("declares 2147483647 entries");
  }

  @Test
  void aManifestNamingAFileOutsideTheModelIsRefused() throws IOException {
    Files.writeString(dir.resolve("outside"), "x");
    VersionedFile.write(
        model.resolve(SavedModelFiles.MANIFEST),
        "model-manifest",
        SlotModel.FORMAT_VERSION,
        out -> {
          out.writeInt(1);
          out.writeUTF("../outside");
          out.writeLong(1);
          out.writeInt(0);
        });
    assertThatThrownBy(() -> SlotModel.readSaved(model, DnnRanker.KIND))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("'../outside', which is not a file inside");
  }

  @Test
  void trainedRowsDeclaringAHugeCountAreRefusedBeforeAllocating() throws IOException {
    Path f = dir.resolve("rows");
    Files.createDirectories(f);
    VersionedFile.write(
        f.resolve(TrainedRows.FILE), "trained-rows", 1, out -> out.writeInt(33_554_431));
    assertThatThrownBy(() -> TrainedRows.load(f, Integer.MAX_VALUE - 64))
        .isInstanceOf(CorruptFileException.class)
        .hasMessageContaining("declares 33554431 words");
  }

  @Test
  void mutatedBinaryFilesGiveOnlyCorruptFileExceptions() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Random random = new Random(16_061);
          for (String name : new String[] {SavedModelFiles.MANIFEST, TrainedRows.FILE}) {
            Path f = model.resolve(name);
            byte[] valid = Files.readAllBytes(f);
            byte[] content = Arrays.copyOf(valid, valid.length - 12);
            for (int i = 0; i < 80; i++) {
              byte[] b = mutate(content, random);
              Files.write(f, i % 5 == 0 ? b : reframe(b));
              checkOnlyCorrupt(name, b);
            }
            Files.write(f, valid);
          }
        });
  }

  @Test
  void mutatedInferenceWeightsGiveOnlyCorruptFileExceptions() throws IOException {
    Path slim = Files.createDirectories(dir.resolve("slim"));
    new InferenceWeights(
            new int[] {0, 1, 5, 999},
            Map.of("embedding", new float[16]),
            Map.of("rank_out_w", new float[] {1, 2, 3}, "rank_out_b", new float[] {4}))
        .save(slim);
    Path f = slim.resolve(InferenceWeights.FILE);
    byte[] valid = Files.readAllBytes(f);
    byte[] content = Arrays.copyOf(valid, valid.length - 12);
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Random random = new Random(16_063);
          for (int i = 0; i < 200; i++) {
            byte[] b = mutate(content, random);
            Files.write(f, i % 5 == 0 ? b : reframe(b));
            try {
              InferenceWeights.load(slim, ROWS);
            } catch (CorruptFileException e) {
              // expected for most inputs
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
              fail(e + " on " + HexFormat.of().formatHex(b), e);
            }
          }
        });
  }

  @Test
  void mutatedPropertiesFilesGiveOnlyCorruptFileExceptions() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          Random random = new Random(16_062);
          byte[] alphabet = "=:\\u0aZ.,#!\n 1-".getBytes(StandardCharsets.US_ASCII);
          for (String name : new String[] {SavedModelFiles.PROPERTIES, "provenance.properties"}) {
            Path f = model.resolve(name);
            byte[] valid = Files.readAllBytes(f);
            for (int i = 0; i < 80; i++) {
              byte[] b = valid.clone();
              for (int e = 0; e < 1 + random.nextInt(4); e++) {
                b[random.nextInt(b.length)] = alphabet[random.nextInt(alphabet.length)];
              }
              Files.write(f, b);
              restampManifest();
              checkOnlyCorrupt(name, b);
            }
            Files.write(f, valid);
            restampManifest();
          }
        });
  }

  private void checkOnlyCorrupt(String name, byte[] bytes) {
    try {
      SlotModel.readSaved(model, DnnRanker.KIND);
    } catch (CorruptFileException e) {
      // expected for most inputs
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().contains(" model, not a " + DnnRanker.KIND + " model")) {
        fail(name + ": " + e + " on " + HexFormat.of().formatHex(bytes), e);
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      fail(name + ": " + e + " on " + HexFormat.of().formatHex(bytes), e);
    }
  }

  /** Rewrites the manifest so that every listed file's size and checksum are current. */
  private void restampManifest() throws IOException {
    Properties keep = new Properties();
    keep.load(
        new java.io.StringReader(
            Files.readString(model.resolve(SavedModelFiles.PROPERTIES), StandardCharsets.ISO_8859_1)
                .replace("\\", "/")));
    java.util.List<String> files = new java.util.ArrayList<>();
    try (var walk = Files.walk(model)) {
      walk.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(SavedModelFiles.MANIFEST))
          .sorted()
          .forEach(p -> files.add(model.relativize(p).toString()));
    }
    VersionedFile.write(
        model.resolve(SavedModelFiles.MANIFEST),
        "model-manifest",
        SlotModel.FORMAT_VERSION,
        out -> {
          out.writeInt(files.size());
          for (String path : files) {
            byte[] b = Files.readAllBytes(model.resolve(path));
            CRC32C crc = new CRC32C();
            crc.update(b);
            out.writeUTF(path);
            out.writeLong(b.length);
            out.writeInt((int) crc.getValue());
          }
        });
  }

  private interface Edit {
    void apply(byte[] content);
  }

  private void rewriteManifest(Edit edit) throws IOException {
    Path f = model.resolve(SavedModelFiles.MANIFEST);
    byte[] valid = Files.readAllBytes(f);
    byte[] content = Arrays.copyOf(valid, valid.length - 12);
    edit.apply(content);
    Files.write(f, reframe(content));
  }

  /** Magic, kind and version of a manifest: 4 + 2 + "model-manifest" + 4 bytes. */
  private static int headerLength() {
    return 4 + 2 + "model-manifest".length() + 4;
  }

  private static byte[] mutate(byte[] content, Random random) {
    byte[] b = content.clone();
    for (int e = 0; e < 1 + random.nextInt(3) && b.length > 0; e++) {
      int at = random.nextInt(b.length);
      switch (random.nextInt(4)) {
        case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
        case 1 -> b = Arrays.copyOf(b, at);
        case 2 -> {
          if (at + 4 <= b.length) {
            int[] v = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 0xffff};
            ByteBuffer.wrap(b, at, 4).putInt(v[random.nextInt(v.length)]);
          }
        }
        default -> {
          if (at + 8 <= b.length) {
            ByteBuffer.wrap(b, at, 8).putLong(random.nextBoolean() ? Long.MAX_VALUE : -1L);
          }
        }
      }
    }
    return b;
  }

  private static byte[] reframe(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return ByteBuffer.allocate(content.length + 12)
        .put(content)
        .putLong(content.length)
        .putInt((int) crc.getValue())
        .array();
  }
}
