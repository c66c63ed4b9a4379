package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a model's TensorFlow session runs; not saved with the model.
 *
 * @param intraOpThreads threads one operation may use
 * @param interOpThreads operations run at once
 * @param useGpu place the model on the GPU; fails with a clear message if none is visible (needs
 *     the {@code gpu} Maven profile's native build)
 */
public record RuntimeOptions(int intraOpThreads, int interOpThreads, boolean useGpu) {

  /**
   * Training on CPU: one thread per operation, two operations at once. On 2 cores this was the
   * fastest setting for the sparse training graph.
   */
  public static final RuntimeOptions TRAINING = new RuntimeOptions(1, 2, false);

  /**
   * Serving on CPU: each call runs on the calling thread's share of the pool; concurrency comes
   * from concurrent callers.
   */
  public static final RuntimeOptions SERVING = new RuntimeOptions(1, 1, false);

  public RuntimeOptions {
    checkArgument(intraOpThreads >= 0, "intra-op threads must not be negative");
    checkArgument(interOpThreads >= 0, "inter-op threads must not be negative");
  }

  /** These options with the GPU switched on or off. */
  public RuntimeOptions withGpu(boolean gpu) {
    return new RuntimeOptions(intraOpThreads, interOpThreads, gpu);
  }
}
