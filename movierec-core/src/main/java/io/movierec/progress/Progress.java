package io.movierec.progress;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One long task whose units are counted as they are done, reported to a {@link ProgressListener}
 * now and then.
 *
 * <pre>{@code
 * try (Progress p = Progress.newBuilder("prepare: write samples")
 *     .withTotal(rows.length).withUnit("ratings").build()) {
 *   for (int r : rows) {
 *     write(r);
 *     p.advance(1);
 *   }
 *   p.finish();
 * }
 * }</pre>
 *
 * <p>Thread-safe: any thread may {@link #advance}. Cheap on hot paths: {@link #advance} is one
 * atomic add and a comparison; the clock is read only every so many units (as many as pass in about
 * a fiftieth of the listener's interval at the rate so far), and the listener is called at most
 * once per {@link ProgressListener#interval()}. Nothing is allocated per unit.
 *
 * <p>{@link #done()} ends the task as completed; {@link #close()} ends it as stopped if it was not
 * done (an exception left the block). The listener hears of the end once either way.
 */
public final class Progress implements AutoCloseable {

  /** The total of a task whose size is not known in advance. */
  public static final long UNKNOWN_TOTAL = -1;

  /** Clock checks per listener interval. */
  static final int CHECKS_PER_INTERVAL = 50;

  /** The most units between two clock checks. */
  static final long MAX_STRIDE = 1L << 20;

  private static volatile ProgressListener defaultListener = new LoggingProgressListener();

  private final String task;
  private final String unit;
  private final long total;
  private final ProgressListener listener;
  private final LongSupplier clock;
  private final long intervalNanos;
  private final long checkNanos;
  private final long startNanos;
  private final AtomicLong done = new AtomicLong();

  /** The count at which {@link #advance} next reads the clock. */
  private volatile long nextCheck = 1;

  // Guarded by this.
  private long lastReportNanos;
  private long reports;
  private boolean ended;

  private Progress(Builder b) {
    this.task = b.task;
    this.unit = b.unit;
    this.total = b.total;
    this.listener = b.listener != null ? b.listener : defaultListener;
    this.clock = b.clock;
    this.intervalNanos = Math.max(1, listener.interval().toNanos());
    this.checkNanos = Math.max(1, intervalNanos / CHECKS_PER_INTERVAL);
    this.startNanos = clock.getAsLong();
    this.lastReportNanos = startNanos;
  }

  /**
   * A task named {@code task} (e.g. {@code "train recall: epoch 2/5"}), by default of unknown
   * total, counting {@code "items"}, reported to {@link #defaultListener()}.
   */
  public static Builder newBuilder(String task) {
    return new Builder(task);
  }

  /**
   * The listener of tasks built without {@link Builder#withListener}: a {@link
   * LoggingProgressListener} unless {@link #setDefaultListener} changed it.
   */
  public static ProgressListener defaultListener() {
    return defaultListener;
  }

  /**
   * Makes {@code listener} the listener of tasks built from now on without their own (a command
   * line installs its terminal renderer here); returns the previous one.
   */
  public static ProgressListener setDefaultListener(ProgressListener listener) {
    checkNotNull(listener, "listener");
    ProgressListener previous = defaultListener;
    defaultListener = listener;
    return previous;
  }

  /** Counts {@code n} more units done (n ≥ 0). */
  public void advance(long n) {
    long d = done.addAndGet(n);
    if (d >= nextCheck) {
      check(d);
    }
  }

  /** Units done so far. */
  public long done() {
    return done.get();
  }

  /** The task's total, or {@link #UNKNOWN_TOTAL}. */
  public long total() {
    return total;
  }

  /** Where the task stands now. */
  public synchronized ProgressSnapshot snapshot() {
    return snapshot(done.get(), clock.getAsLong(), false, false);
  }

  /** Ends the task as completed; later calls and {@link #close()} do nothing. */
  public void finish() {
    end(true);
  }

  /** Ends the task as stopped early unless {@link #finish()} ended it. */
  @Override
  public void close() {
    end(false);
  }

  private void end(boolean completed) {
    ProgressSnapshot s;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      nextCheck = Long.MAX_VALUE;
      s = snapshot(done.get(), clock.getAsLong(), true, completed);
      listener.onEnd(s);
    }
  }

  private synchronized void check(long d) {
    if (ended || d < nextCheck) {
      return; // another thread checked meanwhile
    }
    long now = clock.getAsLong();
    long elapsed = now - startNanos;
    double perNano = elapsed > 0 ? (double) d / elapsed : 0;
    long stride = Math.max(1, Math.min(MAX_STRIDE, (long) (perNano * checkNanos)));
    nextCheck = d + stride;
    if (now - lastReportNanos >= intervalNanos) {
      lastReportNanos = now;
      ProgressSnapshot s = snapshot(d, now, false, false);
      reports++;
      listener.onProgress(s);
    }
  }

  private ProgressSnapshot snapshot(long d, long now, boolean end, boolean completed) {
    return new ProgressSnapshot(
        task, unit, d, total, Math.max(0, now - startNanos), reports, end, completed);
  }

  /** Settings of a {@link Progress}. */
  public static final class Builder {
    private final String task;
    private String unit = "items";
    private long total = UNKNOWN_TOTAL;
    private @Nullable ProgressListener listener;
    private LongSupplier clock = System::nanoTime;

    private Builder(String task) {
      this.task = checkNotNull(task, "task");
    }

    /** The units in all (default {@link #UNKNOWN_TOTAL}: no percentage, no ETA). */
    public Builder withTotal(long total) {
      checkArgument(
          total >= 0 || total == UNKNOWN_TOTAL, "total must not be negative, got %s", total);
      this.total = total;
      return this;
    }

    /** What is counted, plural (default {@code "items"}). */
    public Builder withUnit(String unit) {
      this.unit = checkNotNull(unit, "unit");
      return this;
    }

    /** Who follows the task (default {@link Progress#defaultListener()} at {@link #build()}). */
    public Builder withListener(ProgressListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /** The nanosecond clock (default {@link System#nanoTime()}; tests pass a fake one). */
    public Builder withClock(LongSupplier nanoClock) {
      this.clock = checkNotNull(nanoClock, "nanoClock");
      return this;
    }

    /** The task, started now. */
    public Progress build() {
      return new Progress(this);
    }
  }
}
