package io.movierec.evaluation;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.models.SlotModel;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.ServingStores;
import io.movierec.prepare.SplitRatings;
import io.movierec.prepare.SplitRatings.Part;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.UserStore;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Offline inference of a model (PaddleRec's {@code infer.py}): predicts every rating, adds up
 * {@link RatingMetrics}, and optionally writes each prediction as a TAB line {@code user movie
 * label prediction} with raw MovieLens ids.
 *
 * <p>A {@link RankingModel} (a ranker, blended or not) is evaluated on the held-out ratings of a
 * prepared data set, each user scored from their context before that part ({@link
 * ServingStores#before}), as a recommender serving them would score; the context encodes to the
 * user row of the part's sample, so a ranker predicts what it predicts from the sample file. Any
 * {@link SlotModel} can also be evaluated on sample files (a training run's validation, the recall
 * model's ratings).
 */
public final class RatingEvaluator {

  /** Rows per inference batch of sample files. */
  public static final int DEFAULT_BATCH_SIZE = 1024;

  private RatingEvaluator() {}

  /** Receives each prediction, in the order of the ratings' file. */
  @FunctionalInterface
  public interface PredictionVisitor {
    /**
     * One prediction.
     *
     * @param row the rating's row in the data set's {@link SplitRatings}
     * @param label the true rating
     * @param prediction the model's prediction
     */
    void visit(int row, float label, float prediction) throws IOException;
  }

  /**
   * The metrics of {@code ranker} on the ratings of {@code part} (test or validation) of {@code
   * data}.
   */
  public static RatingMetrics evaluate(RankingModel ranker, PreparedDataset data, Part part)
      throws IOException {
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    forEachPrediction(ranker, data, part, (row, label, p) -> acc.add(p, label));
    return acc.result();
  }

  /**
   * The metrics of {@code ranker} on the ratings of {@code part} of {@code data}; also writes one
   * line per rating to {@code dump}.
   *
   * @param dump receives {@code user \t movie \t label \t prediction} lines
   */
  public static RatingMetrics evaluate(
      RankingModel ranker, PreparedDataset data, Part part, Writer dump) throws IOException {
    checkNotNull(dump, "dump");
    SplitRatings ratings = data.ratings();
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    DumpLine line = new DumpLine(dump);
    forEachPrediction(
        ranker,
        data,
        part,
        (row, label, p) -> {
          acc.add(p, label);
          line.write(ratings.user(row), ratings.movie(row), label, p);
        });
    return acc.result();
  }

  /**
   * Predicts every rating of {@code part} (test or validation) of {@code data} with {@code ranker}
   * and hands each prediction to {@code visitor}, in file order. Each user is scored once, all
   * their held-out movies in one call, from their context before {@code part} ({@link
   * ServingStores#before}).
   *
   * @throws IllegalArgumentException if {@code part} is the training part
   * @throws IOException if a rating's user or movie is not in the data set's catalogue
   */
  public static void forEachPrediction(
      RankingModel ranker, PreparedDataset data, Part part, PredictionVisitor visitor)
      throws IOException {
    checkNotNull(ranker, "ranker");
    checkNotNull(visitor, "visitor");
    checkArgument(part != Part.TRAIN, "evaluate on the test or validation part, not train");
    SplitRatings ratings = data.ratings();
    Map<Integer, Movie> movies = data.movies();
    Map<Integer, List<Integer>> rowsOfUser = new LinkedHashMap<>();
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == part) {
        rowsOfUser.computeIfAbsent(ratings.user(i), u -> new ArrayList<>()).add(i);
      }
    }
    UserStore users = ServingStores.before(data, part).users();
    float[] predictions = new float[ratings.size()];
    for (Map.Entry<Integer, List<Integer>> e : rowsOfUser.entrySet()) {
      UserContext user =
          users
              .context(e.getKey())
              .orElseThrow(
                  () ->
                      new IOException(
                          data.directory()
                              + ": user "
                              + e.getKey()
                              + " of a "
                              + part.name().toLowerCase()
                              + " rating is not in the data set's users"));
      List<Movie> list = new ArrayList<>(e.getValue().size());
      for (int row : e.getValue()) {
        Movie m = movies.get(ratings.movie(row));
        if (m == null) {
          throw new IOException(
              data.directory()
                  + ": movie "
                  + ratings.movie(row)
                  + " of a "
                  + part.name().toLowerCase()
                  + " rating is not in the data set's movies");
        }
        list.add(m);
      }
      float[] p = ranker.score(user, list);
      for (int k = 0; k < p.length; k++) {
        int row = e.getValue().get(k);
        predictions[row] = p[k];
      }
    }
    for (int i = 0; i < ratings.size(); i++) {
      if (ratings.part(i) == part) {
        visitor.visit(i, ratings.score(i), predictions[i]);
      }
    }
  }

  /** The metrics of {@code model} on the samples in {@code samples} (a file or a directory). */
  public static RatingMetrics evaluate(SlotModel model, Path samples) throws IOException {
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    forEachSample(model, samples, (logId, label, p) -> acc.add(p, label));
    return acc.result();
  }

  /**
   * The metrics of {@code model} on the samples in {@code samples}; also writes one line per sample
   * to {@code dump}, raw ids looked up by the sample's log id in {@code ratings}.
   *
   * @param ratings maps log ids to raw ids: the ratings of the data set the samples are from
   * @param dump receives {@code user \t movie \t label \t prediction} lines
   * @throws IOException if a sample's log id is not in {@code ratings}, naming the file and id
   */
  public static RatingMetrics evaluate(
      SlotModel model, Path samples, SplitRatings ratings, Writer dump) throws IOException {
    checkNotNull(ratings, "ratings");
    checkNotNull(dump, "dump");
    RatingMetrics.Accumulator acc = new RatingMetrics.Accumulator();
    DumpLine line = new DumpLine(dump);
    forEachSample(
        model,
        samples,
        (logId, label, p) -> {
          int row = ratings.rowOfLogId(logId);
          if (row < 0) {
            throw new IOException(
                samples
                    + ": log id "
                    + logId
                    + " is not in the data set's ratings.tsv (samples from another data set?)");
          }
          acc.add(p, label);
          line.write(ratings.user(row), ratings.movie(row), label, p);
        });
    return acc.result();
  }

  /** Receives each sample's prediction. */
  private interface SampleVisitor {
    void visit(long logId, float label, float prediction) throws IOException;
  }

  private static void forEachSample(SlotModel model, Path samples, SampleVisitor visitor)
      throws IOException {
    SampleBatch batch = new SampleBatch(DEFAULT_BATCH_SIZE, model.encoder().schema());
    try (SampleReader reader =
        SampleReader.open(
            samples, model.encoder().schema(), model.config().sparseFeatureNumber())) {
      while (reader.read(batch)) {
        float[] p = model.predict(batch);
        for (int i = 0; i < batch.size(); i++) {
          visitor.visit(batch.logIds()[i], batch.labels()[i], p[i]);
        }
      }
    }
  }

  /** Writes {@code user \t movie \t label \t prediction} lines. */
  private static final class DumpLine {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(64);

    DumpLine(Writer out) {
      this.out = out;
    }

    void write(int user, int movie, float label, float prediction) throws IOException {
      line.setLength(0);
      line.append(user)
          .append('\t')
          .append(movie)
          .append('\t')
          .append(label == (int) label ? Integer.toString((int) label) : Float.toString(label))
          .append('\t')
          .append(prediction)
          .append('\n');
      out.append(line);
    }
  }
}
