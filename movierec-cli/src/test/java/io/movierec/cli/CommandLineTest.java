package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.MovierecVersion;
import io.movierec.features.SlotSchema;
import io.movierec.synthetic.SyntheticMovieLens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command driven through {@link Main} as a user types it, on small synthetic data: what it
 * prints and its exit code, and for wrong command lines the one-line message and the code.
 */
class CommandLineTest {

  @TempDir static Path root;
  @TempDir Path dir;

  private static Path data;
  private static Path recall;
  private static Path rank;
  private static Path bundle;
  private static Run prepared;
  private static Run trained;

  /** What one command printed, and its exit code. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  static Run run(String... argv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            argv,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run ok(String... argv) {
    Run r = run(argv);
    assertThat(r.code()).as("%s", r).isZero();
    return r;
  }

  /** Prepares a synthetic data set, trains a recall and a rank model one epoch each, bundles. */
  @BeforeAll
  static void pipeline() {
    data = root.resolve("data");
    recall = root.resolve("recall");
    rank = root.resolve("rank");
    bundle = root.resolve("bundle");
    prepared =
        ok(
            "prepare",
            "--data",
            "synthetic",
            "--out",
            data.toString(),
            "--users",
            "150",
            "--movies",
            "200",
            "--ratings",
            "6,000",
            "--validation",
            "--schema",
            SlotSchema.WITH_HISTORY_SPEC);
    trained =
        ok(
            "train",
            "--model",
            "recall",
            "--data",
            data.resolve("train").toString(),
            "--save",
            recall.toString(),
            "--epochs",
            "1",
            "--dim",
            "8",
            "--fc",
            "16,8",
            "--batch-size",
            "256",
            "--objective",
            "sampled_softmax",
            "--print-interval",
            "10");
    ok(
        "train",
        "--model=rank",
        "--data",
        data.resolve("train").toString(),
        "--save",
        rank.toString(),
        "--epochs",
        "1",
        "--dim",
        "8",
        "--fc",
        "16,8",
        "--batch-size",
        "256");
    ok(
        "bundle",
        "--data",
        data.toString(),
        "--recall",
        recall.resolve("1").toString(),
        "--rank",
        rank.resolve("1").toString(),
        "--out",
        bundle.toString(),
        "--index",
        "exact");
  }

  @Test
  void preparePrintsItsSummaryOnceOnStandardOutput() {
    assertThat(prepared.out()).containsOnlyOnce("prepared " + data);
    assertThat(prepared.out()).contains("generated synthetic MovieLens data: 150 users");
    assertThat(prepared.err()).doesNotContain("prepared ");
  }

  @Test
  void trainPrintsEachEpochOnceAndItsProgress() {
    assertThat(trained.out()).containsOnlyOnce("epoch 1: loss").contains("epoch 1/1 batch 10/");
    assertThat(trained.err()).doesNotContain("epoch 1");
    assertThat(recall.resolve("1/MANIFEST")).exists();
  }

  @Test
  void inferPrintsTheMetricsOfEachEpoch() {
    Run r =
        ok(
            "infer",
            "--model",
            "rank",
            "--load",
            rank.toString(),
            "--data",
            data.resolve("test").toString(),
            "--epochs",
            "1");
    assertThat(r.out()).contains("epoch 1 (" + rank.resolve("1") + "): n=");
  }

  @Test
  void evaluateReadsBackThePredictionsItDumped() {
    Path dump = dir.resolve("predictions.tsv");
    Run model =
        ok(
            "evaluate",
            "--model",
            "rank",
            "--load",
            rank.resolve("1").toString(),
            "--data",
            data.toString(),
            "--dump",
            dump.toString());
    Run parsed = ok("evaluate", "--predictions", dump.toString());
    assertThat(model.out()).contains("wrote predictions to " + dump);
    assertThat(count(parsed.out())).isEqualTo(count(model.out())).isPositive();
  }

