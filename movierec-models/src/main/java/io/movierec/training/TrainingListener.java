package io.movierec.training;

/** Follows a training run. Both methods are called on the training thread; keep them quick. */
public interface TrainingListener {

  /** Every {@code printInterval} batches. */
  default void onProgress(TrainingProgress progress) {}

  /** After each epoch, once the epoch's model is saved. */
  default void onEpochEnd(EpochResult result) {}

  /** A listener that does nothing. */
  TrainingListener NONE = new TrainingListener() {};
}
