package io.movierec.spark;

import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.jspecify.annotations.Nullable;

/**
 * {@code movierec spark prepare|embed ...}: the Spark jobs from the command line, on the Spark
 * master that {@code spark-submit} sets, or {@code local[*]} (or {@code --master URL}) when run
 * directly.
 */
public final class SparkMain {

  static final String USAGE =
      "spark prepare --data DIR --out OUT [--ratings FILE.csv|FILE.parquet] [--hasher murmur3|paddlerec]\n"
          + "        [--buckets N] [--schema SPEC] [--lenient] [--validation] [--paddlerec-split]\n"
          + "        [--seed N] [--partitions N] [--master URL]\n"
          + "spark embed --model DIR --data PREPARED --out OUT [--batch N] [--master URL]";

  private SparkMain() {}

  /** Runs one job; exits with 2 on a usage error and 1 on a failed job. */
  public static void main(String[] args) throws IOException {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println("usage: movierec " + USAGE.replace("\n", "\n       "));
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    Options o;
    try {
      o =
          switch (command) {
            case "prepare" ->
                new Options(
                    args,
                    Set.of(
                        "data",
                        "out",
                        "ratings",
                        "hasher",
                        "buckets",
                        "schema",
                        "seed",
                        "partitions",
                        "master"),
                    Set.of("lenient", "validation", "paddlerec-split"));
            case "embed" ->
                new Options(args, Set.of("model", "data", "out", "master", "batch"), Set.of());
            default ->
                throw new IllegalArgumentException("unknown spark command '" + command + "'");
          };
    } catch (IllegalArgumentException e) {
      err.println("movierec spark: " + e.getMessage());
      err.println("usage: movierec " + USAGE.replace("\n", "\n       "));
      return 2;
    }
    SparkSession spark = session(o.get("master"), "movierec " + command);
    try {
      if (command.equals("prepare")) {
        PrepareJob.Builder b =
            PrepareJob.newBuilder(Path.of(o.required("data")), Path.of(o.required("out")))
                .withHasher(
                    FeatureHasher.fromSpec(
                        o.getOr("hasher", "murmur3")
                            + ":"
                            + o.getOr("buckets", Integer.toString(FeatureHasher.DEFAULT_BUCKETS))))
                .withSchema(
                    o.get("schema") != null
                        ? SlotSchema.parse(o.required("schema"))
                        : SlotSchema.paddleRec())
                .withLenient(o.flag("lenient"))
                .withValidation(o.flag("validation"))
                .withPaddleRecCompatible(o.flag("paddlerec-split"))
                .withSeed(Long.parseLong(o.getOr("seed", "1111111")));
        if (o.get("ratings") != null) {
          b.withRatingsFile(o.required("ratings"));
        }
        if (o.get("partitions") != null) {
          b.withPartitions(Integer.parseInt(o.required("partitions")));
        }
        PrepareJobSummary s = b.build().run(spark);
        out.println(s);
        s.firstProblems().forEach(p -> out.println("  skipped: " + p));
      } else {
        EmbedJobSummary s =
            EmbedJob.newBuilder(
                    Path.of(o.required("model")),
                    Path.of(o.required("data")),
                    Path.of(o.required("out")))
                .withBatchSize(Integer.parseInt(o.getOr("batch", "1024")))
                .build()
                .run(spark);
        out.println(s);
      }
      return 0;
    } finally {
      if (o.get("master") != null || !new SparkConf().contains("spark.master")) {
        spark.stop();
      }
    }
  }

  /** The session of {@code spark-submit}, or a local one on {@code master} (default local[*]). */
  static SparkSession session(@Nullable String master, String name) {
    SparkConf conf = new SparkConf().setAppName(name);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    if (!conf.contains("spark.ui.enabled")) {
      conf.set("spark.ui.enabled", "false");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }

  /** {@code --name value} options and {@code --flag}s. */
  static final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new java.util.HashSet<>();

    Options(String[] args, Set<String> valued, Set<String> flagNames) {
      List<String> a = List.of(args).subList(1, args.length);
      for (int i = 0; i < a.size(); i++) {
        String s = a.get(i);
        if (!s.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + s + "'");
        }
        String name = s.substring(2);
        if (flagNames.contains(name)) {
          flags.add(name);
        } else if (valued.contains(name)) {
          if (i + 1 >= a.size()) {
            throw new IllegalArgumentException("--" + name + " needs a value");
          }
          values.put(name, a.get(++i));
        } else {
          throw new IllegalArgumentException("unknown option --" + name);
        }
      }
    }

    @Nullable String get(String name) {
      return values.get(name);
    }

    String getOr(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    String required(String name) {
      String v = values.get(name);
      if (v == null) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return v;
    }

    boolean flag(String name) {
      return flags.contains(name);
    }
  }
}
