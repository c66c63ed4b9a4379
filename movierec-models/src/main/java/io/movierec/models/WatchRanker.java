package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.movierec.domain.Movie;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.SlotSchema;
import io.movierec.recommend.RankScores;
import io.movierec.recommend.RankingModel;
import io.movierec.samples.SampleBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.framework.losses.BinaryCrossentropy;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The watch ranker: scores how likely a user is to watch each candidate next, and predicts the
 * rating as a second output. One multi-task network: the concat of every slot's embedding goes
 * through the ReLU tower of {@link ModelConfig#fcSizes()}, and two heads read its last layer —
 * {@code watch = sigmoid(FC(...))} and {@code rating = 5 · sigmoid(FC(...))} (with {@link
 * ModelConfig#wide()}, each head also adds its own linear per-feasign part).
 *
 * <p>Training ({@link Objective#WATCH}): every training rating is a positive; for each, a {@link
 * NegativeSampler} adds movies the user never rated, with the user's slots of the positive (the
 * same history and recent scores as at the positive's time) and only the movie slots changed. The
 * loss is the binary cross entropy of the watch head over positives and negatives plus the mean
 * squared error of the rating head over the positives alone. {@link #score} returns the rating
 * head, so rating evaluation and {@link io.movierec.blend.BlendedRanker} work as with {@link
 * DnnRanker}; {@link #scores} returns both.
 *
 * <pre>{@code
 * NegativeSampler negatives = NegativeSampler.newBuilder(data)
 *     .withHardCandidates(recall, 100).build();
 * try (WatchRanker ranker = WatchRanker.newBuilder(data.encoder()).withNegatives(negatives).build()) {
 *   Trainer.newBuilder().withEpochs(3).build().fit(ranker, data.trainData());
 *   RankScores s = ranker.scores(user, candidates);
 * }
 * }</pre>
 */
public final class WatchRanker extends SlotModel implements RankingModel {

  /** The kind name saved with the model. */
  public static final String KIND = "watch-ranker";

  /** The named output of the watch head. */
  static final String WATCH = "watch";

  private final Cache<Movie, int[]> movieRows =
      CacheBuilder.newBuilder().maximumSize(DnnRanker.MOVIE_ROW_CACHE).build();
  private final @Nullable NegativeSampler negatives;
  private @Nullable SampleBatch expanded;
  private int[] drawn = new int[0];

  private WatchRanker(
      FeatureEncoder encoder,
      ModelConfig config,
      RuntimeOptions runtime,
      @Nullable String checkpoint,
      @Nullable InferenceWeights serving,
      int completedEpochs,
      @Nullable TrainedRows trainedRows,
      @Nullable NegativeSampler negatives) {
    super(KIND, encoder, config, runtime, checkpoint, serving, completedEpochs, trainedRows);
    this.negatives = negatives;
  }

  /** A builder for a new watch ranker reading its inputs with {@code encoder}. */
  public static Builder newBuilder(FeatureEncoder encoder) {
    return new Builder(encoder);
  }

  /** Loads a watch ranker saved by {@link #save} for serving ({@link RuntimeOptions#SERVING}). */
  public static WatchRanker load(Path directory) throws IOException {
    return load(directory, RuntimeOptions.SERVING, null);
  }

  /**
   * Loads a watch ranker saved by {@link #save}; its files are verified first. To train it further,
   * give the sampler of its negatives; for inference, null.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if one fails its check
   */
  public static WatchRanker load(
      Path directory, RuntimeOptions runtime, @Nullable NegativeSampler negatives)
      throws IOException {
    Saved s = readSaved(directory, KIND);
    checkSampler(s.encoder(), negatives);
    WatchRanker model =
        new WatchRanker(
            s.encoder(),
            s.config(),
            runtime,
            s.checkpoint(),
            s.serving(),
            s.completedEpochs(),
            s.trainedRows(),
            negatives);
    model.recordProvenance(s.provenance());
    return model;
  }

  private static void checkSampler(FeatureEncoder encoder, @Nullable NegativeSampler negatives) {
    if (negatives != null) {
      checkArgument(
          negatives.encoder().schema().spec().equals(encoder.schema().spec())
              && negatives.encoder().hasher().spec().equals(encoder.hasher().spec()),
          "the negative sampler encodes movies with %s, the ranker reads %s",
          negatives.encoder(),
          encoder);
    }
  }

  @Override
  WatchRanker servingCopy(InferenceWeights weights) {
    WatchRanker copy =
        new WatchRanker(
            encoder(), config(), runtime(), null, weights, completedEpochs(), null, null);
    copy.recordProvenance(provenance());
    return copy;
  }

  @Override
  Network buildNetwork(Inputs in) {
    Ops tf = in.tf();
    ModelConfig c = config();
    List<Variable<TFloat32>> dense = in.denseVariables();
    int width = in.userFeatureWidth() + in.movieFeatureWidth();
    Operand<TFloat32> x = tf.concat(List.of(in.userFeatures(), in.movieFeatures()), tf.constant(1));
    Operand<TFloat32> h =
        Layers.reluTower(tf, "watch_tower", x, width, c.fcSizes(), c.seed() + 303, dense);
    int last = c.fcSizes().get(c.fcSizes().size() - 1);
    Operand<TFloat32> watchLogit = head(tf, "watch_out", h, last, c.seed() + 404, dense);
    Operand<TFloat32> ratingLogit = head(tf, "rating_out", h, last, c.seed() + 505, dense);
    if (c.wide()) {
      watchLogit = tf.math.add(watchLogit, wide(tf, in, "wide_watch"));
      ratingLogit = tf.math.add(ratingLogit, wide(tf, in, "wide_rating"));
    }
    Operand<TFloat32> labels = in.labels();
    Operand<TFloat32> rating =
        tf.withName("prediction").math.mul(tf.math.sigmoid(ratingLogit), tf.constant(5f));
    Operand<TFloat32> watch = tf.withName(WATCH).math.sigmoid(watchLogit);
    // A positive carries its rating (1..5) as the label, a negative 0.
    Operand<TFloat32> positive =
        tf.dtypes.cast(tf.math.greater(labels, tf.constant(0f)), TFloat32.class);
    Operand<TInt32> column = tf.constant(new int[] {-1, 1});
    Operand<TFloat32> crossEntropy =
        new BinaryCrossentropy(true)
            .call(tf, tf.reshape(positive, column), tf.reshape(watchLogit, column), null);
    Operand<TFloat32> squaredError =
        tf.math.div(
            tf.reduceSum(
                tf.math.mul(positive, tf.math.squaredDifference(rating, labels)), tf.constant(0)),
            tf.math.maximum(tf.reduceSum(positive, tf.constant(0)), tf.constant(1f)));
    Operand<TFloat32> loss = tf.withName("loss").math.add(crossEntropy, squaredError);
    return new Network(rating, loss, Map.of(WATCH, watch));
  }

  /**
   * A head: one output unit on the tower's last layer, {@code [batch]}, its weights drawn by the
   * framework's Glorot initialiser, its bias zero.
   */
  private static Operand<TFloat32> head(
      Ops tf, String name, Operand<TFloat32> h, int in, long seed, List<Variable<TFloat32>> dense) {
    Operand<TFloat32> init =
        new Glorot<TFloat32>(VarianceScaling.Distribution.TRUNCATED_NORMAL, seed)
            .call(tf, tf.constant(new long[] {in, 1}), TFloat32.class);
    Variable<TFloat32> w = tf.withName(name + "_w").variable(init);
    Variable<TFloat32> b =
        tf.withName(name + "_b").variable(tf.zeros(tf.constant(new long[] {1}), TFloat32.class));
    dense.add(w);
    dense.add(b);
    return tf.reshape(tf.nn.biasAdd(tf.linalg.matMul(h, w), b), tf.constant(new int[] {-1}));
  }

  /** A wide part: one learned weight per feasign (zero at first), summed over every slot. */
  private Operand<TFloat32> wide(Ops tf, Inputs in, String name) {
    EmbeddingTable wide = in.tables().create(name, 1);
    SlotSchema schema = encoder().schema();
    boolean mask = !config().lazyEmbeddingUpdates();
    Operand<TFloat32> u =
        Layers.poolSlots(tf, wide.lookup(in.userIds(), mask), in.userIds(), schema.userSlots(), 1);
    Operand<TFloat32> m =
        Layers.poolSlots(
            tf, wide.lookup(in.movieIds(), mask), in.movieIds(), schema.movieSlots(), 1);
    return tf.math.add(tf.reduceSum(u, tf.constant(1)), tf.reduceSum(m, tf.constant(1)));
  }

  // ---- training ----

  /**
   * One step on the batch's positives and, for each, the sampler's negatives: the user's slots of
   * the positive, a movie the user never rated, label 0.
   */
  @Override
  float trainStep(SampleBatch batch) {
    checkState(
        negatives != null,
        "the watch ranker trains on positives and sampled negatives: build it withNegatives(...)");
    int k = negatives.negativesPerPositive();
    int n = batch.size();
    int capacity = n * (1 + k);
    if (expanded == null || expanded.capacity() < capacity) {
      expanded = new SampleBatch(capacity, batch.userWidth(), batch.movieWidth());
      drawn = new int[k];
    }
    SampleBatch out = expanded;
    out.clear();
    int uw = batch.userWidth();
    int mw = batch.movieWidth();
    int[] rows = negatives.movieRows();
    for (int i = 0; i < n; i++) {
      long logId = batch.logIds()[i];
      long time = batch.times()[i];
      float label = batch.labels()[i];
      if (!(label > 0)) {
        throw new IllegalArgumentException(
            "training rating " + logId + " has label " + label + ": ratings must be positive");
      }
      out.add(logId, time, batch.userIds(), i * uw, batch.movieIds(), i * mw, label);
      int got = negatives.sample(negatives.userOfLogId(logId), drawn);
      for (int t = 0; t < got; t++) {
        out.add(logId, time, batch.userIds(), i * uw, rows, drawn[t] * mw, 0f);
      }
    }
    return super.trainStep(out);
  }

  // ---- inference ----

  /** Predicted ratings of {@code movies} for a user in context: the rating head. */
  @Override
  public float[] score(UserContext user, List<Movie> movies) {
    return scores(user, movies).rating();
  }

  /** Watch probabilities and predicted ratings of {@code movies} for a user in context. */
  @Override
  public RankScores scores(UserContext user, List<Movie> movies) {
    return scores(encoder().encodeUser(user), movies);
  }

  /** Both outputs for a new user known only by demographics. */
  public RankScores scores(UserProfile profile, List<Movie> movies) {
    return scores(encoder().encodeNewUser(profile), movies);
  }

  /** Always true: {@link #scores} gives watch probabilities. */
  @Override
  public boolean predictsWatching() {
    return true;
  }

  private RankScores scores(int[] userRow, List<Movie> movies) {
    checkArgument(!movies.isEmpty(), "no movies to score");
    int w = encoder().schema().movieWidth();
    int[] rows = new int[movies.size() * w];
    for (int i = 0; i < movies.size(); i++) {
      Movie m = movies.get(i);
      int[] row = movieRows.getIfPresent(m);
      if (row == null) {
        row = encoder().encodeMovie(m);
        movieRows.put(m, row);
      }
      System.arraycopy(row, 0, rows, i * w, w);
    }
    return scores(userRow, rows, movies.size());
  }

  /**
   * Both outputs for {@code n} movies given as feasign rows ({@code n × movieWidth} ids) for one
   * user's feasign row.
   */
  public RankScores scores(int[] userRow, int[] movieRows, int n) {
    int uw = encoder().schema().userWidth();
    checkArgument(userRow.length == uw, "user row has %s ids, expected %s", userRow.length, uw);
    int[] users = new int[n * uw];
    for (int i = 0; i < n; i++) {
      System.arraycopy(userRow, 0, users, i * uw, uw);
    }
    float[][] out = predictWith(WATCH, users, movieRows, n);
    return new RankScores(out[1], out[0]);
  }

  /** Builder of a {@link WatchRanker}; see {@link ModelBuilder} for the settings. */
  public static final class Builder extends ModelBuilder<Builder, WatchRanker> {
    private @Nullable NegativeSampler negatives;

    private Builder(FeatureEncoder encoder) {
      super(encoder);
      withObjective(Objective.WATCH);
    }

    /** The sampler of the negatives to train with (needed to train; not saved with the model). */
    public Builder withNegatives(NegativeSampler negatives) {
      this.negatives = checkNotNull(negatives, "negatives");
      return this;
    }

    @Override
    public WatchRanker build() {
      ModelConfig c = config();
      checkArgument(
          c.objective() == Objective.WATCH,
          "the watch ranker is trained to predict watching: objective must be watch, got %s",
          c.objective());
      checkSampler(encoder, negatives);
      return new WatchRanker(encoder, c, runtime(), null, null, 0, null, negatives);
    }
  }
}
