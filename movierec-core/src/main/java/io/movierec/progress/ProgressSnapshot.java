package io.movierec.progress;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Where a {@link Progress} task stands.
 *
 * @param task what is being done, e.g. {@code "prepare: write samples"}
 * @param unit what is counted, plural, e.g. {@code "ratings"}
 * @param done units done so far
 * @param total units in all, or {@link Progress#UNKNOWN_TOTAL} when not known in advance
 * @param elapsedNanos time since the task started
 * @param reports how many {@link ProgressListener#onProgress} calls the task made before this one
 * @param ended whether the task has ended (an {@link ProgressListener#onEnd} snapshot)
 * @param completed whether it ended by {@link Progress#finish()} (false if stopped early or
 *     running)
 */
public record ProgressSnapshot(
    String task,
    String unit,
    long done,
    long total,
    long elapsedNanos,
    long reports,
    boolean ended,
    boolean completed) {

  /** Validates the snapshot. */
  public ProgressSnapshot {
    checkNotNull(task, "task");
    checkNotNull(unit, "unit");
    checkArgument(done >= 0, "done must not be negative, got %s", done);
    checkArgument(
        total >= 0 || total == Progress.UNKNOWN_TOTAL, "total must not be negative, got %s", total);
    checkArgument(elapsedNanos >= 0, "elapsed time must not be negative, got %s", elapsedNanos);
  }

  /** Whether the total is known. */
  public boolean hasTotal() {
    return total != Progress.UNKNOWN_TOTAL;
  }

  /** The share done, 0 to 1, when the total is known (a total of 0 counts as all done). */
  public OptionalDouble fraction() {
    if (!hasTotal()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(total == 0 ? 1.0 : Math.min(1.0, (double) done / total));
  }

  /** Units per second since the start (0 before any time has passed). */
  public double ratePerSecond() {
    return elapsedNanos == 0 ? 0 : done * 1e9 / elapsedNanos;
  }

  /**
   * The time left at the average rate so far, when the total is known and something was done; zero
   * once done reaches the total.
   */
  public Optional<Duration> eta() {
    if (!hasTotal() || done == 0) {
      return Optional.empty();
    }
    long left = Math.max(0, total - done);
    return Optional.of(Duration.ofNanos((long) ((double) elapsedNanos / done * left)));
  }

  /**
   * The one-line form the default listeners print: {@code "prepare: write samples: 412,000 /
   * 1,000,209 ratings (41%), 180,000/s, ETA 3 s"} while running, {@code "...: 1,000,209 ratings in
   * 5.6 s (180,000/s)"} once completed, and {@code "...: stopped after 412,000 / 1,000,209 ratings
   * (41%) in 2.3 s"} if it ended early.
   */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(task).append(": ");
    if (ended && completed) {
      return b.append(count(done))
          .append(' ')
          .append(unit)
          .append(" in ")
          .append(seconds(elapsedNanos))
          .append(" (")
          .append(rate(ratePerSecond()))
          .append(')')
          .toString();
    }
    if (ended) {
      b.append("stopped after ");
    }
    b.append(count(done));
    if (hasTotal()) {
      b.append(" / ").append(count(total));
    }
    b.append(' ').append(unit);
    fraction().ifPresent(f -> b.append(" (").append((int) Math.floor(f * 100)).append("%)"));
    if (ended) {
      return b.append(" in ").append(seconds(elapsedNanos)).toString();
    }
    b.append(", ").append(rate(ratePerSecond()));
    eta().ifPresent(d -> b.append(", ETA ").append(duration(d)));
    return b.toString();
  }

  /** {@code 1,000,209}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 180,000/s}, or with one decimal below 100 per second. */
  static String rate(double perSecond) {
    return perSecond >= 100
        ? String.format(Locale.ROOT, "%,.0f/s", perSecond)
        : String.format(Locale.ROOT, "%.1f/s", perSecond);
  }

  /** {@code 5.6 s}. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  /** {@code 3 s}, {@code 2 min 05 s}, {@code 1 h 03 min}. */
  static String duration(Duration d) {
    long s = Math.max(0, (d.toNanos() + 500_000_000L) / 1_000_000_000L);
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
