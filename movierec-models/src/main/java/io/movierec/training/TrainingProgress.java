package io.movierec.training;

import java.time.Duration;
import java.util.Locale;

/**
 * A progress report during training.
 *
 * @param epoch the epoch running, from 1
 * @param epochs the last epoch of the run
 * @param batch batches done in this epoch
 * @param batchesPerEpoch batches in an epoch
 * @param loss the mean batch loss since the previous report
 * @param examplesPerSecond throughput since the previous report
 * @param eta the estimated time until the run ends
 */
public record TrainingProgress(
    int epoch,
    int epochs,
    long batch,
    long batchesPerEpoch,
    double loss,
    double examplesPerSecond,
    Duration eta) {

  @Override
  public String toString() {
    long s = eta.toSeconds();
    return String.format(
        Locale.ROOT,
        "epoch %d/%d batch %d/%d loss %.4f %,.0f ex/s eta %d:%02d:%02d",
        epoch,
        epochs,
        batch,
        batchesPerEpoch,
        loss,
        examplesPerSecond,
        s / 3600,
        s / 60 % 60,
        s % 60);
  }
}
