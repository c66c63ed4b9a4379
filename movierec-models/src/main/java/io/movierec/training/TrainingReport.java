package io.movierec.training;

import java.util.List;

/**
 * The outcome of {@link io.movierec.models.Trainer#fit}.
 *
 * @param epochs one result per epoch run (epochs restored from a checkpoint are not repeated)
 * @param batchLosses the loss of every batch, in order
 * @param examplesPerEpoch the training examples in one epoch
 */
public record TrainingReport(List<EpochResult> epochs, float[] batchLosses, long examplesPerEpoch) {

  public TrainingReport {
    epochs = List.copyOf(epochs);
    batchLosses = batchLosses.clone();
  }

  @Override
  public float[] batchLosses() {
    return batchLosses.clone();
  }

  /** The last epoch's result. */
  public EpochResult last() {
    return epochs.get(epochs.size() - 1);
  }
}
