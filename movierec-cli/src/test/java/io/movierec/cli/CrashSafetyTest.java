package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.movierec.domain.UserProfile;
import io.movierec.io.FailPoints;
import io.movierec.io.OutputDirectory;
import io.movierec.models.DnnRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a child JVM with SIGKILL in the middle of saving, and checks that what was saved before is
 * still loadable and unchanged.
 */
class CrashSafetyTest {

  @TempDir static Path dir;
  private static TrainedFixture fixture;

  @BeforeAll
  static void train() throws Exception {
    fixture = TrainedFixture.create(dir);
  }

  private static Process child(Path log, String... args) throws IOException {
    String[] cmd = new String[args.length + 4];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    cmd[1] = "-cp";
    cmd[2] = System.getProperty("java.class.path");
    cmd[3] = CrashChild.class.getName();
    System.arraycopy(args, 0, cmd, 4, args.length);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static void awaitFile(Path f, Process p, String content) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!(Files.exists(f) && (content == null || Files.readString(f).trim().equals(content)))) {
      if (!p.isAlive()) {
        throw new AssertionError("child died early: " + Files.readString(dir.resolve("child.log")));
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("timed out waiting for " + f);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Replaces an existing bundle (every movie) by one without its 40 lowest movie ids in a child JVM
   * stopped at a fail point inside the save and killed there; the bundle then loads as exactly the
   * old one, or exactly the new one once the manifest is written.
   */
  @ParameterizedTest(name = "{0} after {1} skips: new={2}")
  @CsvSource({
    "bundle.part-saved, 0, false",
    "bundle.part-saved, 2, false",
    "bundle.parts-saved, 0, false",
    "bundle.manifest-saved, 0, true"
  })
  void aBundleKilledMidReplacementLoadsAsExactlyTheOldOrTheNewSave(
      String failpoint, int skip, boolean expectNew) throws Exception {
    Path original = dir.resolve("bundle");
    UserProfile newUser = UserProfile.of("F", 35, 7);
    int removed = 40;
    List<Integer> oldMovies;
    List<Integer> newMovies;
    List<Recommendation> oldKnown;
    List<Recommendation> newKnown;
    List<Recommendation> newForNewUser;
    int user;
    Path target = dir.resolve("replaced-" + failpoint + "-" + skip);
    try (Recommender r =
        BundleCommand.assemble(
            fixture.data.directory(), fixture.recall, fixture.rank, "exact", 50)) {
      if (!Files.exists(original.resolve("BUNDLE"))) {
        r.save(original);
      }
      r.save(target); // the existing bundle that the child replaces
      user = r.users().ids()[3];
      oldMovies = movieIds(r);
      oldKnown = r.recommend(user, 10);
      for (int id : oldMovies.subList(0, removed)) {
        r.removeMovie(id);
      }
      newMovies = movieIds(r);
      newKnown = r.recommend(user, 10);
      newForNewUser = r.recommend(newUser, 10);
    }
    Path log = dir.resolve("child-" + failpoint + "-" + skip + ".log");
    Process p =
        bundleChild(
            log,
            failpoint,
            skip,
            "resave",
            original.toString(),
            target.toString(),
            Integer.toString(removed));
    awaitLine(log, p, FailPoints.MARKER + failpoint);
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (Recommender back = Recommender.load(target)) {
      if (expectNew) {
        assertThat(movieIds(back)).isEqualTo(newMovies);
        assertThat(back.recommend(user, 10)).isEqualTo(newKnown);
        assertThat(back.recommend(newUser, 10)).isEqualTo(newForNewUser);
      } else {
        assertThat(movieIds(back)).isEqualTo(oldMovies);
        assertThat(back.recommend(user, 10)).isEqualTo(oldKnown);
      }
    }
  }

  private static List<Integer> movieIds(Recommender r) {
    return r.movieStore().all().stream().map(m -> m.id()).sorted().toList();
  }

  /** A child JVM that stops at {@code failpoint} after passing it {@code skip} times. */
  private static Process bundleChild(Path log, String failpoint, int skip, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-D" + FailPoints.PROPERTY + "=" + failpoint);
    cmd.add("-D" + FailPoints.PROPERTY + ".skip=" + skip);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(CrashChild.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Waits until the child's log holds {@code line} (it has parked at its fail point). */
  private static void awaitLine(Path log, Process p, String line) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!(Files.exists(log) && Files.readAllLines(log).contains(line))) {
      if (!p.isAlive()) {
        throw new AssertionError("child ended before " + line + ": " + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("timed out waiting for " + line);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Runs {@code movierec ARGS} in a child JVM until it reaches the fail point {@code point} after
   * passing it {@code skip} times, and kills it there with SIGKILL.
   */
  private static void killAt(String point, int skip, String... args) throws Exception {
    Path log = dir.resolve("child-" + point + ".log");
    String[] cmd = new String[args.length + 7];
    cmd[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    cmd[1] = "-D" + FailPoints.PROPERTY + "=" + point;
    cmd[2] = "-D" + FailPoints.PROPERTY + ".skip=" + skip;
    cmd[3] = "-cp";
    cmd[4] = System.getProperty("java.class.path");
    cmd[5] = CrashChild.class.getName();
    cmd[6] = "cli";
    System.arraycopy(args, 0, cmd, 7, args.length);
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(log).contains(FailPoints.MARKER + point)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new AssertionError("the child did not reach " + point + ": " + Files.readString(log));
      }
      Thread.sleep(10);
    }
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * A small ranker's training run (large batches: a dozen steps an epoch, to keep the tests short):
   * {@code epochs} epochs into {@code save}, and more flags.
   */
  private static String[] train(Path save, int epochs, String... more) {
    List<String> a =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--model",
                "rank",
                "--data",
                fixture.data.trainData().toString(),
                "--save",
                save.toString(),
                "--epochs",
                Integer.toString(epochs),
                "--dim",
                "8",
                "--fc",
                "32,16",
                "--batch-size",
                "2048",
                "--print-interval",
                "1000"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** Runs {@code argv}, a {@code train ...} command line, in this JVM. */
  private static TrainingReport trainHere(String... argv) throws IOException {
    return TrainCommand.run(
        java.util.Arrays.copyOfRange(argv, 1, argv.length),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  private static List<String> hidden(Path directory) throws IOException {
    try (var list = Files.list(directory)) {
      return list.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(".") && !n.equals(OutputDirectory.MARKER))
          .toList();
    }
  }

  private static long seedOf(Path epoch) throws IOException {
    try (DnnRanker r = DnnRanker.load(epoch)) {
      return r.config().seed();
    }
  }

  @ParameterizedTest(name = "killed at {0}: epoch 2 is the model of seed {1}")
  @CsvSource({"directory.written, 1", "directory.moved-aside, 1", "directory.renamed, 2"})
  void retrainingOverAnEpochKilledMidSaveLeavesTheOldEpochOrTheNewOneWhole(
      String point, long expectedSeed) throws Exception {
    Path save = dir.resolve("retrain-" + point);
    trainHere(train(save, 2, "--seed", "1"));
    // The second run (another initialisation seed, so other weights) is killed replacing epoch 2.
    killAt(point, 1, train(save, 2, "--seed", "2"));
    assertThat(seedOf(save.resolve("2"))).isEqualTo(expectedSeed);
    assertThat(seedOf(save.resolve("1"))).isEqualTo(2);
    // The next save into the directory removes what the killed one left.
    trainHere(train(save, 1, "--seed", "3"));
    assertThat(hidden(save)).isEmpty();
    assertThat(seedOf(save.resolve("2"))).isEqualTo(expectedSeed);
  }

  @Test
  void trainingKilledWhileSavingAnEpochResumesFromTheLastCompleteOne() throws Exception {
    Path save = dir.resolve("resumed");
    killAt("directory.written", 2, train(save, 3));
    assertThat(save.resolve("3")).doesNotExist();
    assertThat(hidden(save)).singleElement().asString().startsWith(".3.tmp-");
    byte[] epoch1 = Files.readAllBytes(save.resolve("1/MANIFEST"));
    byte[] epoch2 = Files.readAllBytes(save.resolve("2/MANIFEST"));

    TrainingReport resumed = trainHere(train(save, 3, "--resume"));

    assertThat(resumed.epochs()).extracting(EpochResult::epoch).containsExactly(3);
    assertThat(Files.readAllBytes(save.resolve("1/MANIFEST"))).isEqualTo(epoch1);
    assertThat(Files.readAllBytes(save.resolve("2/MANIFEST"))).isEqualTo(epoch2);
    assertThat(hidden(save)).isEmpty();
    assertThat(Files.readAllLines(save.resolve(TrainCommand.LOG_FILE)))
        .extracting(l -> l.substring(0, l.indexOf(':')))
        .containsExactly("epoch 1", "epoch 2", "epoch 3");
    // An uninterrupted run gives the same third epoch, to the bit.
    Path full = dir.resolve("uninterrupted");
    TrainingReport whole = trainHere(train(full, 3));
    assertThat(resumed.last().meanLoss()).isEqualTo(whole.last().meanLoss());
    String weights = "3/variables/variables.data-00000-of-00001";
    assertThat(Files.readAllBytes(save.resolve(weights)))
        .isEqualTo(Files.readAllBytes(full.resolve(weights)));
  }

  @Test
  void resumingIsRefusedWhenTheSavedRunHadOtherSettings() throws Exception {
    Path save = dir.resolve("other-settings");
    trainHere(train(save, 1));
    assertThatThrownBy(
            () -> trainHere(train(save, 2, "--resume", "--dim", "16", "--batch-size", "128")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sparse_feature_dim: 8 vs 16")
        .hasMessageContaining("batch size: 2048 vs 128");
    assertThat(save.resolve("2")).doesNotExist();
  }

  @Test
  void preparingOverAnEarlierDataSetKilledBetweenTheRenamesKeepsTheEarlierOne() throws Exception {
    Path raw = fixture.root.resolve("raw");
    Path out = dir.resolve("prepared-twice");
    PrepareCommand.run(
        new String[] {"--data", raw.toString(), "--out", out.toString(), "--seed", "1"},
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    byte[] train = Files.readAllBytes(out.resolve("train/data.txt"));
    killAt(
        "directory.moved-aside",
        0,
        "prepare",
        "--data",
        raw.toString(),
        "--out",
        out.toString(),
        "--seed",
        "2");
    assertThat(out).doesNotExist();
    PreparedDataset back = PreparedDataset.open(out);
    assertThat(Files.readAllBytes(back.trainData().resolve("data.txt"))).isEqualTo(train);
    assertThat(Files.readString(out.resolve("dataset.properties"))).contains("seed=1");
  }
}
