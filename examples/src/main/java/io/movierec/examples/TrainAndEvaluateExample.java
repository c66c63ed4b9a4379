package io.movierec.examples;

import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.evaluation.RecallEvaluator;
import io.movierec.evaluation.RecallMetrics;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.models.DnnRanker;
import io.movierec.models.Objective;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import io.movierec.synthetic.SyntheticMovieLens;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Trains both models on a MovieLens directory and reports how good they are.
 *
 * <p>Run: {@code TrainAndEvaluateExample [DATA_DIR [EPOCHS]]}, where DATA_DIR is your copy of
 * ml-100k, ml-1m or an ml-latest CSV directory (the format is detected). Without one, synthetic
 * MovieLens-shaped data is generated, so the example runs anywhere.
 *
 * <p>The test set is each user's latest rating, held out of training. Two questions are asked: how
 * close is the ranker's predicted rating to the real one (rating metrics), and does the recall
 * model put the held-out movie among the user's top 10 / 100 of the whole catalogue (retrieval
 * metrics; the user's earlier movies are excluded)? A "most rated first" baseline, the same for
 * everyone, shows what the recall model adds.
 */
public final class TrainAndEvaluateExample {

  /** Epochs of training without an EPOCHS argument. */
  public static final int DEFAULT_EPOCHS = 3;

  private TrainAndEvaluateExample() {}

  /** Runs the example; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    PrintStream out = System.out;
    Path work = Files.createTempDirectory("movierec-");
    try {
      Path source = args.length > 0 ? Path.of(args[0]) : work.resolve("synthetic");
      if (args.length == 0) {
        QuickstartExample.Size s = QuickstartExample.Size.DEFAULT;
        SyntheticMovieLens.newBuilder()
            .withUsers(s.users())
            .withMovies(s.movies())
            .withRatings(s.ratings())
            .build()
            .writeTo(source);
      }
      int epochs = args.length > 1 ? Integer.parseInt(args[1]) : DEFAULT_EPOCHS;

      // Prepare: read (any MovieLens format), split leave-latest-out, hash into slots.
      DatasetPreparer.newBuilder(source, work.resolve("data"))
          .withSchema(SlotSchema.withHistory())
          .build()
          .prepare();
      PreparedDataset data = PreparedDataset.open(work.resolve("data"));
      out.printf(
          "%s (%s): %,d users, %,d movies%n",
          source, data.sourceFormat(), data.users().size(), data.movies().size());

      // A listener sees every epoch as it ends (and, every few batches, the running loss).
      Trainer trainer =
          Trainer.newBuilder()
              .withEpochs(epochs)
              .withBatchSize(256)
              .withListener(
                  new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochResult e) {
                      out.printf(
                          Locale.ROOT,
                          "  epoch %d: mean loss %.4f (%.1f s)%n",
                          e.epoch(),
                          e.meanLoss(),
                          e.seconds());
                    }
                  })
              .build();

      try (DnnRanker rank =
          DnnRanker.newBuilder(data.encoder())
              .withSparseFeatureDim(16)
              .withFcSizes(128, 64, 32)
              .build()) {
        out.println("training the rank model");
        trainer.fit(rank, data.trainData());
        // accuracy: the share where the truncated prediction equals the rating (PaddleRec's).
        RatingMetrics m = RatingEvaluator.evaluate(rank, data, SplitRatings.Part.TEST);
        out.printf(
            Locale.ROOT,
            "rating metrics on %,d test ratings: accuracy %.4f  mse %.4f  "
                + "mae %.4f  rmse %.4f%n",
            m.count(),
            m.accuracy(),
            m.mse(),
            m.mae(),
            m.rmse());
      }

      RecallEvaluator evaluator = new RecallEvaluator(data);
      try (TwoTowerModel recall =
          TwoTowerModel.newBuilder(data.encoder())
              .withSparseFeatureDim(32)
              .withFcSizes(128, 64, 32)
              .withObjective(Objective.SAMPLED_SOFTMAX)
              .build()) {
        out.println("training the recall model");
        trainer.fit(recall, data.trainData());
        print(
            "recall model",
            evaluator.evaluate(evaluator.cosine(recall), SplitRatings.Part.TEST),
            out);
      }
      print(
          "most rated first",
          evaluator.evaluate(evaluator.popularity(), SplitRatings.Part.TEST),
          out);
    } finally {
      AtomicFiles.deleteRecursively(work);
    }
  }

  private static void print(String name, RecallMetrics m, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "retrieval, %-16s over %,d users: HR@10 %.4f  NDCG@10 %.4f  " + "HR@100 %.4f%n",
        name,
        m.users(),
        m.hitRate10(),
        m.ndcg10(),
        m.hitRate100());
  }
}
