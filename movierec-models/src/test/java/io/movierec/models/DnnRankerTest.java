package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.evaluation.RatingMetrics;
import io.movierec.training.TrainingReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnnRankerTest {

  @TempDir Path dir;

  private final TinyData data = new TinyData(60, 40);

  private RatingMetrics trainAndValidate(boolean shuffleLabels) throws Exception {
    Path train = data.write(dir.resolve("train/data.txt"), 6000, 1, shuffleLabels);
    Path valid = data.write(dir.resolve("valid/data.txt"), 1000, 2, false);
    try (DnnRanker ranker =
        (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build()) {
      TrainingReport r =
          Trainer.newBuilder()
              .withEpochs(3)
              .withBatchSize(64)
              .withValidationData(valid)
              .build()
              .fit(ranker, train);
      return r.last().validation();
    }
  }

  @Test
  void learnsTheTasteGroupsOfLearnableData() throws Exception {
    Path valid = data.write(dir.resolve("v/data.txt"), 1000, 2, false);
    double baseline = TinyData.labelVariance(valid);
    assertThat(trainAndValidate(false).mse()).isLessThan(0.3 * baseline);
  }

  @Test
  void cannotLearnWhenLabelsAreShuffled() throws Exception {
    Path valid = data.write(dir.resolve("v/data.txt"), 1000, 2, false);
    double baseline = TinyData.labelVariance(valid);
    assertThat(trainAndValidate(true).mse()).isGreaterThan(0.9 * baseline);
  }
}
