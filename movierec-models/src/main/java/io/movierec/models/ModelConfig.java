package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The hyper-parameters of a model, saved with its weights. The defaults are PaddleRec's movie
 * example ({@code hyper_parameters} of its {@code config.yaml}).
 *
 * @param sparseFeatureNumber rows of the shared embedding table; row 0 is padding and is never
 *     updated. At least the hasher's bucket count; rows × {@code sparseFeatureDim} at most {@link
 *     #MAX_EMBEDDING_VALUES}.
 * @param sparseFeatureDim width of an embedding row, 1 to {@link #MAX_SPARSE_FEATURE_DIM}
 * @param fcSizes widths of the hidden fully connected layers (ReLU) of each tower, each 1 to {@link
 *     #MAX_FC_SIZE}
 * @param optimizer the optimiser
 * @param learningRate its learning rate (in the first epoch)
 * @param learningRateDecay each epoch's learning rate is the previous epoch's times this; 1 keeps
 *     it constant, as the reference does
 * @param objective what the model is trained for ({@link Objective#SAMPLED_SOFTMAX} only for the
 *     two-tower model)
 * @param temperature divides the cosine logits of the sampled softmax
 * @param logQCorrection subtract log(sampling probability) from the sampled-softmax logits
 * @param lazyEmbeddingUpdates update only the embedding rows a batch touches (true), or the whole
 *     table every step as a dense optimiser would (false; about 20x slower, kept for comparison)
 * @param embeddingL2 weight of an L2 penalty on the embedding rows a batch looks up (0 = none)
 * @param wide ranker only: add a linear "wide" part, one weight per feasign, to the deep logit
 * @param seed seeds the weight initialisation
 */
public record ModelConfig(
    int sparseFeatureNumber,
    int sparseFeatureDim,
    List<Integer> fcSizes,
    OptimizerKind optimizer,
    float learningRate,
    float learningRateDecay,
    Objective objective,
    float temperature,
    boolean logQCorrection,
    boolean lazyEmbeddingUpdates,
    float embeddingL2,
    boolean wide,
    long seed) {

  /** PaddleRec's {@code sparse_feature_number}. */
  public static final int DEFAULT_SPARSE_FEATURE_NUMBER = 600_000;

  /** PaddleRec's {@code sparse_feature_dim}. */
  public static final int DEFAULT_SPARSE_FEATURE_DIM = 9;

  /**
   * The most values the embedding table may hold, {@code sparse_feature_number ×
   * sparse_feature_dim} (2^31 - 9, the largest Java array: the table is read back whole). At 4
   * bytes a value and three copies for Adam that is already 24 GiB.
   */
  public static final long MAX_EMBEDDING_VALUES = Integer.MAX_VALUE - 8;

  /** The widest embedding row, {@code sparse_feature_dim} (the reference uses 9). */
  public static final int MAX_SPARSE_FEATURE_DIM = 4_096;

  /** The widest hidden layer, each entry of {@code fc_sizes} (the reference's widest is 512). */
  public static final int MAX_FC_SIZE = 16_384;

  /** PaddleRec's {@code fc_sizes}. */
  public static final List<Integer> DEFAULT_FC_SIZES = List.of(512, 256, 128, 32);

  /** PaddleRec's optimiser. */
  public static final OptimizerKind DEFAULT_OPTIMIZER = OptimizerKind.ADAM;

  /** PaddleRec's learning rate. */
  public static final float DEFAULT_LEARNING_RATE = 0.001f;

  /** A constant learning rate, as the reference's. */
  public static final float DEFAULT_LEARNING_RATE_DECAY = 1f;

  /** The sampled-softmax temperature. */
  public static final float DEFAULT_TEMPERATURE = 0.1f;

  /** The default initialisation seed. */
  public static final long DEFAULT_SEED = 2024L;

  public ModelConfig {
    checkArgument(
        sparseFeatureNumber >= 2,
        "sparse_feature_number must be at least 2, got %s",
        sparseFeatureNumber);
    checkArgument(
        sparseFeatureDim >= 1 && sparseFeatureDim <= MAX_SPARSE_FEATURE_DIM,
        "sparse_feature_dim must be in 1..%s, got %s",
        MAX_SPARSE_FEATURE_DIM,
        sparseFeatureDim);
    checkArgument(
        (long) sparseFeatureNumber * sparseFeatureDim <= MAX_EMBEDDING_VALUES,
        "%s",
        tableTooLarge(sparseFeatureNumber, sparseFeatureDim).orElse(""));
    checkNotNull(fcSizes, "fc_sizes");
    fcSizes = List.copyOf(fcSizes);
    checkArgument(!fcSizes.isEmpty(), "fc_sizes must name at least one layer");
    for (int s : fcSizes) {
      checkArgument(
          s >= 1 && s <= MAX_FC_SIZE,
          "fc_sizes entries must be in 1..%s, got %s",
          MAX_FC_SIZE,
          fcSizes);
    }
    checkNotNull(optimizer, "optimizer");
    checkArgument(
        learningRate > 0 && Float.isFinite(learningRate),
        "learning_rate must be positive, got %s",
        learningRate);
    checkArgument(
        learningRateDecay > 0 && learningRateDecay <= 1,
        "learning_rate_decay must be in (0, 1], got %s",
        learningRateDecay);
    checkNotNull(objective, "objective");
    checkArgument(
        temperature > 0 && Float.isFinite(temperature),
        "temperature must be positive, got %s",
        temperature);
    checkArgument(
        embeddingL2 >= 0 && Float.isFinite(embeddingL2),
        "embedding_l2 must not be negative, got %s",
        embeddingL2);
  }

  /**
   * Why a table of {@code rows × dim} is refused, or empty if it is not: it must hold at most
   * {@link #MAX_EMBEDDING_VALUES} values.
   */
  public static Optional<String> tableTooLarge(int rows, int dim) {
    long values = (long) rows * dim;
    return values <= MAX_EMBEDDING_VALUES
        ? Optional.empty()
        : Optional.of(
            "the embedding table of sparse_feature_number "
                + rows
                + " × sparse_feature_dim "
                + dim
                + " = "
                + values
                + " values is larger than the "
                + MAX_EMBEDDING_VALUES
                + " allowed; lower one of them");
  }

  /** The reference's hyper-parameters. */
  public static ModelConfig defaults() {
    return new ModelConfig(
        DEFAULT_SPARSE_FEATURE_NUMBER,
        DEFAULT_SPARSE_FEATURE_DIM,
        DEFAULT_FC_SIZES,
        DEFAULT_OPTIMIZER,
        DEFAULT_LEARNING_RATE,
        DEFAULT_LEARNING_RATE_DECAY,
        Objective.MSE,
        DEFAULT_TEMPERATURE,
        true,
        true,
        0f,
        false,
        DEFAULT_SEED);
  }

  /**
   * The hyper-parameters whose values differ between this config and {@code other}, each as {@code
   * "name: THIS vs OTHER"} by its {@code model.properties} name, in name order; empty if they are
   * the same.
   */
  public List<String> differencesFrom(ModelConfig other) {
    Properties mine = new Properties();
    Properties theirs = new Properties();
    store(mine);
    other.store(theirs);
    return new java.util.TreeSet<>(mine.stringPropertyNames())
        .stream()
            .filter(k -> !mine.getProperty(k).equals(theirs.getProperty(k)))
            .map(k -> k + ": " + mine.getProperty(k) + " vs " + theirs.getProperty(k))
            .toList();
  }

  /** Writes the config as properties under {@code prefix}. */
  void store(Properties p) {
    p.setProperty("sparse_feature_number", Integer.toString(sparseFeatureNumber));
    p.setProperty("sparse_feature_dim", Integer.toString(sparseFeatureDim));
    p.setProperty(
        "fc_sizes", fcSizes.stream().map(String::valueOf).collect(Collectors.joining(",")));
    p.setProperty("optimizer", optimizer.name());
    p.setProperty("learning_rate", Float.toString(learningRate));
    p.setProperty("learning_rate_decay", Float.toString(learningRateDecay));
    p.setProperty("objective", objective.name().toLowerCase(Locale.ROOT));
    p.setProperty("temperature", Float.toString(temperature));
    p.setProperty("logq_correction", Boolean.toString(logQCorrection));
    p.setProperty("lazy_embedding_updates", Boolean.toString(lazyEmbeddingUpdates));
    p.setProperty("embedding_l2", Float.toString(embeddingL2));
    p.setProperty("wide", Boolean.toString(wide));
    p.setProperty("seed", Long.toString(seed));
  }

  /** Reads a config written by {@link #store}. */
  static ModelConfig load(Properties p) {
    return new ModelConfig(
        Integer.parseInt(required(p, "sparse_feature_number")),
        Integer.parseInt(required(p, "sparse_feature_dim")),
        Arrays.stream(required(p, "fc_sizes").split(","))
            .map(String::trim)
            .map(Integer::valueOf)
            .toList(),
        OptimizerKind.parse(required(p, "optimizer")),
        Float.parseFloat(required(p, "learning_rate")),
        Float.parseFloat(p.getProperty("learning_rate_decay", "1")),
        Objective.parse(required(p, "objective")),
        Float.parseFloat(required(p, "temperature")),
        Boolean.parseBoolean(required(p, "logq_correction")),
        Boolean.parseBoolean(required(p, "lazy_embedding_updates")),
        Float.parseFloat(p.getProperty("embedding_l2", "0")),
        Boolean.parseBoolean(p.getProperty("wide", "false")),
        Long.parseLong(required(p, "seed")));
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new IllegalArgumentException("model properties lack '" + key + "'");
    }
    return v;
  }
}
