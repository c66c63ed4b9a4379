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
import java.util.Set;

/**
 * {@code movierec prepare --data DIR|synthetic --out OUT [--hasher paddlerec|murmur3] [--buckets N]
 * [--schema SPEC] [--lenient] [--validation] [--paddlerec-split] [--seed N] [--users N --movies N
 * --ratings N]}: PaddleRec's data_prepare.sh. OUT must be new, empty or an earlier prepared data
 * set, and apart from DIR ({@link OutputDirectory}).
 */
final class PrepareCommand {

  static final String USAGE =
      "prepare --data DIR|synthetic --out OUT [--hasher murmur3|paddlerec] [--buckets N]\n"
          + "        [--schema SPEC] [--lenient] [--validation] [--paddlerec-split] [--seed N]\n"
          + "        [--users N --movies N --ratings N --data-seed N]   (synthetic data only)";

  /** The synthetic MovieLens files {@code --data synthetic} writes next to {@code --out}. */
  static final OutputDirectory.Kind SYNTHETIC_SOURCE =
      OutputDirectory.Kind.of("synthetic-movielens", "synthetic MovieLens directory");

  private PrepareCommand() {}

  static PrepareSummary run(String[] argv, PrintStream out) throws IOException {
    Args a =
        new Args(
            argv,
            Set.of(
                "data",
                "out",
                "hasher",
                "buckets",
                "schema",
                "seed",
                "users",
                "movies",
                "ratings",
                "data-seed"),
            Set.of("lenient", "validation", "paddlerec-split"));
    Path outDir = a.path("out");
    String data = a.required("data");
    Path source;
    if (!data.equals("synthetic")) {
      OutputDirectory.checkApart(outDir, Path.of(data), "--data");
    }
    OutputDirectory.check(outDir, PreparedDataset.OUTPUT_KIND);
    if (data.equals("synthetic")) {
      source = outDir.resolveSibling(outDir.getFileName() + "-source");
      OutputDirectory.claim(source, SYNTHETIC_SOURCE);
      SyntheticSummary s = synthetic(a).writeTo(source);
      out.printf(
          "generated synthetic MovieLens data: %,d users, %,d movies, %,d ratings in %s%n",
          s.users(), s.movies(), s.ratings(), source);
    } else {
      source = Path.of(data);
    }
    FeatureHasher hasher =
        FeatureHasher.fromSpec(
            a.get("hasher", "murmur3") + ":" + a.integer("buckets", FeatureHasher.DEFAULT_BUCKETS));
    PrepareSummary summary =
        DatasetPreparer.newBuilder(source, outDir)
            .withHasher(hasher)
            .withSchema(
                a.has("schema") ? SlotSchema.parse(a.get("schema", "")) : SlotSchema.paddleRec())
            .withReadOptions(ReadOptions.newBuilder().withLenient(a.flag("lenient")).build())
            .withValidation(a.flag("validation"))
            .withPaddleRecCompatible(a.flag("paddlerec-split"))
            .withSeed(a.longValue("seed", 1111111L))
            .build()
            .prepare();
    out.println(summary);
    if (summary.skippedLines() > 0) {
      out.println(summary.read());
    }
    return summary;
  }

  static SyntheticMovieLens synthetic(Args a) {
    return SyntheticMovieLens.newBuilder()
        .withUsers(a.integer("users", SyntheticMovieLens.DEFAULT_USERS))
        .withMovies(a.integer("movies", SyntheticMovieLens.DEFAULT_MOVIES))
        .withRatings(a.integer("ratings", SyntheticMovieLens.DEFAULT_RATINGS))
        .withSeed(a.longValue("data-seed", SyntheticMovieLens.DEFAULT_SEED))
        .build();
  }
}
