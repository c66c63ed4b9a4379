package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.features.FeatureEncoder;
import io.movierec.recommend.RecallModel;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The recall model: PaddleRec's simplified DSSM. A user tower and a movie tower — each the concat
 * of its side's slot embeddings through ReLU layers ({@link ModelConfig#fcSizes()}) — meet in
 * {@code prediction = 5 · cos(u, m)}.
 *
 * <p>The towers run separately: {@link #userVector} (a known user, or a brand-new user whose id
 * slot is padding) and {@link #movieVectors} return the unit-length tower outputs, exactly the
 * vectors whose cosine the model was trained on; the vector index stores them.
 *
 * <p>Two objectives: the reference's {@link Objective#MSE} on ratings, and {@link
 * Objective#SAMPLED_SOFTMAX}, an in-batch softmax over movies with log-Q correction, which makes a
 * far better retriever.
 *
 * <pre>{@code
 * try (TwoTowerModel model = TwoTowerModel.newBuilder(encoder)
 *     .withObjective(Objective.SAMPLED_SOFTMAX).build()) {
 *   Trainer.newBuilder().withEpochs(5).build().fit(model, trainDir);
 *   float[] v = model.newUserVector(UserProfile.of("M", 32, 5));
 * }
 * }</pre>
 */
public final class TwoTowerModel extends SlotModel implements RecallModel {

  /** The kind name saved with the model. */
  public static final String KIND = "two-tower";

  private static final String USER_VECTOR = "user_vector";
  private static final String MOVIE_VECTOR = "movie_vector";
  private static final String MOVIE_KEY = "movie_key";
  private static final String MOVIE_LOGQ = "movie_logq";
  private static final float MASKED_LOGIT = 1e9f;

  private final int vectorDimension;

  /** Log of each movie's share of training rows, keyed by {@link #movieKey}; set by training. */
  private volatile Map<Integer, Float> logQ = Map.of();

  private TwoTowerModel(
      FeatureEncoder encoder,
      ModelConfig config,
      RuntimeOptions runtime,
      @Nullable String checkpoint,
      @Nullable InferenceWeights serving,
      int completedEpochs,
      @Nullable TrainedRows trainedRows) {
    super(KIND, encoder, config, runtime, checkpoint, serving, completedEpochs, trainedRows);
    this.vectorDimension = config.fcSizes().get(config.fcSizes().size() - 1);
  }

  /** A builder for a new model reading its inputs with {@code encoder}. */
  public static Builder newBuilder(FeatureEncoder encoder) {
    return new Builder(encoder);
  }

  /** Loads a model saved by {@link #save} for serving ({@link RuntimeOptions#SERVING}). */
  public static TwoTowerModel load(Path directory) throws IOException {
    return load(directory, RuntimeOptions.SERVING);
  }

  /**
   * Loads a model saved by {@link #save}; its files are verified first.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if one fails its check
   */
  public static TwoTowerModel load(Path directory, RuntimeOptions runtime) throws IOException {
    Saved s = readSaved(directory, KIND);
    TwoTowerModel model =
        new TwoTowerModel(
            s.encoder(),
            s.config(),
            runtime,
            s.checkpoint(),
            s.serving(),
            s.completedEpochs(),
            s.trainedRows());
    model.recordProvenance(s.provenance());
    return model;
  }

  @Override
  TwoTowerModel servingCopy(InferenceWeights weights) {
    TwoTowerModel copy =
        new TwoTowerModel(encoder(), config(), runtime(), null, weights, completedEpochs(), null);
    copy.recordProvenance(provenance());
    return copy;
  }

  @Override
  Network buildNetwork(Inputs in) {
    Ops tf = in.tf();
    Operand<TFloat32> userFeatures = in.userFeatures();
    Operand<TFloat32> movieFeatures = in.movieFeatures();
    int userFeatureWidth = in.userFeatureWidth();
    int movieFeatureWidth = in.movieFeatureWidth();
    Operand<TFloat32> labels = in.labels();
    List<Variable<TFloat32>> dense = in.denseVariables();
    ModelConfig c = config();
    Operand<TFloat32> u =
        Layers.reluTower(
            tf, "user_tower", userFeatures, userFeatureWidth, c.fcSizes(), c.seed() + 101, dense);
    Operand<TFloat32> m =
        Layers.reluTower(
            tf,
            "movie_tower",
            movieFeatures,
            movieFeatureWidth,
            c.fcSizes(),
            c.seed() + 202,
            dense);
    Operand<TFloat32> un = tf.withName(USER_VECTOR).identity(Layers.l2Normalize(tf, u));
    Operand<TFloat32> mn = tf.withName(MOVIE_VECTOR).identity(Layers.l2Normalize(tf, m));
    Operand<TFloat32> cos = tf.reduceSum(tf.math.mul(un, mn), tf.constant(1));
    Operand<TFloat32> prediction = tf.withName("prediction").math.mul(cos, tf.constant(5f));
    if (c.objective() == Objective.MSE) {
      Operand<TFloat32> loss =
          tf.withName("loss")
              .math
              .mean(tf.math.squaredDifference(prediction, labels), tf.constant(0));
      return new Network(prediction, loss, Map.of(USER_VECTOR, un, MOVIE_VECTOR, mn));
    }
    // In-batch sampled softmax: row i's positive is column i; other rows of the same movie are
    // masked; log-Q correction subtracts each column movie's log sampling probability.
    Placeholder<TInt32> key =
        tf.withName(MOVIE_KEY).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TFloat32> logq =
        tf.withName(MOVIE_LOGQ).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    Operand<TFloat32> logits =
        tf.math.div(
            tf.linalg.matMul(un, mn, org.tensorflow.op.linalg.MatMul.transposeB(true)),
            tf.constant(c.temperature()));
    if (c.logQCorrection()) {
      logits = tf.math.sub(logits, tf.expandDims(logq, tf.constant(0)));
    }
    Operand<TInt32> n = tf.size(key);
    Operand<TFloat32> eye =
        tf.oneHot(tf.range(tf.constant(0), n, tf.constant(1)), n, tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> sameMovie =
        tf.dtypes.cast(
            tf.math.equal(tf.expandDims(key, tf.constant(1)), tf.expandDims(key, tf.constant(0))),
            TFloat32.class);
    logits =
        tf.math.sub(logits, tf.math.mul(tf.math.sub(sameMovie, eye), tf.constant(MASKED_LOGIT)));
    Operand<TFloat32> logProb = tf.nn.logSoftmax(logits);
    Operand<TFloat32> loss =
        tf.withName("loss")
            .math
            .neg(
                tf.math.mean(
                    tf.reduceSum(tf.math.mul(logProb, eye), tf.constant(1)), tf.constant(0)));
    return new Network(
        prediction,
        loss,
        Map.of(USER_VECTOR, un, MOVIE_VECTOR, mn, MOVIE_KEY, key, MOVIE_LOGQ, logq));
  }

  @Override
  void prepareTraining(Path trainingData) throws IOException {
    if (config().objective() != Objective.SAMPLED_SOFTMAX) {
      return;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    long total = 0;
    SampleBatch batch = new SampleBatch(4096, encoder().schema());
    int width = batch.movieWidth();
    try (SampleReader reader =
        SampleReader.open(trainingData, encoder().schema(), config().sparseFeatureNumber())) {
      while (reader.read(batch)) {
        for (int i = 0; i < batch.size(); i++) {
          counts.merge(movieKey(batch.movieIds(), i * width, width), 1, Integer::sum);
        }
        total += batch.size();
      }
    }
    Map<Integer, Float> lq = new HashMap<>(counts.size() * 2);
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      lq.put(e.getKey(), (float) Math.log((double) e.getValue() / total));
    }
    this.logQ = lq;
  }

  @Override
  void feedTrainingInputs(Session.Runner runner, SampleBatch batch, List<Tensor> owned) {
    if (config().objective() != Objective.SAMPLED_SOFTMAX) {
      return;
    }
    int n = batch.size();
    int width = batch.movieWidth();
    int[] keys = new int[n];
    float[] lq = new float[n];
    float unseen = (float) Math.log(1e-6);
    for (int i = 0; i < n; i++) {
      keys[i] = movieKey(batch.movieIds(), i * width, width);
      lq[i] = logQ.getOrDefault(keys[i], unseen);
    }
    TInt32 k = TInt32.tensorOf(Shape.of(n));
    owned.add(k);
    k.asRawTensor().data().asInts().write(keys);
    runner.feed(this.<TInt32>output(MOVIE_KEY), k);
    runner.feed(this.<TFloat32>output(MOVIE_LOGQ), floats(lq, n, owned));
  }

  /** Identifies a movie by its feasign row (its id slot and content). */
  private static int movieKey(int[] rows, int offset, int width) {
    int h = 1;
    for (int i = offset; i < offset + width; i++) {
      h = 31 * h + rows[i];
    }
    return h;
  }

  /** The length of user and movie vectors: the last of {@link ModelConfig#fcSizes()}. */
  @Override
  public int vectorDimension() {
    return vectorDimension;
  }

  /** The unit-length vector of a known user, without history. */
  public float[] userVector(User user) {
    return userVectors(encoder().encodeUser(user), 1);
  }

  /** The unit-length vector of a user in context (with the history, if the schema reads it). */
  @Override
  public float[] userVector(UserContext user) {
    return userVectors(encoder().encodeUser(user), 1);
  }

  /** The unit-length vector of a brand-new user known only by demographics. */
  public float[] newUserVector(UserProfile profile) {
    return userVectors(encoder().encodeNewUser(profile), 1);
  }

  /**
   * Vectors for {@code n} users given as feasign rows ({@code n × userWidth} ids), flat: user
   * {@code i} is {@code [i*d, (i+1)*d)} with {@code d = vectorDimension()}.
   */
  public float[] userVectors(int[] userRows, int n) {
    return runSide(true, userRows, n, USER_VECTOR, vectorDimension);
  }

  /** The unit-length vector of one movie. */
  public float[] movieVector(Movie movie) {
    return movieVectors(encoder().encodeMovie(movie), 1);
  }

  /** Vectors for movies, flat, in list order. */
  @Override
  public float[] movieVectors(List<Movie> movies) {
    checkArgument(!movies.isEmpty(), "no movies");
    int w = encoder().schema().movieWidth();
    int[] rows = new int[movies.size() * w];
    for (int i = 0; i < movies.size(); i++) {
      encoder().encodeMovie(movies.get(i), rows, i * w);
    }
    return movieVectors(rows, movies.size());
  }

  /** Vectors for {@code n} movies given as feasign rows, flat. */
  public float[] movieVectors(int[] movieRows, int n) {
    return runSide(false, movieRows, n, MOVIE_VECTOR, vectorDimension);
  }

  /** Builder of a {@link TwoTowerModel}; see {@link ModelBuilder} for the settings. */
  public static final class Builder extends ModelBuilder<Builder, TwoTowerModel> {
    private Builder(FeatureEncoder encoder) {
      super(encoder);
    }

    @Override
    public TwoTowerModel build() {
      ModelConfig c = config();
      checkArgument(
          c.objective() != Objective.WATCH,
          "the watch objective is the watch ranker's: use mse or sampled_softmax for recall");
      return new TwoTowerModel(encoder, c, runtime(), null, null, 0, null);
    }
  }
}
