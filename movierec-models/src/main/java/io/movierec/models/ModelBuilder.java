package io.movierec.models;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.features.FeatureEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings shared by {@link TwoTowerModel#newBuilder} and {@link DnnRanker#newBuilder}. Every
 * setting starts at the reference's value ({@link ModelConfig#defaults()}), except the table size,
 * which starts at the hasher's bucket count.
 *
 * @param <B> the concrete builder
 * @param <M> the model it builds
 */
public abstract class ModelBuilder<B extends ModelBuilder<B, M>, M extends SlotModel> {

  /** The encoder of the data the model will be trained on. */
  protected final FeatureEncoder encoder;

  private int sparseFeatureNumber;
  private int sparseFeatureDim = ModelConfig.DEFAULT_SPARSE_FEATURE_DIM;
  private List<Integer> fcSizes = ModelConfig.DEFAULT_FC_SIZES;
  private OptimizerKind optimizer = ModelConfig.DEFAULT_OPTIMIZER;
  private float learningRate = ModelConfig.DEFAULT_LEARNING_RATE;
  private float learningRateDecay = ModelConfig.DEFAULT_LEARNING_RATE_DECAY;
  private Objective objective = Objective.MSE;
  private float temperature = ModelConfig.DEFAULT_TEMPERATURE;
  private boolean logQCorrection = true;
  private boolean lazyEmbeddingUpdates = true;
  private float embeddingL2;
  private boolean wide;
  private long seed = ModelConfig.DEFAULT_SEED;
  private RuntimeOptions runtime = RuntimeOptions.TRAINING;

  /** A builder for a model of the data {@code encoder} encodes. */
  protected ModelBuilder(FeatureEncoder encoder) {
    this.encoder = checkNotNull(encoder, "encoder");
    this.sparseFeatureNumber = encoder.hasher().buckets();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** Takes every hyper-parameter from {@code config}. */
  public B withConfig(ModelConfig config) {
    this.sparseFeatureNumber = config.sparseFeatureNumber();
    this.sparseFeatureDim = config.sparseFeatureDim();
    this.fcSizes = config.fcSizes();
    this.optimizer = config.optimizer();
    this.learningRate = config.learningRate();
    this.learningRateDecay = config.learningRateDecay();
    this.objective = config.objective();
    this.temperature = config.temperature();
    this.logQCorrection = config.logQCorrection();
    this.lazyEmbeddingUpdates = config.lazyEmbeddingUpdates();
    this.embeddingL2 = config.embeddingL2();
    this.wide = config.wide();
    this.seed = config.seed();
    return self();
  }

  /** Rows of the embedding table (default: the hasher's bucket count). */
  public B withSparseFeatureNumber(int rows) {
    this.sparseFeatureNumber = rows;
    return self();
  }

  /** Width of an embedding row (default {@value ModelConfig#DEFAULT_SPARSE_FEATURE_DIM}). */
  public B withSparseFeatureDim(int dim) {
    this.sparseFeatureDim = dim;
    return self();
  }

  /** Widths of the hidden layers (default 512, 256, 128, 32). */
  public B withFcSizes(int... sizes) {
    List<Integer> list = new ArrayList<>();
    for (int s : sizes) {
      list.add(s);
    }
    this.fcSizes = list;
    return self();
  }

  /** The optimiser and its learning rate (default Adam, 0.001). */
  public B withOptimizer(OptimizerKind kind, float learningRate) {
    this.optimizer = checkNotNull(kind, "kind");
    this.learningRate = learningRate;
    return self();
  }

  /** The training objective (default {@link Objective#MSE}). */
  public B withObjective(Objective objective) {
    this.objective = checkNotNull(objective, "objective");
    return self();
  }

  /**
   * Multiplies the learning rate by {@code decay} after every epoch, in (0, 1] (default {@value
   * ModelConfig#DEFAULT_LEARNING_RATE_DECAY}: constant).
   */
  public B withLearningRateDecay(float decay) {
    this.learningRateDecay = decay;
    return self();
  }

  /** The sampled-softmax temperature (default {@value ModelConfig#DEFAULT_TEMPERATURE}). */
  public B withTemperature(float temperature) {
    this.temperature = temperature;
    return self();
  }

  /** Whether the sampled softmax subtracts log(sampling probability) (default true). */
  public B withLogQCorrection(boolean on) {
    this.logQCorrection = on;
    return self();
  }

  /** Lazy (default) or dense updates of the embedding table. */
  public B withLazyEmbeddingUpdates(boolean lazy) {
    this.lazyEmbeddingUpdates = lazy;
    return self();
  }

  /** An L2 penalty on the embedding rows each batch looks up (default 0: none). */
  public B withEmbeddingL2(float weight) {
    this.embeddingL2 = weight;
    return self();
  }

  /** Ranker only: a linear part, one weight per feasign, added to the logit (default false). */
  public B withWide(boolean wide) {
    this.wide = wide;
    return self();
  }

  /** The initialisation seed (default {@value ModelConfig#DEFAULT_SEED}). */
  public B withSeed(long seed) {
    this.seed = seed;
    return self();
  }

  /** Session threads and device (default {@link RuntimeOptions#TRAINING}). */
  public B withRuntime(RuntimeOptions runtime) {
    this.runtime = checkNotNull(runtime, "runtime");
    return self();
  }

  /** The validated hyper-parameters. */
  protected ModelConfig config() {
    return new ModelConfig(
        sparseFeatureNumber,
        sparseFeatureDim,
        fcSizes,
        optimizer,
        learningRate,
        learningRateDecay,
        objective,
        temperature,
        logQCorrection,
        lazyEmbeddingUpdates,
        embeddingL2,
        wide,
        seed);
  }

  /** How the model's session will run (see {@link #withRuntime}). */
  protected RuntimeOptions runtime() {
    return runtime;
  }

  /** Builds the model with freshly initialised weights. */
  public abstract M build();
}
