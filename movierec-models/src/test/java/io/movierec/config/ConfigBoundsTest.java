package io.movierec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.models.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of a config.yaml too large to train with are refused naming line, key and value. */
class ConfigBoundsTest {

  @TempDir Path dir;

  private Path write(String hyper) throws IOException {
    return Files.writeString(
        dir.resolve("config.yaml"), "runner:\n  epochs: 1\nhyper_parameters:\n" + hyper);
  }

  @Test
  void aSparseFeatureDimOf100000IsRefusedNamingLineKeyAndValue() throws IOException {
    Path f = write("  sparse_feature_number: 600000\n  sparse_feature_dim: 100000\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.yaml line 5, key hyper_parameters.sparse_feature_dim")
        .hasMessageContaining("at most " + ModelConfig.MAX_SPARSE_FEATURE_DIM + ", got 100000");
  }

  @Test
  void aTableTooLargeForOneArrayIsRefusedNamingBothValues() throws IOException {
    Path f = write("  sparse_feature_number: 600000\n  sparse_feature_dim: 4000\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 5, key hyper_parameters.sparse_feature_dim")
        .hasMessageContaining("sparse_feature_number 600000 × sparse_feature_dim 4000")
        .hasMessageContaining("2400000000 values");
  }

  @Test
  void aHugeFullyConnectedLayerIsRefused() throws IOException {
    Path f = write("  fc_sizes: [512, 1000000]\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 4, key hyper_parameters.fc_sizes")
        .hasMessageContaining("got 1000000");
  }

  @Test
  void aSparseFeatureNumberOfOneIsRefusedByTheConfigNotTheModel() throws IOException {
    Path f = write("  sparse_feature_number: 1\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 4, key hyper_parameters.sparse_feature_number");
  }

  @Test
  void hugeBatchSizesAndEpochCountsAreRefused() throws IOException {
    Path batch =
        Files.writeString(dir.resolve("b.yaml"), "runner:\n  train_batch_size: 2000000000\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(batch))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2, key runner.train_batch_size");
    Path epochs = Files.writeString(dir.resolve("e.yaml"), "runner:\n  epochs: 1000000000\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(epochs))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2, key runner.epochs");
  }

  @Test
  void theLargestAllowedTableIsAccepted() throws IOException {
    int rows = (int) (ModelConfig.MAX_EMBEDDING_VALUES / 1_000);
    Path f = write("  sparse_feature_number: " + rows + "\n  sparse_feature_dim: 1000\n");
    assertThat(PaddleRecConfig.load(f).model().sparseFeatureDim()).isEqualTo(1000);
  }

  @Test
  void aModelConfigRefusesATableWhoseSizeOverflowsAnInt() {
    ModelConfig d = ModelConfig.defaults();
    assertThatThrownBy(
            () ->
                new ModelConfig(
                    600_000,
                    3_600,
                    List.of(32),
                    d.optimizer(),
                    d.learningRate(),
                    d.learningRateDecay(),
                    d.objective(),
                    d.temperature(),
                    d.logQCorrection(),
                    d.lazyEmbeddingUpdates(),
                    d.embeddingL2(),
                    d.wide(),
                    d.seed()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2160000000 values");
  }
}
