package io.movierec.training;

import io.movierec.evaluation.RatingMetrics;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one epoch did.
 *
 * @param epoch the epoch, from 1
 * @param meanLoss the mean batch loss over the epoch
 * @param examples examples trained on
 * @param seconds wall time of the epoch's training steps
 * @param savedTo where the model after this epoch was saved, or null
 * @param validation the model's rating metrics on the validation data after this epoch, or null
 */
public record EpochResult(
    int epoch, double meanLoss, long examples, double seconds, Path savedTo,
    RatingMetrics validation) {

  /** Examples per second. */
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : 0;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "epoch %d: loss %.4f, %,d examples in %.1f s (%,.0f ex/s)%s%s",
        epoch, meanLoss, examples, seconds, examplesPerSecond(),
        validation == null ? "" : ", validation " + validation,
        savedTo == null ? "" : ", saved to " + savedTo);
  }
}
