package io.movierec.progress;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default listener: an slf4j INFO line per task every {@link #interval()} (10 seconds unless
 * given), as {@link ProgressSnapshot#toString()} writes it, and a closing line for tasks that ran
 * long enough to print one before (a quick task stays silent) or that stopped early. For logs and
 * output that is not a terminal.
 */
public final class LoggingProgressListener implements ProgressListener {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

  /** The default interval between two lines of one task. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

  private final Duration interval;

  /** Lines every {@link #DEFAULT_INTERVAL}. */
  public LoggingProgressListener() {
    this(DEFAULT_INTERVAL);
  }

  /** Lines every {@code interval} (positive). */
  public LoggingProgressListener(Duration interval) {
    checkNotNull(interval, "interval");
    checkArgument(
        !interval.isNegative() && !interval.isZero(), "interval must be positive: %s", interval);
    this.interval = interval;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public void onProgress(ProgressSnapshot snapshot) {
    LOG.info("{}", snapshot);
  }

  @Override
  public void onEnd(ProgressSnapshot snapshot) {
    if (snapshot.reports() > 0 || !snapshot.completed()) {
      LOG.info("{}", snapshot);
    }
  }
}
