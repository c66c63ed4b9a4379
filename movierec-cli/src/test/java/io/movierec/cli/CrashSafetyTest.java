package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.UserProfile;
import io.movierec.io.FailPoints;
import io.movierec.models.DnnRanker;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import java.io.IOException;
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

  @Test
  void trainingKilledMidEpochLeavesTheLastCompletedEpochLoadable() throws Exception {
    Path save = dir.resolve("train-save");
    Process p =
        child(
            dir.resolve("child.log"),
            "train",
            fixture.data.directory().toString(),
            save.toString());
    awaitFile(save.resolve("2/MANIFEST"), p, null);
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    // Every epoch directory that exists is complete; half-written ones are hidden temporaries.
    try (var list = Files.list(save)) {
      for (Path epoch : list.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
        try (DnnRanker r = DnnRanker.load(epoch)) {
          assertThat(r.completedEpochs())
              .isEqualTo(Integer.parseInt(epoch.getFileName().toString()));
        }
      }
    }
  }
}
