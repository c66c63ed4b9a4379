package io.movierec.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.UserProfile;
import io.movierec.models.DnnRanker;
import io.movierec.recommend.Recommendation;
import io.movierec.recommend.Recommender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void aBundleKilledMidSaveLoadsAsTheLastCompleteSave() throws Exception {
    Path original = dir.resolve("bundle");
    List<Recommendation> expectedKnown;
    List<Recommendation> expectedNew;
    UserProfile newUser = UserProfile.of("F", 35, 7);
    try (Recommender r =
        BundleCommand.assemble(
            fixture.data.directory(), fixture.recall, fixture.rank, "exact", 50)) {
      r.save(original);
      expectedKnown = r.recommend(r.users().ids()[3], 10);
      expectedNew = r.recommend(newUser, 10);
    }
    Path target = dir.resolve("saved-over-and-over");
    Process p = child(dir.resolve("child.log"), "save", original.toString(), target.toString());
    // Let it complete a few saves, then kill it while it is in the middle of another one.
    awaitFile(Path.of(target + ".saves"), p, "3");
    Thread.sleep(37);
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    try (Recommender back = Recommender.load(target)) {
      assertThat(back.recommend(back.users().ids()[3], 10)).isEqualTo(expectedKnown);
      assertThat(back.recommend(newUser, 10)).isEqualTo(expectedNew);
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
