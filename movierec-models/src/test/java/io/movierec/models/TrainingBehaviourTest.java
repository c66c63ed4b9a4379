package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingDivergedException;
import io.movierec.training.TrainingReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingBehaviourTest {

  @TempDir Path dir;

  private final TinyData data = new TinyData(30, 20);

  private Trainer trainer(int epochs) {
    return Trainer.newBuilder()
        .withEpochs(epochs)
        .withBatchSize(50)
        .withShuffleBuffer(500)
        .withSaveDirectory(dir.resolve("saved"))
        .build();
  }

  private DnnRanker ranker() {
    return (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).build();
  }

  @Test
  void decreasesTheLossOnLearnableData() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 3000, 1, false);
    try (DnnRanker r = ranker()) {
      TrainingReport report = trainer(3).fit(r, train);
      assertThat(report.last().meanLoss()).isLessThan(0.5 * report.epochs().get(0).meanLoss());
    }
  }

  @Test
  void streamsDataTooBigToHoldAndTrainsOnEveryRow() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    try (DnnRanker r = ranker()) {
      TrainingReport report =
          Trainer.newBuilder()
              .withEpochs(2)
              .withBatchSize(50)
              .withShuffleBuffer(500)
              .withInMemoryRows(100)
              .build()
              .fit(r, train);
      assertThat(report.examplesPerEpoch()).isEqualTo(2000);
      assertThat(report.epochs()).extracting(e -> e.examples()).containsExactly(2000L, 2000L);
    }
  }

  @Test
  void givesTheSameLossCurveForTheSameSeeds() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    float[] a;
    float[] b;
    try (DnnRanker r = ranker()) {
      a = trainer(2).fit(r, train).batchLosses();
    }
    try (DnnRanker r = ranker()) {
      b = trainer(2).fit(r, train).batchLosses();
    }
    assertThat(a).hasSize(80).containsExactly(b);
  }

  @Test
  void resumesFromASavedEpochOnTheSameLossCurve() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    float[] full;
    try (DnnRanker r = ranker()) {
      full = trainer(3).fit(r, train).batchLosses();
    }
    try (DnnRanker resumed = DnnRanker.load(dir.resolve("saved/1"), RuntimeOptions.TRAINING)) {
      assertThat(resumed.completedEpochs()).isEqualTo(1);
      float[] rest =
          Trainer.newBuilder()
              .withEpochs(3)
              .withBatchSize(50)
              .withShuffleBuffer(500)
              .build()
              .fit(resumed, train)
              .batchLosses();
      assertThat(rest).containsExactly(java.util.Arrays.copyOfRange(full, 40, 120));
    }
  }

  @Test
  void reportsTheVarianceOfTheLabelsItTrainedOn() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    try (DnnRanker r = ranker()) {
      EpochResult e = trainer(1).fit(r, train).last();
      assertThat(e.labelVariance()).isCloseTo(TinyData.labelVariance(train), within(1e-6));
    }
  }

  @Test
  void aModelThatLearnsIsNotFlaggedAsConstant() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 3000, 1, false);
    try (DnnRanker r = ranker()) {
      assertThat(trainer(2).fit(r, train).last().noBetterThanAConstant()).isFalse();
    }
  }

  @Test
  void flagsAnEpochWhoseLossIsNoBetterThanPredictingOneRating() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    // A learning rate this high saturates the output: a finite loss, a constant prediction.
    try (DnnRanker r =
        (DnnRanker)
            TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER))
                .withOptimizer(OptimizerKind.ADAM, 50f)
                .build()) {
      EpochResult e = trainer(2).fit(r, train).last();
      assertThat(e.meanLoss()).isFinite();
      assertThat(e.noBetterThanAConstant()).isTrue();
      assertThat(e.toString()).contains("no lower than the labels' variance");
    }
  }

  @Test
  void neverFlagsASampledSoftmaxLoss() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false, 0.8);
    try (TwoTowerModel m =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build()) {
      EpochResult e = trainer(1).fit(m, train).last();
      assertThat(e.labelVariance()).isNaN();
      assertThat(e.noBetterThanAConstant()).isFalse();
    }
  }

  @Test
  void stopsWithAClearMessageWhenTheLossBecomesNaN() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    try (DnnRanker r =
        (DnnRanker)
            TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER))
                .withOptimizer(OptimizerKind.SGD, 1e38f)
                .build()) {
      assertThatThrownBy(() -> trainer(2).fit(r, train))
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("epoch 1, batch");
    }
  }

  @Test
  void aDecayedEpochStepsAsTheDecayedLearningRateWould() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 400, 3, false);
    List<SampleBatch> bs = batches(train, 40, 3);
    float[] decayed;
    try (DnnRanker r =
        (DnnRanker) tiny(OptimizerKind.ADAM, 0.05f).withLearningRateDecay(0.25f).build()) {
      r.markEpochCompleted(2); // the third epoch: 0.05 × 0.25²
      bs.forEach(r::trainStep);
      decayed = r.embeddingTable();
    }
    float[] constant;
    try (DnnRanker r = (DnnRanker) tiny(OptimizerKind.ADAM, 0.05f * 0.25f * 0.25f).build()) {
      bs.forEach(r::trainStep);
      constant = r.embeddingTable();
    }
    float[] undecayed;
    try (DnnRanker r = (DnnRanker) tiny(OptimizerKind.ADAM, 0.05f).build()) {
      bs.forEach(r::trainStep);
      undecayed = r.embeddingTable();
    }
    assertThat(decayed).containsExactly(constant, org.assertj.core.data.Offset.offset(1e-7f));
    assertThat(decayed).isNotEqualTo(undecayed);
  }

  @Test
  void aDecayOfOneKeepsTheLearningRateConstant() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 400, 3, false);
    List<SampleBatch> bs = batches(train, 40, 3);
    float[] late;
    try (DnnRanker r =
        (DnnRanker) tiny(OptimizerKind.SGD, 0.05f).withLearningRateDecay(1f).build()) {
      r.markEpochCompleted(4);
      bs.forEach(r::trainStep);
      late = r.embeddingTable();
    }
    assertThat(late).containsExactly(embeddingAfterSteps(OptimizerKind.SGD, true, bs));
  }

  private static ModelBuilder<?, ?> tiny(OptimizerKind kind, float learningRate) {
    return DnnRanker.newBuilder(TinyData.ENCODER)
        .withSparseFeatureDim(4)
        .withFcSizes(8)
        .withOptimizer(kind, learningRate);
  }

  /** Runs a few steps on batches that touch every row and returns the final table. */
  private float[] embeddingAfterSteps(OptimizerKind kind, boolean lazy, List<SampleBatch> batches) {
    try (DnnRanker r = (DnnRanker) tiny(kind, 0.05f).withLazyEmbeddingUpdates(lazy).build()) {
      for (SampleBatch b : batches) {
        r.trainStep(b);
      }
      return r.embeddingTable();
    }
  }

  private List<SampleBatch> batches(Path file, int size, int count) throws Exception {
    List<SampleBatch> out = new java.util.ArrayList<>();
    try (SampleReader reader = SampleReader.open(file, TinyData.ENCODER.schema())) {
      for (int i = 0; i < count; i++) {
        SampleBatch b = new SampleBatch(size, TinyData.ENCODER.schema());
        reader.read(b);
        out.add(b);
      }
    }
    return out;
  }

  @Test
  void lazySgdUpdatesEqualDenseUpdates() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 400, 3, false);
    List<SampleBatch> bs = batches(train, 40, 5); // different rows touched per batch
    float[] lazy = embeddingAfterSteps(OptimizerKind.SGD, true, bs);
    float[] dense = embeddingAfterSteps(OptimizerKind.SGD, false, bs);
    assertThat(lazy).containsExactly(dense, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void lazyAdaGradUpdatesEqualDenseUpdates() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 400, 3, false);
    List<SampleBatch> bs = batches(train, 40, 5);
    float[] lazy = embeddingAfterSteps(OptimizerKind.ADAGRAD, true, bs);
    float[] dense = embeddingAfterSteps(OptimizerKind.ADAGRAD, false, bs);
    assertThat(lazy).containsExactly(dense, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void lazyAdamEqualsDenseAdamWhenEveryStepTouchesTheSameRows() throws Exception {
    // Dense Adam keeps moving rows whose gradient is zero (their momentum); lazy Adam does not.
    // With the same batch every step, both see the same rows and must agree.
    Path train = data.write(dir.resolve("t/data.txt"), 40, 3, false);
    SampleBatch one = batches(train, 40, 1).get(0);
    List<SampleBatch> same = List.of(one, one, one, one);
    float[] lazy = embeddingAfterSteps(OptimizerKind.ADAM, true, same);
    float[] dense = embeddingAfterSteps(OptimizerKind.ADAM, false, same);
    assertThat(lazy).containsExactly(dense, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void neverUpdatesThePaddingRow() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 400, 3, false);
    float[] table = embeddingAfterSteps(OptimizerKind.ADAM, true, batches(train, 40, 5));
    assertThat(java.util.Arrays.copyOf(table, 4)).containsOnly(0f);
  }
}
