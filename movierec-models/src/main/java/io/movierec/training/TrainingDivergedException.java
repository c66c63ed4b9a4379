package io.movierec.training;

/**
 * The loss became NaN or infinite. The message names the epoch and batch; models saved after
 * earlier epochs are untouched.
 */
public class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final long batch;

  /** An exception naming the epoch, the batch and the loss that was not finite. */
  public TrainingDivergedException(int epoch, long batch, float loss) {
    super(
        "training diverged: the loss is "
            + loss
            + " at epoch "
            + epoch
            + ", batch "
            + batch
            + " — lower the learning rate or check the labels");
    this.epoch = epoch;
    this.batch = batch;
  }

  /** The epoch in which the loss diverged, from 1. */
  public int epoch() {
    return epoch;
  }

  /** The batch of that epoch, from 1. */
  public long batch() {
    return batch;
  }
}
