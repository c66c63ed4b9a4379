package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LearningRateLogTest {

  private static ModelConfig config(float learningRate, float decay) {
    ModelConfig d = ModelConfig.defaults();
    return new ModelConfig(
        d.sparseFeatureNumber(),
        d.sparseFeatureDim(),
        d.fcSizes(),
        d.optimizer(),
        learningRate,
        decay,
        d.objective(),
        d.temperature(),
        d.logQCorrection(),
        d.lazyEmbeddingUpdates(),
        d.embeddingL2(),
        d.wide(),
        d.seed());
  }

  @Test
  void aConstantLearningRateIsLoggedOnce() {
    assertThat(Trainer.learningRates(config(0.001f, 1f), 1, 5)).isEqualTo("0.001");
  }

  @Test
  void aDecayingLearningRateIsLoggedForEveryEpochOfTheRun() {
    // A run resumed after epoch 1 trains epochs 2..4 at 0.006 × 0.3, × 0.3², × 0.3³.
    assertThat(Trainer.learningRates(config(0.006f, 0.3f), 2, 4))
        .isEqualTo("0.00180, 0.000540, 0.000162");
  }
}
