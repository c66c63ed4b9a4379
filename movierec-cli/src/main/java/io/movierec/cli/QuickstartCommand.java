package io.movierec.cli;

import io.movierec.domain.UserProfile;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.recommend.Recommender;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code movierec quickstart [--dir DIR] [--users N --movies N --ratings N] [--epochs N]}: the
 * whole journey on synthetic MovieLens-shaped data — prepare, train the recall and rank models,
 * evaluate them, assemble a bundle, and recommend for a new and a known user.
 */
final class QuickstartCommand {

  static final String USAGE =
      "quickstart [--dir DIR] [--users N --movies N --ratings N] [--epochs N] [--keep]";

  /** The slots the quickstart trains with: PaddleRec's plus the user's recent movies and scores. */
  static final String SCHEMA = SlotSchema.WITH_HISTORY_SPEC;

  /** What {@code --dir} may be besides new or empty: an earlier quickstart's directory. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("quickstart", "quickstart directory");

  private QuickstartCommand() {}

  static void run(String[] argv, PrintStream out) throws Exception {
    Args a = new Args(argv, Set.of("dir", "users", "movies", "ratings", "epochs"), Set.of("keep"));
    Path dir = a.has("dir") ? a.path("dir") : Files.createTempDirectory("movierec-quickstart");
    OutputDirectory.claim(dir, OUTPUT_KIND);
    long start = System.nanoTime();
    String epochs = Integer.toString(a.integer("epochs", 4));
    try {
      step(
          out,
          "1/5 prepare: synthetic MovieLens-shaped data → leave-latest-out split → slot files");
      PrepareCommand.run(
          new String[] {
            "--data",
            "synthetic",
            "--out",
            dir.resolve("data").toString(),
            "--users",
            a.get("users", "2000"),
            "--movies",
            a.get("movies", "1500"),
            "--ratings",
            a.get("ratings", "200000"),
            "--schema",
            SCHEMA
          },
          out);

      step(out, "2/5 train the recall model (two towers, in-batch sampled softmax)");
      TrainCommand.run(
          new String[] {
            "--model",
            "recall",
            "--data",
            dir.resolve("data/train").toString(),
            "--save",
            dir.resolve("recall").toString(),
            "--epochs",
            epochs,
            "--batch-size",
            "512",
            "--dim",
            "32",
            "--objective",
            "sampled_softmax",
            "--print-interval",
            "100"
          },
          out);

      step(out, "3/5 train the rank model (DNN on all slots, MSE on the rating)");
      TrainCommand.run(
          new String[] {
            "--model",
            "rank",
            "--data",
            dir.resolve("data/train").toString(),
            "--save",
            dir.resolve("rank").toString(),
            "--epochs",
            epochs,
            "--batch-size",
            "512",
            "--dim",
            "16",
            "--fc",
            "128,64,32",
            "--print-interval",
            "100"
          },
          out);

      step(out, "4/5 evaluate on the test split (each user's latest rating)");
      EvaluateCommand.run(
          new String[] {
            "--model",
            "recall",
            "--load",
            dir.resolve("recall/" + epochs).toString(),
            "--data",
            dir.resolve("data").toString()
          },
          out);
      EvaluateCommand.run(
          new String[] {
            "--model",
            "rank",
            "--load",
            dir.resolve("rank/" + epochs).toString(),
            "--data",
            dir.resolve("data").toString()
          },
          out);
      EvaluateCommand.run(
          new String[] {"--baseline", "popularity", "--data", dir.resolve("data").toString()}, out);

      step(out, "5/5 bundle and recommend: recall (index) → movie info → rank");
      try (Recommender r =
          BundleCommand.assemble(
              dir.resolve("data"),
              dir.resolve("recall/" + epochs),
              dir.resolve("rank/" + epochs),
              "auto",
              Recommender.DEFAULT_CANDIDATES)) {
        r.save(dir.resolve("bundle"));
        UserProfile newUser = UserProfile.of("M", 32, 5);
        out.println("\nA new user (male, 25-34, customer service), known only by demographics:");
        ClientCommand.printRecommendations(r.recommend(newUser, 10), false, out);
        int known = r.users().ids()[0];
        out.println(
            "\nKnown user "
                + known
                + " ("
                + r.users().seenCount(known)
                + " movies rated, none of them recommended again):");
        ClientCommand.printRecommendations(r.recommend(known, 10), false, out);
      }
      out.printf(
          "%nquickstart finished in %.0f s; the bundle is in %s%n",
          (System.nanoTime() - start) / 1e9, dir.resolve("bundle"));
      out.println("try: bin/movierec client --bundle " + dir.resolve("bundle") + " as F 25 2");
    } finally {
      if (!a.has("dir") && !a.flag("keep")) {
        out.println("(temporary files removed; run with --dir DIR to keep them)");
        AtomicFiles.deleteRecursively(dir);
      }
    }
  }

  private static void step(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }
}
