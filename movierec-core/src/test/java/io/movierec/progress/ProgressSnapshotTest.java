package io.movierec.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressSnapshotTest {

  private static ProgressSnapshot running(long done, long total, double seconds) {
    return new ProgressSnapshot(
        "prepare", "ratings", done, total, (long) (seconds * 1e9), 0, false, false);
  }

  @Test
  void aRunningTaskShowsCountTotalPercentRateAndEta() {
    assertThat(running(412_000, 1_000_209, 412_000 / 180_000.0))
        .hasToString("prepare: 412,000 / 1,000,209 ratings (41%), 180,000/s, ETA 3 s");
  }

  @Test
  void aTaskOfUnknownTotalShowsNeitherPercentNorEta() {
    assertThat(running(5_000, Progress.UNKNOWN_TOTAL, 2))
        .hasToString("prepare: 5,000 ratings, 2,500/s");
  }

  @Test
  void slowRatesKeepOneDecimal() {
    assertThat(running(3, 10, 2).toString()).contains("1.5/s");
  }

  @Test
  void aCompletedTaskShowsItsCountTimeAndRate() {
    ProgressSnapshot s =
        new ProgressSnapshot("prepare", "ratings", 1_000, 1_000, 2_500_000_000L, 3, true, true);

    assertThat(s).hasToString("prepare: 1,000 ratings in 2.5 s (400/s)");
  }

  @Test
  void aStoppedTaskSaysWhereItStopped() {
    ProgressSnapshot s =
        new ProgressSnapshot("prepare", "ratings", 250, 1_000, 1_000_000_000L, 0, true, false);

    assertThat(s).hasToString("prepare: stopped after 250 / 1,000 ratings (25%) in 1.0 s");
  }

  @Test
  void longEtasAreInMinutesOrHours() {
    assertThat(ProgressSnapshot.duration(Duration.ofSeconds(125))).isEqualTo("2 min 05 s");
    assertThat(ProgressSnapshot.duration(Duration.ofSeconds(3_780))).isEqualTo("1 h 03 min");
  }

  @Test
  void aTotalOfZeroIsAllDone() {
    assertThat(running(0, 0, 1).fraction()).hasValue(1.0);
  }
}
