package io.movierec.cli;

import io.movierec.data.ReadOptions;
import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import io.movierec.io.OutputDirectory;
import io.movierec.prepare.DatasetPreparer;
import io.movierec.prepare.PrepareSummary;
import io.movierec.prepare.PreparedDataset;
import io.movierec.synthetic.SyntheticMovieLens;
import io.movierec.synthetic.SyntheticSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec prepare --data DIR|synthetic --out OUT [--hasher paddlerec|murmur3] [--buckets N]
 * [--schema SPEC] [--lenient] [--validation] [--paddlerec-split] [--seed N] [--users N --movies N
 * --ratings N]}: PaddleRec's data_prepare.sh. OUT must be new, empty or an earlier prepared data
 * set, and apart from DIR ({@link OutputDirectory}).
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec prepare --data DIR|synthetic --out OUT [OPTIONS]",
    },
    description = {
      "Splits MovieLens ratings (each user's latest for test) and writes the slot sample files"
          + " (PaddleRec's data_prepare.sh).",
      "OUT must be new, empty or an earlier prepared data set, and apart from DIR."
    })
final class PrepareCommand implements Callable<Integer> {

  /** The synthetic MovieLens files {@code --data synthetic} writes next to {@code --out}. */
  static final OutputDirectory.Kind SYNTHETIC_SOURCE =
      OutputDirectory.Kind.of("synthetic-movielens", "synthetic MovieLens directory");

  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR|synthetic",
      description =
          "A MovieLens directory (ml-100k or ml-1m), or 'synthetic' for generated data written"
              + " to OUT-source.")
  String data = "";

  @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output directory.")
  Path out = Path.of("");

  @Option(
      names = "--hasher",
      paramLabel = "murmur3|paddlerec",
      description = "How feature values become feasigns (default: ${DEFAULT-VALUE}).")
  String hasher = "murmur3";

  @Option(
      names = "--buckets",
      paramLabel = "N",
      description = "Hash buckets, the embedding table's rows (default: ${DEFAULT-VALUE}).")
  int buckets = FeatureHasher.DEFAULT_BUCKETS;

  @Option(
      names = "--schema",
      paramLabel = "SPEC",
      description = "The slots to write (default: PaddleRec's).")
  @Nullable String schema;

  @Option(names = "--lenient", description = "Skip malformed lines instead of failing on one.")
  boolean lenient;

  @Option(
      names = "--validation",
      description = "Also hold out each user's second-latest rating as a validation split.")
  boolean validation;

  @Option(
      names = "--paddlerec-split",
      description = "Split exactly as PaddleRec's scripts do (for comparisons).")
  boolean paddleRecSplit;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the split's shuffles (default: ${DEFAULT-VALUE}).")
  long seed = 1111111L;

  @Option(
      names = "--users",
      paramLabel = "N",
      description = "Synthetic data only: users (default: ${DEFAULT-VALUE}).")
  int users = SyntheticMovieLens.DEFAULT_USERS;

  @Option(
      names = "--movies",
      paramLabel = "N",
      description = "Synthetic data only: movies (default: ${DEFAULT-VALUE}).")
  int movies = SyntheticMovieLens.DEFAULT_MOVIES;

  @Option(
      names = "--ratings",
      paramLabel = "N",
      description = "Synthetic data only: ratings (default: ${DEFAULT-VALUE}).")
  int ratings = SyntheticMovieLens.DEFAULT_RATINGS;

  @Option(
      names = "--data-seed",
      paramLabel = "N",
      description = "Synthetic data only: the generator's seed (default: ${DEFAULT-VALUE}).")
  long dataSeed = SyntheticMovieLens.DEFAULT_SEED;

  /** Runs {@code movierec prepare argv}, printing to {@code out}. */
  static PrepareSummary run(String[] argv, PrintStream out) throws IOException {
    return Main.parse(new PrepareCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  PrepareSummary execute(PrintStream out) throws IOException {
    FeatureHasher h;
    try {
      h = FeatureHasher.fromSpec(hasher + ":" + buckets);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--hasher/--buckets: " + e.getMessage());
    }
    SlotSchema slots;
    try {
      slots = schema != null ? SlotSchema.parse(schema) : SlotSchema.paddleRec();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--schema: " + e.getMessage());
    }
    SyntheticMovieLens generator = data.equals("synthetic") ? synthetic() : null;
    Path outDir = this.out;
    Path source;
    if (!data.equals("synthetic")) {
      OutputDirectory.checkApart(outDir, Path.of(data), "--data");
    }
    OutputDirectory.check(outDir, PreparedDataset.OUTPUT_KIND);
    if (generator != null) {
      source = outDir.resolveSibling(outDir.getFileName() + "-source");
      OutputDirectory.claim(source, SYNTHETIC_SOURCE);
      SyntheticSummary s = generator.writeTo(source);
      out.printf(
          "generated synthetic MovieLens data: %,d users, %,d movies, %,d ratings in %s%n",
          s.users(), s.movies(), s.ratings(), source);
    } else {
      source = Path.of(data);
    }
    PrepareSummary summary =
        DatasetPreparer.newBuilder(source, outDir)
            .withHasher(h)
            .withSchema(slots)
            .withReadOptions(ReadOptions.newBuilder().withLenient(lenient).build())
            .withValidation(validation)
            .withPaddleRecCompatible(paddleRecSplit)
            .withSeed(seed)
            .build()
            .prepare();
    out.println(summary);
    if (summary.skippedLines() > 0) {
      out.println(summary.read());
    }
    return summary;
  }

  SyntheticMovieLens synthetic() {
    try {
      return SyntheticMovieLens.newBuilder()
          .withUsers(users)
          .withMovies(movies)
          .withRatings(ratings)
          .withSeed(dataSeed)
          .build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
