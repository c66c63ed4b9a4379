package io.movierec.blend;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.data.MalformedDataException;
import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.io.AtomicFiles;
import io.movierec.prepare.PreparedDataset;
import io.movierec.prepare.SplitRatings;
import io.movierec.recommend.RankingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rank model's prediction weighed together with the {@link RatingStatistics} features by a few
 * weights fitted on held-out ratings: stacking, as in the Netflix Prize blends.
 *
 * <p>Why: the ranker learns every weight from ratings it is trained on, and on those a user's and a
 * movie's own embeddings already hold the answer. The rating to predict in a leave-latest-out split
 * (and in serving) is the user's next one, which no model has seen; how much it follows the user's
 * recent ratings and the movie's neighbours is best measured on ratings like it. So the weights are
 * fitted, by least squares, on the validation split (each user's latest training rating, held out
 * from a ranker trained on the rest; {@link #fitOnValidation}) and then applied unchanged to a
 * ranker trained on everything but the test split. The test split is never read.
 *
 * <pre>
 *   prediction = clip(w0 + w1 * ranker + w2 * movie_baseline + ... + w6 * neighbour_residual,
 *                     min, max)
 * </pre>
 *
 * with {@code min} and {@code max} the lowest and highest rating it was fitted on. Immutable and
 * thread-safe.
 */
public final class RatingBlend {

  /** The names of the inputs, in the order of {@link #weights()}. */
  public static final List<String> INPUTS = inputs();

  /**
   * Added to the diagonal of the normal equations (times the number of rows), so that inputs that
   * never vary, or vary together, still get finite weights.
   */
  public static final double RIDGE = 1e-6;

  private static final Logger LOG = LoggerFactory.getLogger(RatingBlend.class);
  private static final String FORMAT = "movierec-rating-blend";
  private static final int VERSION = 1;

  private final double[] weights;
  private final float min;
  private final float max;

  private RatingBlend(double[] weights, float min, float max) {
    checkArgument(
        weights.length == INPUTS.size(), "%s weights for %s inputs", weights.length, INPUTS.size());
    for (int i = 0; i < weights.length; i++) {
      checkArgument(
          Double.isFinite(weights[i]), "weight of %s is not finite: %s", INPUTS.get(i), weights[i]);
    }
    checkArgument(
        Float.isFinite(min) && Float.isFinite(max) && min <= max,
        "bad clipping range %s..%s",
        min,
        max);
    this.weights = weights.clone();
    this.min = min;
    this.max = max;
  }

  private static List<String> inputs() {
    List<String> names = new ArrayList<>();
    names.add("constant");
    names.add("ranker");
    names.addAll(RatingStatistics.FEATURES);
    return List.copyOf(names);
  }

  /** The figures of one {@link #fitOnValidation} run, both on the ratings it was fitted on. */
  public record Fit(RatingBlend blend, RatingMetrics ranker, RatingMetrics blended) {}

  /**
   * Fits a blend on the validation split of {@code data}: {@code ranker} must have been trained on
   * its training part only. Each validation rating is predicted as {@link
   * RatingEvaluator#forEachPrediction} predicts it; the features come from the training ratings.
   *
   * @throws IllegalArgumentException if {@code data} has no validation split
   */
  public static Fit fitOnValidation(RankingModel ranker, PreparedDataset data) throws IOException {
    if (data.validationData().isEmpty()) {
      throw new IllegalArgumentException(
          data.directory() + " has no validation split (prepare it with --validation)");
    }
    SplitRatings ratings = data.ratings();
    RatingStatistics stats = RatingStatistics.before(ratings, SplitRatings.Part.VALIDATION);
    List<double[]> inputs = new ArrayList<>();
    List<Float> labels = new ArrayList<>();
    RatingMetrics.Accumulator alone = new RatingMetrics.Accumulator();
    RatingEvaluator.forEachPrediction(
        ranker,
        data,
        SplitRatings.Part.VALIDATION,
        (row, label, prediction) -> {
          inputs.add(inputsOf(prediction, stats.features(ratings.user(row), ratings.movie(row))));
          labels.add(label);
          alone.add(prediction, label);
        });
    double[] y = new double[labels.size()];
    Arrays.setAll(y, i -> labels.get(i));
    RatingBlend blend = fit(inputs.toArray(double[][]::new), y);
    RatingMetrics.Accumulator blended = new RatingMetrics.Accumulator();
    for (int i = 0; i < y.length; i++) {
      blended.add(blend.predictInputs(inputs.get(i)), (float) y[i]);
    }
    Fit fit = new Fit(blend, alone.result(), blended.result());
    LOG.info(
        "blend fitted on {} validation ratings: ranker alone {}; blended {}",
        y.length,
        fit.ranker(),
        fit.blended());
    return fit;
  }

  /**
   * The least-squares weights for predicting {@code labels} from {@code inputs}, one row of {@link
   * #INPUTS} values per rating; predictions are clipped to the labels' range.
   *
   * @throws IllegalArgumentException if there are no rows, a row has the wrong length, or a value
   *     is not finite
   */
  public static RatingBlend fit(double[][] inputs, double[] labels) {
    checkArgument(inputs.length > 0, "no ratings to fit a blend on");
    checkArgument(
        inputs.length == labels.length,
        "%s input rows for %s labels",
        inputs.length,
        labels.length);
    int k = INPUTS.size();
    double[][] a = new double[k][k + 1];
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int r = 0; r < inputs.length; r++) {
      double[] x = inputs[r];
      checkArgument(x.length == k, "row %s has %s inputs, expected %s", r, x.length, k);
      checkArgument(Double.isFinite(labels[r]), "label of row %s is not finite", r);
      for (int i = 0; i < k; i++) {
        checkArgument(Double.isFinite(x[i]), "input %s of row %s is not finite", INPUTS.get(i), r);
        for (int j = 0; j < k; j++) {
          a[i][j] += x[i] * x[j];
        }
        a[i][k] += x[i] * labels[r];
      }
      min = Math.min(min, (float) labels[r]);
      max = Math.max(max, (float) labels[r]);
    }
    for (int i = 0; i < k; i++) {
      a[i][i] += RIDGE * inputs.length;
    }
    return new RatingBlend(solve(a), min, max);
  }

  /** Gaussian elimination with partial pivoting of an augmented k × (k + 1) system. */
  private static double[] solve(double[][] a) {
    int k = a.length;
    for (int col = 0; col < k; col++) {
      int pivot = col;
      for (int r = col + 1; r < k; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      for (int r = col + 1; r < k; r++) {
        double f = a[r][col] / a[col][col];
        for (int c = col; c <= k; c++) {
          a[r][c] -= f * a[col][c];
        }
      }
    }
    double[] w = new double[k];
    for (int r = k - 1; r >= 0; r--) {
      double s = a[r][k];
      for (int c = r + 1; c < k; c++) {
        s -= a[r][c] * w[c];
      }
      w[r] = s / a[r][r];
    }
    return w;
  }

  private static double[] inputsOf(float rankerPrediction, double[] features) {
    checkArgument(
        features.length == RatingStatistics.FEATURES.size(),
        "%s features, expected %s",
        features.length,
        RatingStatistics.FEATURES.size());
    double[] x = new double[INPUTS.size()];
    x[0] = 1;
    x[1] = rankerPrediction;
    System.arraycopy(features, 0, x, 2, features.length);
    return x;
  }

  private float predictInputs(double[] x) {
    double s = 0;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * x[i];
    }
    return (float) Math.min(max, Math.max(min, s));
  }

  /**
   * The blended prediction.
   *
   * @param rankerPrediction the rank model's prediction
   * @param features {@link RatingStatistics#features} of the same user and movie
   */
  public float predict(float rankerPrediction, double[] features) {
    return predictInputs(inputsOf(rankerPrediction, features));
  }

  /** The weights, in the order of {@link #INPUTS}. */
  public List<Double> weights() {
    return Arrays.stream(weights).boxed().toList();
  }

  /** The lowest prediction. */
  public float min() {
    return min;
  }

  /** The highest prediction. */
  public float max() {
    return max;
  }

  /** One line, e.g. {@code constant=0.40 ranker=0.42 ... [1, 5]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < weights.length; i++) {
      sb.append(INPUTS.get(i))
          .append('=')
          .append(String.format(Locale.ROOT, "%.4f", weights[i]))
          .append(' ');
    }
    return sb.append('[').append(min).append(", ").append(max).append(']').toString();
  }

  /**
   * Writes the blend as text lines {@code key=value} (atomically): its format, the clipping range
   * and one {@code weight.NAME} per input. {@link #load} reads it back exactly.
   */
  public void save(Path file) throws IOException {
    AtomicFiles.write(
        file,
        os -> {
          Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
          w.write("# prediction = clip(sum of weight.NAME * NAME, min, max); see RatingBlend\n");
          w.write("format=" + FORMAT + " " + VERSION + "\n");
          w.write("min=" + min + "\n");
          w.write("max=" + max + "\n");
          for (int i = 0; i < weights.length; i++) {
            w.write("weight." + INPUTS.get(i) + "=" + weights[i] + "\n");
          }
          w.flush();
        });
  }

  /**
   * Reads a blend {@link #save} wrote.
   *
   * @throws MalformedDataException naming the file, line and key, for an unknown or repeated key, a
   *     value that is not a number, another format, or a missing key
   */
  public static RatingBlend load(Path file) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(List.of("format", "min", "max"));
    INPUTS.forEach(name -> keys.add("weight." + name));
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
          throw new MalformedDataException(file, n, null, line, "is not key=value");
        }
        String key = line.substring(0, eq).trim();
        if (!keys.contains(key)) {
          throw new MalformedDataException(
              file,
              n,
              key,
              line,
              "is not a key of a blend (keys: " + String.join(", ", keys) + ")");
        }
        if (values.put(key, line.substring(eq + 1).trim()) != null) {
          throw new MalformedDataException(file, n, key, line, "repeats the key");
        }
        lines.put(key, n);
      }
    }
    for (String key : keys) {
      if (!values.containsKey(key)) {
        throw new MalformedDataException(file, file + " has no " + key + " (not a saved blend?)");
      }
    }
    String format = FORMAT + " " + VERSION;
    if (!values.get("format").equals(format)) {
      throw new MalformedDataException(
          file, lines.get("format"), "format", values.get("format"), "is not " + format);
    }
    double[] w = new double[INPUTS.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = number(file, lines, values, "weight." + INPUTS.get(i));
    }
    float min = (float) number(file, lines, values, "min");
    float max = (float) number(file, lines, values, "max");
    if (min > max) {
      throw new MalformedDataException(
          file, lines.get("max"), "max", values.get("max"), "is below min " + min);
    }
    return new RatingBlend(w, min, max);
  }

  private static double number(
      Path file, Map<String, Integer> lines, Map<String, String> values, String key) {
    String text = values.get(key);
    try {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new MalformedDataException(file, lines.get(key), key, text, "is not a finite number");
  }
}
