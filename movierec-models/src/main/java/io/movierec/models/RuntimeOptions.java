package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a model's TensorFlow session runs; not saved with the model.
 *
 * @param intraOpThreads threads one operation may use
 * @param interOpThreads operations run at once, or {@link #CALLER_THREAD}: every operation runs on
 *     the thread that calls the model, with no hand-off to a pool. That mode uses TensorFlow's
 *     process-wide intra-op pool (sized by the first such session) instead of one per session.
 * @param useGpu place the model on the GPU; fails with a clear message if none is visible (needs
 *     the {@code gpu} Maven profile's native build)
 */
public record RuntimeOptions(int intraOpThreads, int interOpThreads, boolean useGpu) {

  /**
   * {@link #interOpThreads} value that runs every operation on the calling thread. A call then
   * costs no thread hand-offs: on 2 cores an empty {@code Session.run} took 10 µs this way against
   * 50 µs through a one-thread pool.
   */
  public static final int CALLER_THREAD = -1;

  /**
   * Training on CPU: one thread per operation, two operations at once. On 2 cores this was the
   * fastest setting for the sparse training graph.
   */
  public static final RuntimeOptions TRAINING = new RuntimeOptions(1, 2, false);

  /**
   * Serving on CPU: each call runs on the calling thread, one thread per operation; concurrency
   * comes from concurrent callers.
   */
  public static final RuntimeOptions SERVING = new RuntimeOptions(1, CALLER_THREAD, false);

  public RuntimeOptions {
    checkArgument(intraOpThreads >= 0, "intra-op threads must not be negative");
    checkArgument(
        interOpThreads >= CALLER_THREAD,
        "inter-op threads must be 0 or more, or CALLER_THREAD (-1), got %s",
        interOpThreads);
  }

  /** These options with the GPU switched on or off. */
  public RuntimeOptions withGpu(boolean gpu) {
    return new RuntimeOptions(intraOpThreads, interOpThreads, gpu);
  }

  /** Whether every operation runs on the calling thread ({@link #CALLER_THREAD}). */
  public boolean runsOnCallerThread() {
    return interOpThreads == CALLER_THREAD;
  }
}
