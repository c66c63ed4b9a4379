package io.movierec.cli;

import io.movierec.domain.UserProfile;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.recommend.Recommender;
import io.movierec.server.RecommenderServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec quickstart [--dir DIR] [--users N --movies N --ratings N] [--epochs N]}: the
 * whole journey on synthetic MovieLens-shaped data — prepare, train the recall and rank models,
 * evaluate them, assemble a bundle, and recommend for a new and a known user. Everything stays in
 * {@code --dir} (default {@value #DEFAULT_DIR}), which it ends by naming with the commands that use
 * it; of each model only the last epoch is kept.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec quickstart [--dir DIR] [--users N --movies N --ratings N] [--epochs N]",
    },
    description = {
      "The whole journey on synthetic MovieLens-shaped data: prepare, train the recall and rank"
          + " models, evaluate them, assemble a bundle and recommend.",
      "Everything stays in --dir, for the client and serve commands it prints at the end; of each"
          + " model only the last epoch is kept."
    })
final class QuickstartCommand implements Callable<Integer> {

  /** The slots the quickstart trains with: PaddleRec's plus the user's recent movies and scores. */
  static final String SCHEMA = SlotSchema.WITH_HISTORY_SPEC;

  /** Where the quickstart works when no {@code --dir} is given (relative to the current one). */
  static final String DEFAULT_DIR = "work/quickstart";

  /** What {@code --dir} may be besides new or empty: an earlier quickstart's directory. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("quickstart", "quickstart directory");

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where to work and keep everything: new, empty or an earlier quickstart's (default:"
              + " ${DEFAULT-VALUE}).")
  Path dir = Path.of(DEFAULT_DIR);

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Synthetic users (default: ${DEFAULT-VALUE}).")
  int users = 2000;

  @Option(
      names = "--movies",
      paramLabel = "N",
      description = "Synthetic movies (default: ${DEFAULT-VALUE}).")
  int movies = 1500;

  @Option(
      names = "--ratings",
      paramLabel = "N",
      description = "Synthetic ratings (default: ${DEFAULT-VALUE}).")
  int ratings = 200_000;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs of each model (default: ${DEFAULT-VALUE}).")
  int epochs = 4;

  /** Runs {@code movierec quickstart argv}, printing to {@code out}. */
  static void run(String[] argv, PrintStream out) throws IOException {
    Main.parse(new QuickstartCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  void execute(PrintStream out) throws IOException {
    OutputDirectory.claim(dir, OUTPUT_KIND);
    long start = System.nanoTime();
    String epochs = Integer.toString(this.epochs);
    step(out, "1/5 prepare: synthetic MovieLens-shaped data → leave-latest-out split → slot files");
    PrepareCommand.run(
        new String[] {
          "--data",
          "synthetic",
          "--out",
          dir.resolve("data").toString(),
          "--users",
          Integer.toString(users),
          "--movies",
          Integer.toString(movies),
          "--ratings",
          Integer.toString(ratings),
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

    keepLastEpoch(dir.resolve("recall"), this.epochs, out);

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

    keepLastEpoch(dir.resolve("rank"), this.epochs, out);

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
    Path bundle = dir.resolve("bundle");
    out.printf(
        Locale.ROOT,
        "%nquickstart finished in %.0f s; everything is in %s (%,.0f MB), the bundle in %s%n",
        (System.nanoTime() - start) / 1e9,
        dir,
        bytes(dir) / 1e6,
        bundle);
    out.println("try it:");
    out.println("  bin/movierec client --bundle " + bundle + " as F 25 2");
    out.println(
        "  bin/movierec serve --bundle "
            + bundle
            + "     # a JSON HTTP service on http://"
            + RecommenderServer.DEFAULT_HOST
            + ":"
            + RecommenderServer.DEFAULT_PORT
            + "; then, beside it:");
    out.println(
        "  bin/movierec client --url http://"
            + RecommenderServer.DEFAULT_HOST
            + ":"
            + RecommenderServer.DEFAULT_PORT
            + " as F 25 2");
  }

  /**
   * Removes the epochs before {@code last} under a model's save directory (the quickstart uses only
   * the last one), and says how much that freed.
   */
  static void keepLastEpoch(Path saveDir, int last, PrintStream out) throws IOException {
    long freed = 0;
    for (int e = 1; e < last; e++) {
      Path epoch = saveDir.resolve(Integer.toString(e));
      if (Files.exists(epoch)) {
        freed += bytes(epoch);
        AtomicFiles.deleteRecursively(epoch);
      }
    }
    if (last > 1) {
      out.printf(
          Locale.ROOT,
          "kept epoch %d in %s (removed epochs 1..%d, %,.0f MB)%n",
          last,
          saveDir,
          last - 1,
          freed / 1e6);
    }
  }

  /** The bytes of the regular files under {@code path}. */
  static long bytes(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0; // removed meanwhile
                }
              })
          .sum();
    }
  }

  private static void step(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }
}
