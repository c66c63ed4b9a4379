package io.movierec.cli;

import io.movierec.features.SlotSchema;
import io.movierec.models.DnnRanker;
import io.movierec.models.Objective;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Small trained models on synthetic MovieLens-shaped data, made once per test class: a prepared
 * data set with history slots, a two-tower model and a ranker, each trained two epochs.
 */
final class TrainedFixture {

  final Path root;
  final PreparedDataset data;
  final Path recall;
  final Path rank;

  private TrainedFixture(Path root, PreparedDataset data, Path recall, Path rank) {
    this.root = root;
    this.data = data;
    this.recall = recall;
    this.rank = rank;
  }

  static TrainedFixture create(Path root) throws IOException {
    return create(root, false);
  }

  /** As {@link #create(Path)}; with {@code validation}, the data has a validation split too. */
  static TrainedFixture create(Path root, boolean validation) throws IOException {
    SyntheticMovieLens.newBuilder()
        .withUsers(300)
        .withMovies(400)
        .withRatings(24_000)
        .withSeed(5)
        .build()
        .writeTo(root.resolve("raw"));
    DatasetPreparer.newBuilder(root.resolve("raw"), root.resolve("data"))
        .withSchema(SlotSchema.parse(QuickstartCommand.SCHEMA))
        .withValidation(validation)
        .build()
        .prepare();
    PreparedDataset data = PreparedDataset.open(root.resolve("data"));
    Trainer trainer = Trainer.newBuilder().withEpochs(2).withBatchSize(256).build();
    try (TwoTowerModel m =
        TwoTowerModel.newBuilder(data.encoder())
            .withSparseFeatureDim(16)
            .withFcSizes(64, 32)
            .withObjective(Objective.SAMPLED_SOFTMAX)
            .build()) {
      trainer.fit(m, data.trainData());
      m.save(root.resolve("recall"));
    }
    try (DnnRanker r =
        DnnRanker.newBuilder(data.encoder()).withSparseFeatureDim(8).withFcSizes(32, 16).build()) {
      trainer.fit(r, data.trainData());
      r.save(root.resolve("rank"));
    }
    return new TrainedFixture(root, data, root.resolve("recall"), root.resolve("rank"));
  }
}
