package io.movierec.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private static final long SECOND = 1_000_000_000L;

  /** A clock that moves only when told, and counts how often it is read. */
  private static final class FakeClock {
    long now = 5 * SECOND;
    final AtomicLong reads = new AtomicLong();

    long read() {
      reads.incrementAndGet();
      return now;
    }
  }

  /** Records what it hears; reports every second. */
  private static final class Recorder implements ProgressListener {
    final List<ProgressSnapshot> progress = new ArrayList<>();
    final List<ProgressSnapshot> ends = new ArrayList<>();

    @Override
    public Duration interval() {
      return Duration.ofSeconds(1);
    }

    @Override
    public synchronized void onProgress(ProgressSnapshot s) {
      progress.add(s);
    }

    @Override
    public synchronized void onEnd(ProgressSnapshot s) {
      ends.add(s);
    }
  }

  private final FakeClock clock = new FakeClock();
  private final Recorder recorder = new Recorder();

  private Progress task(long total) {
    return Progress.newBuilder("prepare")
        .withTotal(total)
        .withUnit("ratings")
        .withListener(recorder)
        .withClock(clock::read)
        .build();
  }

  @Test
  void nothingIsReportedBeforeAnIntervalHasPassed() {
    Progress p = task(100);

    p.advance(10);
    clock.now += SECOND / 2;
    p.advance(10);

    assertThat(recorder.progress).isEmpty();
  }

  @Test
  void aReportCarriesTheCountTheTotalAndTheTimeSinceTheStart() {
    Progress p = task(1_000);
    p.advance(1);

    clock.now += 2 * SECOND;
    p.advance(399);

    assertThat(recorder.progress).hasSize(1);
    ProgressSnapshot s = recorder.progress.get(0);
    assertThat(s.done()).isEqualTo(400);
    assertThat(s.total()).isEqualTo(1_000);
    assertThat(s.elapsedNanos()).isEqualTo(2 * SECOND);
    assertThat(s.ratePerSecond()).isEqualTo(200.0);
    assertThat(s.eta()).contains(Duration.ofSeconds(3));
  }

  @Test
  void reportsComeAtMostOncePerInterval() {
    Progress p = task(Progress.UNKNOWN_TOTAL);

    for (int i = 0; i < 100; i++) {
      clock.now += SECOND / 10;
      p.advance(1);
    }

    // 10 s in steps of 0.1 s, at least 1 s apart: 10 reports at most.
    assertThat(recorder.progress).hasSizeBetween(9, 10);
  }

  @Test
  void theClockIsReadOnlyEverySoManyUnitsOnceTheRateIsKnown() {
    Progress p = task(Progress.UNKNOWN_TOTAL);
    clock.now += SECOND;
    p.advance(1_000_000); // a million per second: the next check comes ~20,000 units later
    long readsBefore = clock.reads.get();

    for (int i = 0; i < 10_000; i++) {
      p.advance(1);
    }

    assertThat(clock.reads.get()).isEqualTo(readsBefore);
  }

  @Test
  void finishEndsTheTaskAsCompletedOnceAndCloseThenDoesNothing() {
    try (Progress p = task(10)) {
      p.advance(10);
      clock.now += 3 * SECOND;
      p.finish();
      p.finish();
    }

    assertThat(recorder.ends).hasSize(1);
    assertThat(recorder.ends.get(0).completed()).isTrue();
    assertThat(recorder.ends.get(0).ended()).isTrue();
    assertThat(recorder.ends.get(0).elapsedNanos()).isEqualTo(3 * SECOND);
  }

  @Test
  void closeWithoutFinishEndsTheTaskAsStopped() {
    assertThatThrownBy(
            () -> {
              try (Progress p = task(10)) {
                p.advance(4);
                throw new IllegalStateException("boom");
              }
            })
        .hasMessage("boom");

    assertThat(recorder.ends).singleElement().satisfies(s -> assertThat(s.completed()).isFalse());
    assertThat(recorder.ends.get(0).done()).isEqualTo(4);
  }

  @Test
  void advancesAfterTheEndReportNothing() {
    Progress p = task(10);
    p.finish();

    clock.now += 5 * SECOND;
    p.advance(5);

    assertThat(recorder.progress).isEmpty();
  }

  @Test
  void advancesFromManyThreadsAreAllCounted() throws Exception {
    Progress p = Progress.newBuilder("parallel").withListener(recorder).withTotal(800_000).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100_000; i++) {
                    p.advance(1);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    p.finish();

    assertThat(p.done()).isEqualTo(800_000);
    assertThat(recorder.ends.get(0).done()).isEqualTo(800_000);
  }

  @Test
  void aTaskWithoutItsOwnListenerUsesTheDefaultInstalledBeforeItWasBuilt() {
    ProgressListener previous = Progress.setDefaultListener(recorder);
    try {
      Progress p = Progress.newBuilder("default").withClock(clock::read).build();
      clock.now += 2 * SECOND;
      p.advance(1);
    } finally {
      Progress.setDefaultListener(previous);
    }

    assertThat(recorder.progress)
        .singleElement()
        .satisfies(s -> assertThat(s.task()).isEqualTo("default"));
  }

  @Test
  void rejectsANegativeTotal() {
    assertThatThrownBy(() -> Progress.newBuilder("x").withTotal(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }
}
