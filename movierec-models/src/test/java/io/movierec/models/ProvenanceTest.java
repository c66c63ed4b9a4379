package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.MovierecVersion;
import io.movierec.io.UnsupportedVersionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

  @TempDir Path dir;

  private final TinyData data = new TinyData(30, 20);
  private Path train;

  @BeforeEach
  void setUp() throws IOException {
    train = data.write(dir.resolve("t/data.txt"), 600, 1, false, 0.8);
  }

  @Test
  void aTrainedModelSavesAndReloadsWhereItCameFrom() throws IOException {
    Provenance recorded;
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      Trainer.newBuilder().withEpochs(2).withBatchSize(50).withSeed(11).build().fit(r, train);
      recorded = r.provenance();
      r.save(dir.resolve("ranker"));
    }
    assertThat(Files.exists(dir.resolve("ranker").resolve(Provenance.FILE))).isTrue();
    CRC32C crc = new CRC32C();
    crc.update(Files.readAllBytes(train));
    assertThat(recorded.dataPath()).isEqualTo(train.toString());
    assertThat(recorded.dataBytes()).isEqualTo(Files.size(train));
    assertThat(recorded.dataCrc32c()).isEqualTo(String.format("%08x", crc.getValue()));
    assertThat(recorded.dataRows()).isEqualTo(600);
    assertThat(recorded.trainer())
        .containsEntry("epochs", "2")
        .containsEntry("batch_size", "50")
        .containsEntry("seed", "11")
        .containsEntry("first_epoch", "1")
        .containsKeys("learning_rates", "shuffle", "shuffle_buffer");
    assertThat(recorded.movierecVersion()).isEqualTo(MovierecVersion.get());
    assertThat(recorded.tensorflowVersion()).matches("\\d+\\.\\d+.*");
    assertThat(recorded.tensorflowJavaVersion()).matches("\\d+\\.\\d+.*");
    assertThat(recorded.trainedAt()).isNotNull();
    try (DnnRanker back = DnnRanker.load(dir.resolve("ranker"))) {
      assertThat(back.provenance()).isEqualTo(recorded);
      // Saved again (as a bundle does), it keeps its provenance.
      back.save(dir.resolve("again"));
    }
    try (DnnRanker again = DnnRanker.load(dir.resolve("again"))) {
      assertThat(again.provenance()).isEqualTo(recorded);
    }
  }

  @Test
  void aModelWithoutProvenanceLoadsAndDescribesItAsUnknown() throws IOException {
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      r.save(dir.resolve("ranker"));
    }
    assertThat(Files.exists(dir.resolve("ranker").resolve(Provenance.FILE))).isFalse();
    try (DnnRanker back = DnnRanker.load(dir.resolve("ranker"))) {
      assertThat(back.provenance()).isEqualTo(Provenance.UNKNOWN);
      assertThat(back.provenance().isKnown()).isFalse();
    }
    Map<String, String> d = SlotModel.describeSaved(dir.resolve("ranker"));
    assertThat(d)
        .containsEntry("kind", "dnn-ranker")
        .containsEntry("format_version", Integer.toString(SlotModel.FORMAT_VERSION))
        .containsEntry("layout", "full")
        .containsEntry("provenance.trained_at", "unknown")
        .containsEntry("provenance.data.path", "unknown")
        .containsEntry("provenance.trainer", "unknown")
        .containsKeys("files", "bytes", "schema", "hasher", "sparse_feature_dim");
  }

  @Test
  void describesATrainedModel() throws IOException {
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      Trainer.newBuilder().withEpochs(1).withBatchSize(50).build().fit(r, train);
      r.save(dir.resolve("ranker"));
    }
    Map<String, String> d = SlotModel.describeSaved(dir.resolve("ranker"));
    assertThat(d.keySet())
        .startsWith("kind", "format_version", "layout", "completed_epochs", "files", "bytes");
    assertThat(d)
        .containsEntry("completed_epochs", "1")
        .containsEntry("provenance.data.rows", "600")
        .containsEntry("provenance.data.bytes", Long.toString(Files.size(train)))
        .containsEntry("provenance.trainer.batch_size", "50");
  }

  @Test
  void refusesAModelOfANewerFormatAsTooNew() throws IOException {
    Path saved = savedWithFormatVersion(SlotModel.FORMAT_VERSION + 1);
    assertThatThrownBy(() -> DnnRanker.load(saved))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining(saved.resolve("model.properties").toString())
        .hasMessageContaining("format version " + (SlotModel.FORMAT_VERSION + 1) + " is too new")
        .hasMessageContaining("upgrade movierec");
  }

  @Test
  void refusesAModelOfAnOlderFormatAsTooOld() throws IOException {
    Path saved = savedWithFormatVersion(SlotModel.OLDEST_FORMAT_VERSION - 1);
    assertThatThrownBy(() -> SlotModel.describeSaved(saved))
        .isInstanceOf(UnsupportedVersionException.class)
        .hasMessageContaining("model.properties")
        .hasMessageContaining(
            "format version " + (SlotModel.OLDEST_FORMAT_VERSION - 1) + " is too old")
        .hasMessageContaining("oldest supported is " + SlotModel.OLDEST_FORMAT_VERSION)
        .hasMessageContaining("re-create");
  }

  /** A saved ranker whose model.properties declares {@code version}, its manifest rewritten. */
  private Path savedWithFormatVersion(int version) throws IOException {
    Path saved = dir.resolve("ranker");
    try (DnnRanker r = (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      r.save(saved);
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(saved.resolve(SavedModelFiles.PROPERTIES))) {
      p.load(in);
    }
    p.setProperty("format_version", Integer.toString(version));
    Path copy = dir.resolve("copy");
    SavedModelFiles.write(
        copy,
        p,
        (d, prefix) -> {
          try (var files = Files.list(saved.resolve("variables"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
              Files.copy(f, d.resolve("variables").resolve(f.getFileName()));
            }
          }
        });
    return copy;
  }
}
