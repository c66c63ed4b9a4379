package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserContext;
import io.movierec.domain.UserProfile;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.SlotSchema;
import io.movierec.recommend.RankingModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The rank model: PaddleRec's DNN. The concat of every slot's embedding (63 numbers with the
 * reference schema) goes through ReLU layers ({@link ModelConfig#fcSizes()}) and one more layer to
 * a single number: {@code prediction = 5 · sigmoid(FC(...))}, trained with mean squared error on
 * the rating.
 *
 * <pre>{@code
 * try (DnnRanker ranker = DnnRanker.newBuilder(encoder).build()) {
 *   Trainer.newBuilder().withEpochs(5).build().fit(ranker, trainDir);
 *   float[] scores = ranker.score(user, candidates);
 * }
 * }</pre>
 */
public final class DnnRanker extends SlotModel implements RankingModel {

  /** The kind name saved with the model. */
  public static final String KIND = "dnn-ranker";

  /** Movies whose feasign rows are kept: hashing titles on every call is not free. */
  static final long MOVIE_ROW_CACHE = 100_000;

  private final Cache<Movie, int[]> movieRows =
      CacheBuilder.newBuilder().maximumSize(MOVIE_ROW_CACHE).build();

  private DnnRanker(
      FeatureEncoder encoder,
      ModelConfig config,
      RuntimeOptions runtime,
      @Nullable String checkpoint,
      @Nullable InferenceWeights serving,
      int completedEpochs,
      @Nullable TrainedRows trainedRows) {
    super(KIND, encoder, config, runtime, checkpoint, serving, completedEpochs, trainedRows);
  }

  /** A builder for a new ranker reading its inputs with {@code encoder}. */
  public static Builder newBuilder(FeatureEncoder encoder) {
    return new Builder(encoder);
  }

  /** Loads a ranker saved by {@link #save} for serving ({@link RuntimeOptions#SERVING}). */
  public static DnnRanker load(Path directory) throws IOException {
    return load(directory, RuntimeOptions.SERVING);
  }

  /**
   * Loads a ranker saved by {@link #save}; its files are verified first.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if one fails its check
   */
  public static DnnRanker load(Path directory, RuntimeOptions runtime) throws IOException {
    Saved s = readSaved(directory, KIND);
    DnnRanker model =
        new DnnRanker(
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
  DnnRanker servingCopy(InferenceWeights weights) {
    DnnRanker copy =
        new DnnRanker(encoder(), config(), runtime(), null, weights, completedEpochs(), null);
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
        Layers.reluTower(tf, "rank_tower", x, width, c.fcSizes(), c.seed() + 303, dense);
    int last = c.fcSizes().get(c.fcSizes().size() - 1);
    Operand<TFloat32> logit =
        tf.reshape(
            Layers.dense(tf, "rank_out", h, last, 1, c.seed() + 404, dense),
            tf.constant(new int[] {-1}));
    if (c.wide()) {
      // Wide & deep: one learned weight per feasign, pooled per slot as the embeddings are,
      // summed into the logit. Starts at zero, so the model starts as the deep part alone.
      EmbeddingTable wide = in.tables().create("wide", 1);
      SlotSchema schema = encoder().schema();
      boolean mask = !c.lazyEmbeddingUpdates();
      Operand<TFloat32> u =
          Layers.poolSlots(
              tf, wide.lookup(in.userIds(), mask), in.userIds(), schema.userSlots(), 1);
      Operand<TFloat32> m =
          Layers.poolSlots(
              tf, wide.lookup(in.movieIds(), mask), in.movieIds(), schema.movieSlots(), 1);
      logit =
          tf.math.add(
              logit, tf.math.add(tf.reduceSum(u, tf.constant(1)), tf.reduceSum(m, tf.constant(1))));
    }
    Operand<TFloat32> labels = in.labels();
    Operand<TFloat32> prediction =
        tf.withName("prediction").math.mul(tf.math.sigmoid(logit), tf.constant(5f));
    Operand<TFloat32> loss =
        tf.withName("loss")
            .math
            .mean(tf.math.squaredDifference(prediction, labels), tf.constant(0));
    return new Network(prediction, loss, Map.of());
  }

  /** Predicted ratings of {@code movies} for a known user, in list order. */
  public float[] score(User user, List<Movie> movies) {
    return score(encoder().encodeUser(user), movies);
  }

  /** Predicted ratings of {@code movies} for a user in context (with history, if read). */
  @Override
  public float[] score(UserContext user, List<Movie> movies) {
    return score(encoder().encodeUser(user), movies);
  }

  /** Predicted ratings of {@code movies} for a new user known only by demographics. */
  public float[] score(UserProfile profile, List<Movie> movies) {
    return score(encoder().encodeNewUser(profile), movies);
  }

  private float[] score(int[] userRow, List<Movie> movies) {
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
    return score(userRow, rows, movies.size());
  }

  /**
   * Predicted ratings of {@code n} movies given as feasign rows ({@code n × movieWidth} ids) for
   * one user's feasign row.
   */
  public float[] score(int[] userRow, int[] movieRows, int n) {
    int uw = encoder().schema().userWidth();
    checkArgument(userRow.length == uw, "user row has %s ids, expected %s", userRow.length, uw);
    int[] users = new int[n * uw];
    for (int i = 0; i < n; i++) {
      System.arraycopy(userRow, 0, users, i * uw, uw);
    }
    return predict(users, movieRows, n);
  }

  /** Builder of a {@link DnnRanker}; see {@link ModelBuilder} for the settings. */
  public static final class Builder extends ModelBuilder<Builder, DnnRanker> {
    private Builder(FeatureEncoder encoder) {
      super(encoder);
    }

    @Override
    public DnnRanker build() {
      ModelConfig c = config();
      checkArgument(
          c.objective() == Objective.MSE,
          "the ranker is trained on ratings: objective must be mse, got %s",
          c.objective());
      return new DnnRanker(encoder, c, runtime(), null, null, 0, null);
    }
  }
}