  /** The {@code n=} of the metrics line. */
  private static int count(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" n=(\\d+) ").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Integer.parseInt(m.group(1));
  }

  @Test
  void evaluateGivesRetrievalMetricsForTheRecallModelAndTheBaseline() {
    Run model =
        ok(
            "evaluate",
            "--model",
            "recall",
            "--load",
            recall.resolve("1").toString(),
            "--data",
            data.toString(),
            "--part",
            "validation");
    assertThat(model.out()).contains("retrieval, validation: ");
    Run baseline = ok("evaluate", "--baseline", "popularity", "--data", data.toString());
    assertThat(baseline.out()).startsWith("popularity baseline, test: ");
  }

  @Test
  void evaluateGivesNoRatingMetricsForARecallModelTrainedWithSampledSoftmax() {
    Run model =
        ok(
            "evaluate",
            "--model",
            "recall",
            "--load",
            recall.resolve("1").toString(),
            "--data",
            data.toString());

    assertThat(model.out()).contains("retrieval, test: ").doesNotContain("rating metrics");
  }

  @Test
  void evaluateOnlineTakesTheChannelOptions() {
    Run r =
        ok(
            "evaluate",
            "--online",
            "--recall",
            recall.resolve("1").toString(),
            "--data",
            data.toString(),
            "--channels",
            "index=30,co-occurrence=10",
            "--cooc-window",
            "5");
    assertThat(r.out()).contains("online path, test (", "channels [index=30, co-occurrence=10]");
  }

  @Test
  void blendFitsWeightsOnTheValidationSplit() {
    Path blend = dir.resolve("blend.properties");
    Run r =
        ok(
            "blend",
            "--rank",
            rank.resolve("1").toString(),
            "--data",
            data.toString(),
            "--save",
            blend.toString());
    assertThat(r.out()).contains("weights: ", "wrote " + blend);
    assertThat(blend).exists();
  }

  @Test
  void describeSaysWhatABundleHolds() {
    Run r = ok("describe", bundle.toString());
    assertThat(r.out()).contains("path: " + bundle, "recall.kind: ", "rank.kind: dnn-ranker");
  }

  @Test
  void clientAnswersEveryOperationFromTheBundle() {
    String b = bundle.toString();
    assertThat(ok("client", "--bundle", b, "um", "1").out()).startsWith("user 1: gender ");
    assertThat(ok("client", "--bundle", b, "cm", "1", "99999").out())
        .contains("not in the catalogue: [99999]");
    assertThat(ok("client", "--bundle", b, "recall", "1", "--n", "5").out().lines()).hasSize(6);
    assertThat(ok("client", "--bundle", b, "rank", "1", "2", "3").out()).contains("rank score");
    assertThat(ok("client", "--bundle", b, "--json", "--k", "3", "as", "M", "32", "5").out())
        .startsWith("[{")
        .contains("\"predicted_rating\"");
    assertThat(
            ok("client", "--bundle", b, "--json", "as", "--user", "1", "--hide-genre", "Drama")
                .out())
        .startsWith("[{")
        .doesNotContain("\"Drama\"");
  }

  // ---- serve and client --url ----

  @Test
  void serveAnswersOverHttpWhatClientAnswersFromTheBundle() throws Exception {
    String b = bundle.toString();
    ByteArrayOutputStream served = new ByteArrayOutputStream();
    PrintStream servedOut = new PrintStream(served, true, StandardCharsets.UTF_8);
    int[] code = {-1};
    Thread serve =
        new Thread(
            () ->
                code[0] =
                    Main.run(
                        new String[] {"serve", "--bundle", b, "--port", "0", "--threads", "2"},
                        servedOut,
                        servedOut));
    serve.start();
    try {
      java.util.regex.Pattern listening =
          java.util.regex.Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)/");
      String url = null;
      long until = System.nanoTime() + 60_000_000_000L;
      while (url == null && System.nanoTime() < until && serve.isAlive()) {
        java.util.regex.Matcher m = listening.matcher(served.toString(StandardCharsets.UTF_8));
        url = m.find() ? m.group(1) : null;
        Thread.sleep(20);
      }
      assertThat(url).as("%s", served).isNotNull();
      for (String[] op :
          new String[][] {
            {"um", "1"},
            {"cm", "1", "2", "99999"},
            {"recall", "1", "--n", "5"},
            {"rank", "1", "2", "3", "99999"},
            {"--json", "--k", "3", "as", "M", "32", "5"},
            {"as", "--user", "1", "--hide-genre", "Drama"}
          }) {
        String[] remote = concat(new String[] {"client", "--url", url}, op);
        String[] local = concat(new String[] {"client", "--bundle", b}, op);
        assertThat(ok(remote).out()).as(String.join(" ", op)).isEqualTo(ok(local).out());
      }
      assertThat(ok("client", "--url", url, "--repeat", "20", "as", "M", "32", "5").out())
          .contains("20 calls over one connection: round trip p50 ");
      Run missing = run("client", "--url", url, "um", "999999");
      assertThat(missing.code()).isEqualTo(Main.FAILURE);
      assertThat(missing.err()).startsWith("movierec client: ").contains("404").contains("999999");
    } finally {
      serve.interrupt();
      serve.join(30_000);
    }
    assertThat(serve.isAlive()).isFalse();
    assertThat(code[0]).as("%s", served).isZero();
    assertThat(served.toString(StandardCharsets.UTF_8)).contains("stopped");
  }

  @Test
  void clientAnswersUmAndCmFromTheStoresWithoutOpeningAModel() throws Exception {
    Path copy = dir.resolve("stores-only");
    Files.createDirectories(copy);
    try (java.util.stream.Stream<Path> files = Files.list(bundle)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(f, copy.resolve(f.getFileName()));
        }
      }
    }
    // The models (recall-G/ and rank-G/ directories) are left behind: only the stores remain.
    String c = copy.toString();
    assertThat(ok("client", "--bundle", c, "um", "1").out())
        .isEqualTo(ok("client", "--bundle", bundle.toString(), "um", "1").out());
    assertThat(ok("client", "--bundle", c, "cm", "1", "2").out())
        .isEqualTo(ok("client", "--bundle", bundle.toString(), "cm", "1", "2").out());
    assertThat(run("client", "--bundle", c, "as", "M", "32", "5").code()).isEqualTo(Main.FAILURE);
  }

  @Test
  void clientNeedsExactlyOneOfBundleAndUrl() {
    Run r = run("client", "um", "1");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--bundle DIR or --url URL");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void quickstartRunsTheWholeJourneyAndKeepsWhatItTellsYouToUse() {
    Path qs = dir.resolve("qs");
    Run r =
        ok(
            "quickstart",
            "--dir",
            qs.toString(),
            "--users",
            "100",
            "--movies",
            "120",
            "--ratings",
            "4000",
            "--epochs",
            "2");
    Path bundle = qs.resolve("bundle");
    assertThat(r.out())
        .contains("== 5/5", "quickstart finished")
        .contains("bin/movierec client --bundle " + bundle + " as F 25 2")
        .contains("bin/movierec serve --bundle " + bundle)
        .contains("bin/movierec client --url http://127.0.0.1:8080 as F 25 2");
    assertThat(bundle).isDirectory();
    assertThat(qs.resolve("recall/2")).isDirectory();
    assertThat(qs.resolve("rank/2")).isDirectory();
    assertThat(qs.resolve("recall/1")).doesNotExist();
    assertThat(qs.resolve("rank/1")).doesNotExist();
  }

  @Test
  void quickstartWorksInWorkQuickstartByDefault() {
    QuickstartCommand command = Main.parse(new QuickstartCommand());

    assertThat(command.dir).isEqualTo(Path.of("work", "quickstart"));
  }

  @Test
  void benchServeMeasuresCallsAgainstTheBundle() {
    Run r = ok("bench", "serve", "--bundle", bundle.toString(), "--calls", "200", "--warmup", "20");
    assertThat(r.out()).isNotBlank();
  }

  @Test
  void benchTrainRefusesAnUnknownModelBeforeTraining() {
    Run r = run("bench", "train", "--models", "recall,ranker", "--rows", "1000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("movierec bench train: --models takes recall, rank and watch, got 'ranker'");
  }

  @Test
  void helpIsOnEveryCommandAndExitsZero() {
    for (String[] argv :
        new String[][] {
          {"--help"},
          {"-h"},
          {"help", "train"},
          {"prepare", "--help"},
          {"train", "-h"},
          {"infer", "--help"},
          {"evaluate", "--help"},
          {"blend", "--help"},
          {"bundle", "--help"},
          {"describe", "--help"},
          {"client", "--help"},
          {"serve", "--help"},
          {"quickstart", "--help"},
          {"bench", "--help"},
          {"bench", "index", "--help"},
        }) {
      Run r = run(argv);
      assertThat(r.code()).as(String.join(" ", argv)).isZero();
      assertThat(r.out()).as(String.join(" ", argv)).startsWith("Usage: movierec");
    }
    assertThat(run("train", "--help").out()).contains("--model", "--resume", "--verbose");
    assertThat(run("bundle", "--help").out()).contains("--channels", "--cooc-window");
  }

  @Test
  void versionPrintsTheMovierecVersion() {
    Run r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("movierec " + MovierecVersion.get() + "\n");
  }

  @Test
  void withoutACommandItPrintsTheUsageAndExitsTwo() {
    Run r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: movierec", "prepare", "quickstart");
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Run r = run("trian");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("movierec: Unmatched argument")
        .contains("try 'movierec --help'");
  }

  @Test
  void anUnknownOptionIsNamedOnOneLineWithAHint() {
    Run r = run("train", "--modle", "recall", "--data", "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "movierec train: Unknown option: '--modle' (did you mean --model?)\n"
                + "try 'movierec train --help'\n");
  }

  @Test
  void aBadValueNamesTheOptionAndTheValue() {
    Run r = run("train", "--model", "ranker", "--data", "x", "--save", "y");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("movierec train: ")
        .contains("--model", "'ranker'")
        .doesNotContain("Usage:");
    Run number = run("prepare", "--data", "synthetic", "--out", "x", "--ratings", "many");
    assertThat(number.code()).isEqualTo(2);
    assertThat(number.err()).contains("--ratings", "'many' is not an integer");
  }

  @Test
  void anImpossibleSyntheticDataSetIsRefusedInTheTermsOfItsOptions() {
    Run r =
        run(
            "prepare",
            "--data",
            "synthetic",
            "--out",
            dir.resolve("s").toString(),
            "--users",
            "500",
            "--ratings",
            "1000");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("movierec prepare: --ratings must be at least (ratings per user) × --users = ")
        .doesNotContain("minRatingsPerUser");
    assertThat(dir.resolve("s-source")).doesNotExist();
  }

  @Test
  void integersMayHaveSeparators() {
    PrepareCommand p =
        Main.parse(new PrepareCommand(), "--data", "d", "--out", "o", "--ratings", "1_000,000");
    assertThat(p.ratings).isEqualTo(1_000_000);
  }

  @Test
  void optionsThatDoNotGoTogetherAreAUsageError() {
    Run r =
        run(
            "bundle",
            "--data",
            data.toString(),
            "--recall",
            recall.toString(),
            "--blend",
            "b.properties",
            "--out",
            dir.resolve("b").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("movierec bundle: --blend FILE needs --rank MODEL_DIR\n");
  }

  @Test
  void bundleBuildsTheTrendingChannelFromTheRatingTimes() throws IOException {
    Path out = dir.resolve("trending");
    ok(
        "bundle",
        "--data",
        data.toString(),
        "--recall",
        recall.resolve("1").toString(),
        "--channels",
        "index=30,trending=20:100",
        "--new-user-ordering",
        "recall",
        "--out",
        out.toString());
    try (io.movierec.recommend.Recommender r = io.movierec.recommend.Recommender.load(out)) {
      assertThat(r.newUserOrdering()).contains(io.movierec.recommend.Ordering.RECALL);
      assertThat(
              r.recall(
                  io.movierec.recommend.TrendingChannel.NAME,
                  io.movierec.domain.UserProfile.of("F", 25, 2),
                  5))
          .hasSize(5);
    }
    assertThat(io.movierec.recommend.Recommender.describeSaved(out))
        .containsEntry("new_user_ordering", "recall")
        .containsEntry("channels", "index=30, trending=20");
  }

  @Test
  void aMissingInputIsAFailureNamingIt() {
    Path nowhere = dir.resolve("nowhere");
    Run r = run("describe", nowhere.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("movierec describe: no such file: " + nowhere + "\n");
  }

  @Test
  void aMissingModelFailsBeforeTheBundleDirectoryIsMade() {
    Path out = dir.resolve("never");
    Run r =
        run(
            "bundle",
            "--data",
            data.toString(),
            "--recall",
            dir.resolve("no-model").toString(),
            "--out",
            out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "movierec bundle: no such file: "
                + dir.resolve("no-model")
                + " (no saved model directory)\n");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMissingRatingsFileIsNamedWithoutAdviceForJavaCallers() throws IOException {
    Path raw = dir.resolve("raw");
    SyntheticMovieLens.newBuilder()
        .withUsers(50)
        .withMovies(60)
        .withRatings(1000)
        .build()
        .writeTo(raw);
    Files.delete(raw.resolve(SyntheticMovieLens.RATINGS_FILE));
    Run r = run("prepare", "--data", raw.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(SyntheticMovieLens.RATINGS_FILE, "does not exist")
        .doesNotContain("ReadOptions", "Builder", "withRatingsRequired");
  }

  @Test
  void aRefusedOutputDirectoryIsAUsageError() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    Run r =
        run(
            "train",
            "--model",
            "rank",
            "--data",
            data.resolve("train").toString(),
            "--save",
            mine.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("movierec train: ").contains(mine.toString());
    assertThat(mine.resolve("notes.txt")).hasContent("keep me");
  }

  @Test
  void resumingWithoutASavedEpochIsAUsageError() {
    Path save = dir.resolve("fresh");
    Run r =
        run(
            "train",
            "--model",
            "rank",
            "--data",
            data.resolve("train").toString(),
            "--save",
            save.toString(),
            "--resume");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("movierec train: --resume: " + save + " holds no complete epoch")
        .endsWith("try 'movierec train --help'\n");
  }

  @Test
  void aBadPredictionsFileIsOneLineWithoutAStackTrace() throws IOException {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "#user\tmovie\tlabel\tprediction\n1\t2\t4\tfour\n");
    Run r = run("evaluate", "--predictions", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "movierec evaluate: "
                + bad
                + " line 2: label or prediction is not a number: '1\t2\t4\tfour'\n");
  }

  @Test
  void verbosePrintsTheStackTraceOfAFailure() throws IOException {
    Path bad = dir.resolve("bad.tsv");
    Files.writeString(bad, "1\t2\n");
    assertThat(run("evaluate", "--predictions", bad.toString()).err()).doesNotContain("\tat ");
    Run r = run("evaluate", "--predictions", bad.toString(), "--verbose");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("movierec evaluate: " + bad + " line 1", "\tat ");
  }

  @Test
  void aWrongClientOperationIsAUsageError() {
    Run r = run("client", "--bundle", bundle.toString(), "top", "1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("movierec client: unknown client operation 'top'");
  }

  @Test
  void benchWithoutATargetIsAUsageError() {
    Run r = run("bench");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "movierec bench: bench needs a target: prepare, train, serve, load, soak, index or jmh\n"
                + "try 'movierec bench --help'\n");
  }
}
