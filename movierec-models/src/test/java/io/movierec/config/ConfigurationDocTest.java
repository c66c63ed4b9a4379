package io.movierec.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.models.ModelConfig;
import io.movierec.models.OptimizerKind;
import io.movierec.models.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks docs/configuration.md against what the config reader accepts and the defaults. */
class ConfigurationDocTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_.]+)` \\| ([^|]*) \\|");
  private static final Map<String, Map<String, String>> SECTIONS = new HashMap<>();

  @BeforeAll
  static void read() throws IOException {
    String section = "";
    for (String line : Files.readAllLines(Path.of("../docs/configuration.md"))) {
      if (line.startsWith("## ")) {
        section = line.substring(3).replace("`", "").trim();
      }
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        SECTIONS.computeIfAbsent(section, s -> new HashMap<>()).put(m.group(1), m.group(2).trim());
      }
    }
  }

  @Test
  void documentsExactlyTheRunnerKeysTheReaderAccepts() {
    assertThat(SECTIONS.get("runner").keySet()).isEqualTo(PaddleRecConfig.RUNNER_KEYS);
  }

  @Test
  void documentsExactlyTheHyperParameterKeysTheReaderAccepts() {
    Set<String> expected = new HashSet<>(PaddleRecConfig.HYPER_PARAMETER_KEYS);
    PaddleRecConfig.OPTIMIZER_KEYS.forEach(k -> expected.add("optimizer." + k));
    assertThat(SECTIONS.get("hyper_parameters").keySet()).isEqualTo(expected);
  }

  @Test
  void showsTheDefaultsTheCodeUses() {
    Map<String, String> h = SECTIONS.get("hyper_parameters");
    ModelConfig d = ModelConfig.defaults();
    assertThat(h.get("optimizer.class")).isEqualToIgnoringCase(d.optimizer().name());
    assertThat(OptimizerKind.parse(h.get("optimizer.class"))).isEqualTo(d.optimizer());
    assertThat(Float.parseFloat(h.get("optimizer.learning_rate"))).isEqualTo(d.learningRate());
    assertThat(Float.parseFloat(h.get("optimizer.learning_rate_decay")))
        .isEqualTo(d.learningRateDecay());
    assertThat(Integer.parseInt(h.get("sparse_feature_number"))).isEqualTo(d.sparseFeatureNumber());
    assertThat(Integer.parseInt(h.get("sparse_feature_dim"))).isEqualTo(d.sparseFeatureDim());
    assertThat(h.get("fc_sizes")).isEqualTo(d.fcSizes().toString());
    assertThat(h.get("objective")).isEqualTo(d.objective().name().toLowerCase(Locale.ROOT));
    assertThat(Float.parseFloat(h.get("temperature"))).isEqualTo(d.temperature());
    assertThat(Boolean.parseBoolean(h.get("logq_correction"))).isEqualTo(d.logQCorrection());
    assertThat(Float.parseFloat(h.get("embedding_l2"))).isEqualTo(d.embeddingL2());
    assertThat(Boolean.parseBoolean(h.get("wide"))).isEqualTo(d.wide());
    assertThat(Long.parseLong(h.get("seed"))).isEqualTo(d.seed());
    Map<String, String> r = SECTIONS.get("runner");
    assertThat(Integer.parseInt(r.get("train_batch_size"))).isEqualTo(Trainer.DEFAULT_BATCH_SIZE);
    assertThat(Integer.parseInt(r.get("epochs"))).isEqualTo(Trainer.DEFAULT_EPOCHS);
    assertThat(Integer.parseInt(r.get("print_interval"))).isEqualTo(Trainer.DEFAULT_PRINT_INTERVAL);
    assertThat(Long.parseLong(r.get("shuffle_seed"))).isEqualTo(Trainer.DEFAULT_SEED);
  }
}
