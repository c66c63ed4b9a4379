package io.movierec.evaluation;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.models.SlotModel;
import io.movierec.prepare.SplitRatings;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Offline inference of a model over sample files (PaddleRec's {@code infer.py}): predicts every
 * sample, adds up {@link RatingMetrics}, and optionally writes each prediction as a TAB line {@code
 * user movie label prediction} with raw MovieLens ids.
 */
public final class RatingEvaluator {

  /** Rows per inference batch. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  private RatingEvaluator() {}

  /** Changes a model's prediction of one rating before it is scored (a {@code RatingBlend}). */
  @FunctionalInterface
  public interface Adjustment {
    /**
     * The prediction to score instead of the model's.
     *
     * @param user the raw MovieLens user id
     * @param movie the raw MovieLens movie id
     * @param prediction the model's prediction
     */
    float adjust(int user, int movie, float prediction);
  }

  /** Receives each sample's prediction, in file order. */
  @FunctionalInterface
  public interface PredictionVisitor {
    /**
     * One prediction.
     *
     * @param row the sample's row in the data set's {@link SplitRatings}, or -1 without them
     * @param label the true rating
     * @param prediction the model's prediction
     */
    void visit(int row, float label, float prediction) throws IOException;
  }

  /** The metrics of {@code model} on the samples in {@code data}. */
  public static RatingMetrics evaluate(SlotModel model, Path data) throws IOException {
    return evaluate(model, data, null, null, null);
  }

  /**
   * The metrics of {@code model} on {@code data}; with a {@code dump}, also writes one line per
   * sample, raw ids looked up by the sample's log id in {@code ratings}.
   *
   * @param ratings maps log ids to raw ids
   * @param dump receives {@code user \t movie \t label \t prediction} lines, or null
   */
  public static RatingMetrics evaluate(SlotModel model, Path data, SplitRatings ratings,
      Writer dump) throws IOException {
    return evaluate(model, data, ratings, null, dump);
  }

  /**
   * The metrics of {@code model}'s predictions on {@code data} after {@code adjustment}; with a
   * {@code dump}, also writes each adjusted prediction as a line.
   *
   * @param ratings maps log ids to raw ids; may be null when there is no adjustment and no dump
   * @param adjustment applied to every prediction, or null
   * @param dump receives {@code user \t movie \t label \t prediction} lines, or null
   */
  public static RatingMetrics evaluate(SlotModel model, Path data, SplitRatings ratings,
      Adjustment adjustment, Writer dump) throws IOException {
    checkArgument(ratings != null || (adjustment == null && dump == null),
        "an adjustment or a dump needs the ratings to find each sample's raw ids");
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    StringBuilder line = new StringBuilder(64);
    forEachPrediction(model, data, ratings, (row, label, prediction) -> {
      float p = adjustment == null ? prediction
          : adjustment.adjust(ratings.user(row), ratings.movie(row), prediction);
      acc.add(p, label);
      if (dump != null) {
        line.setLength(0);
        line.append(ratings.user(row)).append('\t').append(ratings.movie(row)).append('\t')
            .append(label == (int) label ? Integer.toString((int) label) : Float.toString(label))
            .append('\t').append(p).append('\n');
        dump.append(line);
      }
    });
    return acc.result();
  }

  /**
   * Predicts every sample in {@code data} and hands each prediction, with its row in {@code
   * ratings} (found by the sample's log id), to {@code visitor}.
   *
   * @param ratings maps log ids to rows; null to skip the lookup (every row is then -1)
   * @throws IOException if a sample's log id is not in {@code ratings}, naming the file and id
   */
  public static void forEachPrediction(SlotModel model, Path data, SplitRatings ratings,
      PredictionVisitor visitor) throws IOException {
    checkNotNull(visitor, "visitor");
    SampleBatch batch = new SampleBatch(DEFAULT_BATCH_SIZE, model.encoder().schema());
    try (SampleReader reader = SampleReader.open(data, model.encoder().schema())) {
      while (reader.read(batch)) {
        float[] p = model.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
          long logId = batch.logIds()[i];
          int row = ratings == null ? -1 : ratings.rowOfLogId(logId);
          if (row < 0 && ratings != null) {
            throw new IOException(data + ": log id " + logId
                + " is not in the data set's ratings.tsv (samples from another data set?)");
          }
          visitor.visit(row, batch.labels()[i], p[i]);
        }
      }
    }
  }
}
