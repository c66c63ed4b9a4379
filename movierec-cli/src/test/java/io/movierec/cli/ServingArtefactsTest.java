package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.cli.CommandLineTest.Run;
import io.movierec.features.SlotSchema;
import io.movierec.models.SavedModelExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/**
 * The serving artefacts through {@link Main}: {@code train --export} and {@code --keep-last},
 * {@code export}, {@code bench load} and what {@code describe} says of a bundle's parts.
 */
class ServingArtefactsTest {

  @TempDir static Path root;
  @TempDir Path dir;

  private static Path data;
  private static Path recall;
  private static Path served;
  private static Path bundle;
  private static Run trained;

  private static Run ok(String... argv) {
    Run r = CommandLineTest.run(argv);
    assertThat(r.code()).as("%s", r).isZero();
    return r;
  }

  /**
   * A small synthetic data set, a recall model trained 2 epochs keeping 1, a rank model, a bundle.
   */
  @BeforeAll
  static void pipeline() {
    data = root.resolve("data");
    recall = root.resolve("recall");
    served = root.resolve("recall-serving");
    bundle = root.resolve("bundle");
    ok(
        "prepare",
        "--data",
        "synthetic",
        "--out",
        data.toString(),
        "--users",
        "120",
        "--movies",
        "150",
        "--ratings",
        "4000",
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
            "2",
            "--dim",
            "8",
            "--fc",
            "16,8",
            "--batch-size",
            "256",
            "--objective",
            "sampled_softmax",
            "--keep-last",
            "1",
            "--export",
            served.toString());
    ok(
        "train",
        "--model",
        "rank",
        "--data",
        data.resolve("train").toString(),
        "--save",
        root.resolve("rank").toString(),
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
        recall.resolve("2").toString(),
        "--rank",
        root.resolve("rank/1").toString(),
        "--out",
        bundle.toString(),
        "--index",
        "exact");
  }

  @Test
  void keepLastDeletesAnEpochOnlyOnceALaterOneIsSaved() {
    assertThat(recall.resolve("1")).doesNotExist();
    assertThat(recall.resolve("2/MANIFEST")).isRegularFile();
    assertThat(trained.out()).containsOnlyOnce("deleted epoch 1 (--keep-last 1)");
  }

  @Test
  void trainExportWritesTheLastEpochInTheServingLayout() throws IOException {
    Run r = ok("describe", served.toString());
    assertThat(r.out()).contains("layout: serving\n", "completed_epochs: 2\n");
    assertThat(bytes(served)).isLessThan(bytes(recall.resolve("2")) / 10);
  }

  @Test
  void describeGivesTheBytesAndLayoutOfEachBundlePart() {
    Run r = ok("describe", bundle.toString());
    assertThat(r.out())
        .contains("recall.bytes: ", "rank.bytes: ", "recall.layout: serving\n")
        .contains("rank.layout: serving\n");
  }

  @Test
  void exportWritesEachModelOfABundleAsASavedModel() {
    Path out = dir.resolve("export");
    Run r = ok("export", "--model", bundle.toString(), "--out", out.toString());
    assertThat(r.out()).contains("exported the two-tower model", "exported the dnn-ranker model");
    try (SavedModelBundle b =
        SavedModelBundle.load(out.resolve("recall").toString(), SavedModelExport.TAG)) {
      assertThat(b.signatures())
          .extracting(s -> s.key())
          .contains(SavedModelExport.USER_TOWER, SavedModelExport.MOVIE_TOWER);
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(out.resolve("rank").toString(), SavedModelExport.TAG)) {
      assertThat(b.signatures()).extracting(s -> s.key()).contains(SavedModelExport.RANK);
    }
  }

  @Test
  void exportTakesOneModelDirectory() {
    Path out = dir.resolve("one");
    ok("export", "--model", served.toString(), "--format", "savedmodel", "--out", out.toString());
    assertThat(out.resolve("saved_model.pb")).isRegularFile();
    assertThat(out.resolve(SavedModelExport.DESCRIPTION)).isRegularFile();
  }

  @Test
  void anUnknownExportFormatIsAUsageError() {
    Run r =
        CommandLineTest.run(
            "export", "--model", served.toString(), "--format", "onnx", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format takes savedmodel, got 'onnx'");
  }

  @Test
  void keepLastBelowOneIsAUsageError() {
    Run r =
        CommandLineTest.run(
            "train",
            "--model",
            "rank",
            "--data",
            data.resolve("train").toString(),
            "--save",
            dir.resolve("r").toString(),
            "--keep-last",
            "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--keep-last must be at least 1, got 0");
  }

  @Test
  void benchLoadPrintsEachPartsBytesAndTheLoadRounds() {
    Run r = ok("bench", "load", "--bundle", bundle.toString(), "--rounds", "2");
    assertThat(r.out()).contains("recall", "users", "round 1: Recommender.load", "round 2: ");
  }

  @Test
  void exportAndBenchLoadHaveHelp() {
    assertThat(ok("export", "--help").out()).startsWith("Usage: movierec export");
    assertThat(ok("bench", "load", "-h").out()).startsWith("Usage: movierec bench load");
  }

  private static long bytes(Path d) throws IOException {
    try (Stream<Path> walk = Files.walk(d)) {
      return walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
