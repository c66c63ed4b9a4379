package io.movierec.evaluation;

import static com.google.common.base.Preconditions.checkArgument;

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

  /** The metrics of {@code model} on the samples in {@code data}. */
  public static RatingMetrics evaluate(SlotModel model, Path data) throws IOException {
    return evaluate(model, data, null, null);
  }

  /**
   * The metrics of {@code model} on {@code data}; with a {@code dump}, also writes one line per
   * sample, raw ids looked up by the sample's log id in {@code ratings}.
   *
   * @param ratings maps log ids to raw ids; required with {@code dump}
   * @param dump receives {@code user \t movie \t label \t prediction} lines, or null
   */
  public static RatingMetrics evaluate(SlotModel model, Path data, SplitRatings ratings,
      Writer dump) throws IOException {
    checkArgument(dump == null || ratings != null, "a dump needs the ratings to find raw ids");
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    SampleBatch batch = new SampleBatch(DEFAULT_BATCH_SIZE, model.encoder().schema());
    StringBuilder line = new StringBuilder(64);
    try (SampleReader reader = SampleReader.open(data, model.encoder().schema())) {
      while (reader.read(batch)) {
        float[] p = model.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
          float label = batch.labels()[i];
          acc.add(p[i], label);
          if (dump != null) {
            long logId = batch.logIds()[i];
            int row = ratings.rowOfLogId(logId);
            if (row < 0) {
              throw new IOException(data + ": log id " + logId
                  + " is not in the data set's ratings.tsv (samples from another data set?)");
            }
            line.setLength(0);
            line.append(ratings.user(row)).append('\t').append(ratings.movie(row)).append('\t')
                .append(label == (int) label ? Integer.toString((int) label) : Float.toString(label))
                .append('\t').append(p[i]).append('\n');
            dump.append(line);
          }
        }
      }
    }
    return acc.result();
  }
}
