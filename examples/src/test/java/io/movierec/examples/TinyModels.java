package io.movierec.examples;

import io.movierec.features.SlotSchema;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.models.DnnRanker;
import io.movierec.models.Objective;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.recommend.Recommender;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Small models on synthetic MovieLens-shaped data, trained once per test class through the public
 * API only (200 users, 300 movies, one epoch): a few seconds. Quality is beside the point.
 */
final class TinyModels {

  static final int USERS = 200;
  static final int MOVIES = 300;

  private final Path root;

  private TinyModels(Path root) {
    this.root = root;
  }

  /** Generates, prepares and trains under {@code root}. */
  static TinyModels train(Path root) throws IOException {
    SyntheticMovieLens.newBuilder()
        .withUsers(USERS)
        .withMovies(MOVIES)
        .withRatings(12_000)
        .withSeed(11)
        .build()
        .writeTo(root.resolve("raw"));
    DatasetPreparer.newBuilder(root.resolve("raw"), root.resolve("data"))
        .withSchema(SlotSchema.withHistory())
        .build()
        .prepare();
    PreparedDataset data = PreparedDataset.open(root.resolve("data"));
    Trainer trainer = Trainer.newBuilder().withEpochs(1).withBatchSize(256).build();
    try (TwoTowerModel recall =
            TwoTowerModel.newBuilder(data.encoder())
                .withSparseFeatureDim(8)
                .withFcSizes(32, 16)
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build();
        DnnRanker rank =
            DnnRanker.newBuilder(data.encoder()).withSparseFeatureDim(8).withFcSizes(16).build()) {
      trainer.fit(recall, data.trainData());
      trainer.fit(rank, data.trainData());
      recall.save(root.resolve("recall"));
      rank.save(root.resolve("rank"));
    }
    return new TinyModels(root);
  }

  /** A new recommender over the trained models (the caller closes it). */
  Recommender open(boolean withRanker) throws IOException {
    ServingStores stores = ServingStores.read(root.resolve("data"));
    TwoTowerModel recall = TwoTowerModel.load(root.resolve("recall"));
    return Recommender.newBuilder(
            recall, KnnIndexes.newBuilder(recall.vectorDimension()).build(), stores.movies())
        .withUsers(stores.users())
        .withRanker(withRanker ? DnnRanker.load(root.resolve("rank")) : null)
        .build();
  }

  /** A bundle of a fresh recommender saved in {@code directory}. */
  Path bundle(Path directory) throws IOException {
    try (Recommender r = open(true)) {
      r.save(directory);
    }
    return directory;
  }
}
