package io.movierec.training;

import io.movierec.evaluation.RatingMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one epoch did.
 *
 * @param epoch the epoch, from 1
 * @param meanLoss the mean batch loss over the epoch
 * @param labelVariance the variance of the epoch's labels: the mean squared error of predicting
 *     their mean, which a model trained on ratings must beat; NaN when the loss is not a squared
 *     error (the sampled softmax)
 * @param examples examples trained on
 * @param seconds wall time of the epoch's training steps
 * @param savedTo where the model after this epoch was saved, or null; {@link #savedToIfAny()} reads
 *     it
 * @param validation the model's rating metrics on the validation data after this epoch, or null;
 *     {@link #validationIfAny()} reads it
 */
public record EpochResult(
    int epoch,
    double meanLoss,
    double labelVariance,
    long examples,
    double seconds,
    @Nullable Path savedTo,
    @Nullable RatingMetrics validation) {

  /**
   * True if the epoch's squared-error loss was no lower than {@link #labelVariance}: the model did
   * no better than predicting one rating for everything (a learning rate too high can leave a ReLU
   * network doing exactly that, with a finite loss).
   */
  public boolean noBetterThanAConstant() {
    return meanLoss >= labelVariance; // false when NaN
  }

  /** Where the model after this epoch was saved, if the trainer saved it. */
  public Optional<Path> savedToIfAny() {
    return Optional.ofNullable(savedTo);
  }

  /** The rating metrics on the validation data after this epoch, if the trainer had such data. */
  public Optional<RatingMetrics> validationIfAny() {
    return Optional.ofNullable(validation);
  }

  /** Examples per second. */
  public double examplesPerSecond() {
    return seconds > 0 ? examples / seconds : 0;
  }

  @Override
  public String toString() {
    String warning =
        noBetterThanAConstant()
            ? String.format(
                Locale.ROOT, " (no lower than the labels' variance, %.4f)", labelVariance)
            : "";
    return String.format(
        Locale.ROOT,
        "epoch %d: loss %.4f%s, %,d examples in %.1f s (%,.0f ex/s)%s%s",
        epoch,
        meanLoss,
        warning,
        examples,
        seconds,
        examplesPerSecond(),
        validation == null ? "" : ", validation " + validation,
        savedTo == null ? "" : ", saved to " + savedTo);
  }
}
