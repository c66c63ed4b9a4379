package io.movierec.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.models.ModelConfig;
import io.movierec.models.OptimizerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PaddleRecConfigTest {

  @TempDir Path dir;

  /** The shape of PaddleRec's rank/config.yaml. */
  private static final String REFERENCE =
      """
      runner:
        train_data_dir: "../data/train"
        train_reader_path: "reader"  # importlib format
        train_batch_size: 128
        model_save_path: "output_model_rank"

        use_gpu: False
        epochs: 5
        print_interval: 20

        test_data_dir: "../data/test"
        infer_reader_path: "reader"  # importlib format
        infer_batch_size: 128
        infer_load_path: "output_model_rank"
        infer_start_epoch: 4
        infer_end_epoch: 5

        runner_result_dump_path: "rank_infer_result"

      # hyper parameters of user-defined network
      hyper_parameters:
        # optimizer config
        optimizer:
          class: Adam
          learning_rate: 0.001
        # user-defined <key, value> pairs
        sparse_feature_number: 600000
        sparse_feature_dim: 9
        dense_input_dim: 13
        fc_sizes: [512, 256, 128, 32]
      """;

  private Path write(String yaml) throws IOException {
    Path f = dir.resolve("conf/config.yaml");
    Files.createDirectories(f.getParent());
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void readsTheReferenceConfig() throws IOException {
    PaddleRecConfig c = PaddleRecConfig.load(write(REFERENCE));
    assertThat(c.model()).isEqualTo(ModelConfig.defaults());
    assertThat(c.runner().trainBatchSize()).isEqualTo(128);
    assertThat(c.runner().epochs()).isEqualTo(5);
    assertThat(c.runner().printInterval()).isEqualTo(20);
    assertThat(c.runner().useGpu()).isFalse();
    assertThat(c.runner().inferStartEpoch()).isEqualTo(4);
    assertThat(c.runner().inferEndEpoch()).isEqualTo(5);
  }

  @Test
  void resolvesRelativePathsAgainstTheConfigDirectory() throws IOException {
    PaddleRecConfig c = PaddleRecConfig.load(write(REFERENCE));
    assertThat(c.runner().trainDataDir()).isEqualTo(dir.resolve("data/train").toAbsolutePath());
    assertThat(c.runner().modelSavePath())
        .isEqualTo(dir.resolve("conf/output_model_rank").toAbsolutePath());
  }

  @Test
  void readsOtherOptimizersAndLayerSizes() throws IOException {
    PaddleRecConfig c =
        PaddleRecConfig.load(
            write(
                REFERENCE
                    .replace("class: Adam", "class: AdaGrad")
                    .replace("[512, 256, 128, 32]", "[64, 16]")));
    assertThat(c.model().optimizer()).isEqualTo(OptimizerKind.ADAGRAD);
    assertThat(c.model().fcSizes()).isEqualTo(List.of(64, 16));
  }

  @Test
  void namesAnUnknownKeyAndItsLine() throws IOException {
    Path f = write(REFERENCE.replace("train_batch_size: 128", "train_batch_sise: 128"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("config.yaml line 4, key runner.train_batch_sise: unknown key");
  }

  @Test
  void namesAValueOfTheWrongType() throws IOException {
    Path f = write(REFERENCE.replace("epochs: 5", "epochs: five"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("key runner.epochs: expected an integer, got 'five'");
  }

  @Test
  void namesAnUnknownOptimizer() throws IOException {
    Path f = write(REFERENCE.replace("class: Adam", "class: Lion"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .hasMessageContaining("key hyper_parameters.optimizer.class: unknown optimizer 'Lion'");
  }

  @Test
  void rejectsANegativeLearningRate() throws IOException {
    Path f = write(REFERENCE.replace("learning_rate: 0.001", "learning_rate: -1"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .hasMessageContaining("learning_rate: must be a positive number, got -1");
  }

  @Test
  void readsALearningRateDecay() throws IOException {
    Path f =
        write(
            REFERENCE.replace(
                "learning_rate: 0.001", "learning_rate: 0.001\n    learning_rate_decay: 0.5"));
    assertThat(PaddleRecConfig.load(f).model().learningRateDecay()).isEqualTo(0.5f);
  }

  @Test
  void keepsTheLearningRateConstantWithoutADecay() throws IOException {
    assertThat(PaddleRecConfig.load(write(REFERENCE)).model().learningRateDecay()).isEqualTo(1f);
  }

  @Test
  void rejectsALearningRateDecayAboveOne() throws IOException {
    Path f =
        write(
            REFERENCE.replace(
                "learning_rate: 0.001", "learning_rate: 0.001\n    learning_rate_decay: 1.5"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .hasMessageContaining(
            "key hyper_parameters.optimizer.learning_rate_decay: must be in (0, 1], got 1.5");
  }

  @Test
  void rejectsLayerSizesThatAreNotAList() throws IOException {
    Path f = write(REFERENCE.replace("[512, 256, 128, 32]", "512"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .hasMessageContaining("key hyper_parameters.fc_sizes: expected a list");
  }

  @Test
  void rejectsAnInferRangeThatEndsBeforeItStarts() throws IOException {
    Path f = write(REFERENCE.replace("infer_end_epoch: 5", "infer_end_epoch: 3"));
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .hasMessageContaining("runner.infer_end_epoch: must be greater than infer_start_epoch (4)");
  }

  @Test
  void reportsBrokenYaml() throws IOException {
    Path f = write("runner: [unclosed\n");
    assertThatThrownBy(() -> PaddleRecConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
  }
}
