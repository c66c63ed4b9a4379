package io.movierec.examples;

import io.movierec.domain.Genre;
import io.movierec.domain.UserProfile;
import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RecallEvaluator;
import io.movierec.features.SlotSchema;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.io.AtomicFiles;
import io.movierec.models.DnnRanker;
import io.movierec.models.Objective;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The whole journey in one program: data → training → evaluation → a live {@link Recommender}.
 *
 * <p>movierec reproduces PaddleRec's MovieLens demo, a two-stage recommender. A <b>recall</b> model
 * (two towers: one turns a user into a vector, the other a movie) finds ~100 candidates whose
 * vectors are closest to the user's; a <b>rank</b> model (a DNN predicting the 1–5 star rating)
 * orders them. Both read "slots": hashed features such as the user id, gender, age, occupation, a
 * movie's title words and genres.
 *
 * <p>Run: {@code QuickstartExample [WORK_DIR [USERS MOVIES RATINGS EPOCHS]]}. Without a work
 * directory everything goes to a temporary one, removed at the end; with one, the trained bundle is
 * kept in {@code WORK_DIR/bundle} (load it with {@code Recommender.load}).
 */
public final class QuickstartExample {

  /** How much synthetic data to make and how long to train. */
  public record Size(int users, int movies, int ratings, int epochs) {
    /** Under a minute on two cores. */
    public static final Size DEFAULT = new Size(1_000, 800, 60_000, 3);

    /** Enough to try the other examples, in a few seconds. */
    public static final Size SMALL = new Size(300, 300, 15_000, 2);
  }

  private QuickstartExample() {}

  /** Runs the journey; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length != 0 && args.length != 1 && args.length != 5) {
      throw new IllegalArgumentException(
          "usage: QuickstartExample [WORK_DIR [USERS MOVIES RATINGS EPOCHS]]");
    }
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("movierec-");
    Size size =
        args.length == 5
            ? new Size(
                Integer.parseInt(args[1]),
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4]))
            : Size.DEFAULT;
    PrintStream out = System.out;
    try (Recommender recommender = train(work, size, out)) {
      // A brand-new user: no id, no history, only what a sign-up form asks.
      out.println("\nA new user (M, 25-34, customer service) gets:");
      printRecommendations(recommender.recommend(UserProfile.of("M", 32, 5), 5), out);
      // A known user: the recall stage skips every movie they have already rated.
      int known = recommender.users().ids()[0];
      out.println(
          "\nKnown user "
              + known
              + ", who rated "
              + recommender.users().seenCount(known)
              + " movies, gets:");
      printRecommendations(recommender.recommend(known, 5), out);
      // Everything — models, index, catalogue, users — in one directory, crash-safe.
      if (args.length > 0) {
        recommender.save(work.resolve("bundle"));
        out.println("\nSaved the recommender to " + work.resolve("bundle"));
      }
    } finally {
      if (args.length == 0) {
        AtomicFiles.deleteRecursively(work);
        out.println("\n(temporary files removed; give a work directory to keep the bundle)");
      }
    }
  }

  /**
   * Makes synthetic data under {@code work}, prepares it, trains and evaluates both models, and
   * returns a recommender over them (the caller closes it).
   */
  public static Recommender train(Path work, Size size, PrintStream out) throws IOException {
    // 1. Data. SyntheticMovieLens writes users.dat, movies.dat and ratings.dat in ml-1m's format,
    //    with made-up users whose tastes follow genres. Real MovieLens goes the same way.
    SyntheticMovieLens.newBuilder()
        .withUsers(size.users())
        .withMovies(size.movies())
        .withRatings(size.ratings())
        .build()
        .writeTo(work.resolve("raw"));

    // 2. Prepare: each user's latest rating is held out as the test set ("leave latest out"),
    //    every feature is hashed into a slot, and the samples are written for training.
    out.println(
        DatasetPreparer.newBuilder(work.resolve("raw"), work.resolve("data"))
            .withSchema(SlotSchema.withHistory())
            .build()
            .prepare());
    PreparedDataset data = PreparedDataset.open(work.resolve("data"));

    // 3. Train. The Trainer runs epochs of shuffled mini-batches (TensorFlow underneath).
    Trainer trainer = Trainer.newBuilder().withEpochs(size.epochs()).withBatchSize(256).build();
    try (TwoTowerModel recall =
            TwoTowerModel.newBuilder(data.encoder())
                .withSparseFeatureDim(16)
                .withFcSizes(64, 32)
                .withObjective(Objective.SAMPLED_SOFTMAX)
                .build();
        DnnRanker rank =
            DnnRanker.newBuilder(data.encoder())
                .withSparseFeatureDim(8)
                .withFcSizes(64, 32)
                .build()) {
      // Sampled softmax: each user's movie must score above the other movies in the batch.
      out.println("recall model: " + trainer.fit(recall, data.trainData()).last());
      // The ranker learns the star rating itself (mean squared error).
      out.println("rank model:   " + trainer.fit(rank, data.trainData()).last());

      // 4. Evaluate on the held-out ratings. The ranker: how close are predicted stars?
      out.println(
          "rank model on the test set:   "
              + RatingEvaluator.evaluate(rank, data, SplitRatings.Part.TEST));
      // The recall model: is the held-out movie among the user's top 10 / 100 of all movies?
      RecallEvaluator evaluator = new RecallEvaluator(data);
      out.println(
          "recall model on the test set: "
              + evaluator.evaluate(evaluator.cosine(recall), SplitRatings.Part.TEST));
      recall.save(work.resolve("recall"));
      rank.save(work.resolve("rank"));
    }

    // 5. Serve: a catalogue and a user store (with histories), the models loaded back, and a
    //    nearest-neighbour index (exact for small catalogues, HNSW for big) filled at build time.
    ServingStores stores = ServingStores.of(data);
    TwoTowerModel recall = TwoTowerModel.load(work.resolve("recall"));
    DnnRanker rank = null;
    try {
      rank = DnnRanker.load(work.resolve("rank"));
      return Recommender.newBuilder(
              recall, KnnIndexes.newBuilder(recall.vectorDimension()).build(), stores.movies())
          .withUsers(stores.users())
          .withRanker(rank)
          .build();
    } catch (IOException | RuntimeException e) {
      // The recommender would own the models; without one, close them here.
      recall.close();
      if (rank != null) {
        rank.close();
      }
      throw e;
    }
  }

  /** Prints recommendations as a small table. */
  public static void printRecommendations(List<Recommendation> recs, PrintStream out) {
    out.printf(
        "  %-6s %-40s %-24s %-7s %-6s %s%n",
        "movie", "title", "genres", "recall", "stars", "found by");
    for (Recommendation r : recs) {
      String genres =
          r.movie().genres().stream().map(Genre::label).collect(Collectors.joining("|"));
      out.printf(
          Locale.ROOT,
          "  %-6d %-40.40s %-24.24s %-7.3f %-6.2f %s%n",
          r.movie().id(),
          r.movie().title(),
          genres,
          r.recallScore(),
          r.predictedRating(),
          String.join(",", r.channels()));
    }
  }
}
