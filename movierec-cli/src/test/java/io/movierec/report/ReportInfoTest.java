package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.models.ModelConfig;
import io.movierec.models.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportInfoTest {

  @Test
  void defaultsToTheTrainersDefaultsAndNothingRecorded() {
    ReportInfo info =
        ReportInfo.newBuilder("two-tower", ModelConfig.defaults(), Path.of("t")).build();
    assertThat(info.epochs()).isEqualTo(Trainer.DEFAULT_EPOCHS);
    assertThat(info.batchSize()).isEqualTo(Trainer.DEFAULT_BATCH_SIZE);
    assertThat(info.seed()).isEqualTo(Trainer.DEFAULT_SEED);
    assertThat(info.validationData()).isNull();
    assertThat(info.startedAt()).isNull();
    assertThat(info.totalSeconds()).isNaN();
  }

  @Test
  void rejectsANegativeTotalTime() {
    assertThatThrownBy(
            () ->
                ReportInfo.newBuilder("two-tower", ModelConfig.defaults(), Path.of("t"))
                    .withTotalSeconds(-1)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void rejectsAMissingTrainingDataPath() {
    assertThatThrownBy(
            () -> ReportInfo.newBuilder("two-tower", ModelConfig.defaults(), null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("trainingData");
  }
}
