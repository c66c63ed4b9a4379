package io.movierec.progress;

import java.time.Duration;

/**
 * Follows {@link Progress} tasks. A task calls its listener from whichever thread advanced it, one
 * call at a time per task: {@link #onProgress} at most once per {@link #interval()}, then {@link
 * #onEnd} once. Implementations used by several tasks at once (the default listener is) must be
 * thread-safe, and all must be quick: they run on the task's hot path.
 */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener NONE = snapshot -> {};

  /** The least time between two {@link #onProgress} calls of one task (default 10 seconds). */
  default Duration interval() {
    return Duration.ofSeconds(10);
  }

  /** The task has advanced; called at most once per {@link #interval()}. */
  void onProgress(ProgressSnapshot snapshot);

  /**
   * The task ended: completed ({@link ProgressSnapshot#completed()}) or stopped early, by a failure
   * or a cancellation. Called once per task.
   */
  default void onEnd(ProgressSnapshot snapshot) {}
}
