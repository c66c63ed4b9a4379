package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.Slot;
import io.movierec.features.SlotSchema;
import io.movierec.samples.SampleBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * What the two models share: a TensorFlow graph over user and movie feasigns with one embedding
 * table, multi-id slots summed, a training step with lazy embedding updates, prediction, and
 * save/load with the feature schema and hasher, so a loaded model hashes exactly as it was trained.
 *
 * <p>Thread safety: {@link #predict} and the subclasses' inference methods may be called from many
 * threads at once (a TensorFlow session runs concurrent calls). Training, which only {@link
 * Trainer} runs, must not overlap with anything else on the same model.
 */
public abstract sealed class SlotModel implements AutoCloseable
    permits TwoTowerModel, DnnRanker, WatchRanker {

  /**
   * The version of the saved-model layout this build writes (the newest it reads). Version 2 adds
   * the serving layout ({@link #saveForServing}); version 1 directories hold the full layout.
   */
  public static final int FORMAT_VERSION = 2;

  /** The oldest version of the saved-model layout this build reads. */
  public static final int OLDEST_FORMAT_VERSION = 1;

  private final String kind;
  private final FeatureEncoder encoder;
  private final ModelConfig config;
  private final RuntimeOptions runtime;
  private final Graph graph;
  private final Session session;
  private final Operand<TInt32> userIds;
  private final Operand<TInt32> movieIds;
  private final Placeholder<TFloat32> labels;
  private final Operand<TFloat32> prediction;
  private final Operand<TFloat32> loss;
  private final @Nullable Op trainOp;
  private final @Nullable PlaceholderWithDefault<TFloat32> learningRateScale;
  private final List<EmbeddingTable> tables = new ArrayList<>();
  private final List<Variable<TFloat32>> denseVariables = new ArrayList<>();

  /** The embedding rows a serving-layout model holds (ascending); null in the full layout. */
  private final int @Nullable [] servingRows;

  /** A serving-layout model's per-slot feasign inputs by slot name; empty in the full layout. */
  private final Map<String, Placeholder<TInt32>> slotInputs;

  private final Map<String, Operand<?>> outputs;
  private final int userWidth;
  private final int movieWidth;
  private final TrainedRows trainedRows;
  private volatile int completedEpochs;
  private volatile Provenance provenance = Provenance.UNKNOWN;
  private volatile boolean closed;

  /** What a subclass's network adds to the shared graph. */
  record Network(
      Operand<TFloat32> prediction, Operand<TFloat32> loss, Map<String, Operand<?>> outputs) {}

  /**
   * Builds the graph and starts the session; restores weights from {@code checkpoint} if it is not
   * null, else initialises them from the config's seed.
   */
  SlotModel(
      String kind,
      FeatureEncoder encoder,
      ModelConfig config,
      RuntimeOptions runtime,
      @Nullable String checkpoint,
      int completedEpochs,
      @Nullable TrainedRows trainedRows) {
    this(kind, encoder, config, runtime, checkpoint, null, completedEpochs, trainedRows);
  }

  /**
   * Builds the graph and starts the session. With {@code serving} weights the model takes the
   * serving layout: its tables hold only {@code serving}'s rows, the graph maps each feasign to its
   * kept row (padding for any other), and nothing for training is built. Otherwise weights are
   * restored from {@code checkpoint} if it is not null, else initialised from the config's seed.
   */
  SlotModel(
      String kind,
      FeatureEncoder encoder,
      ModelConfig config,
      RuntimeOptions runtime,
      @Nullable String checkpoint,
      @Nullable InferenceWeights serving,
      int completedEpochs,
      @Nullable TrainedRows trainedRows) {
    this.kind = kind;
    this.encoder = checkNotNull(encoder, "encoder");
    this.config = checkNotNull(config, "config");
    this.runtime = checkNotNull(runtime, "runtime");
    checkArgument(
        encoder.hasher().buckets() <= config.sparseFeatureNumber(),
        "the hasher hands out %s rows but sparse_feature_number is only %s",
        encoder.hasher().buckets(),
        config.sparseFeatureNumber());
    if (runtime.useGpu()) {
      Devices.requireGpu();
    }
    SlotSchema schema = encoder.schema();
    this.userWidth = schema.userWidth();
    this.movieWidth = schema.movieWidth();
    this.completedEpochs = completedEpochs;
    this.trainedRows =
        trainedRows != null ? trainedRows : TrainedRows.none(config.sparseFeatureNumber());
    this.servingRows = serving == null ? null : serving.rowIds();
    int tableRows = serving == null ? config.sparseFeatureNumber() : serving.rows();
    this.graph = new Graph();
    try {
      Ops tf = Ops.create(graph);
      Operand<TInt32> userRows;
      Operand<TInt32> movieRows;
      if (serving == null) {
        this.userIds =
            tf.withName("user_ids")
                .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, userWidth)));
        this.movieIds =
            tf.withName("movie_ids")
                .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, movieWidth)));
        this.slotInputs = Map.of();
        userRows = userIds;
        movieRows = movieIds;
      } else {
        Map<String, Placeholder<TInt32>> slots = new LinkedHashMap<>();
        this.userIds = slotInputs(tf, "user_ids", schema.userSlots(), slots);
        this.movieIds = slotInputs(tf, "movie_ids", schema.movieSlots(), slots);
        this.slotInputs = Collections.unmodifiableMap(slots);
        Operand<TInt32> kept = tf.withName("kept_rows").constant(serving.rowIds());
        userRows = keptRow(tf, kept, serving.rows(), userIds);
        movieRows = keptRow(tf, kept, serving.rows(), movieIds);
      }
      this.labels =
          tf.withName("label").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      int dim = config.sparseFeatureDim();
      EmbeddingTable table =
          new EmbeddingTable(tf, "embedding", tableRows, dim, config.seed(), false);
      tables.add(table);
      boolean mask = !config.lazyEmbeddingUpdates();
      Operand<TFloat32> userFeatures =
          Layers.poolSlots(tf, table.lookup(userRows, mask), userRows, schema.userSlots(), dim);
      Operand<TFloat32> movieFeatures =
          Layers.poolSlots(tf, table.lookup(movieRows, mask), movieRows, schema.movieSlots(), dim);
      List<Variable<TFloat32>> dense = denseVariables;
      Inputs inputs =
          new Inputs(
              tf,
              userRows,
              movieRows,
              labels,
              userFeatures,
              schema.userSlots().size() * dim,
              movieFeatures,
              schema.movieSlots().size() * dim,
              dense,
              (name, width) -> {
                EmbeddingTable t =
                    new EmbeddingTable(
                        tf, name, tableRows, width, config.seed() + tables.size(), true);
                tables.add(t);
                return t;
              });
      Network net = buildNetwork(inputs);
      this.prediction = net.prediction();
      this.loss = net.loss();
      this.outputs = Map.copyOf(net.outputs());
      if (serving == null) {
        Optimization optimization = new Optimization(tf, config.optimizer(), config.learningRate());
        this.learningRateScale = optimization.learningRateScale();
        this.trainOp = buildTraining(tf, optimization, tables, dense);
        this.session = openSession(graph, sessionConfig(runtime), checkpoint);
      } else {
        this.learningRateScale = null;
        this.trainOp = null;
        this.session = openServingSession(tf, serving);
      }
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * One placeholder per slot ({@code [batch, slot length]} feasigns, named {@code slot_NAME}, kept
   * in {@code into} by slot name), concatenated into the side's {@code [batch, width]} ids named
   * {@code name}. The model's own calls feed that concatenation directly; a SavedModel's signatures
   * take the slots.
   */
  private static Operand<TInt32> slotInputs(
      Ops tf, String name, List<Slot> slots, Map<String, Placeholder<TInt32>> into) {
    List<Operand<TInt32>> parts = new ArrayList<>();
    for (Slot s : slots) {
      Placeholder<TInt32> p =
          tf.withName("slot_" + s.name().replaceAll("[^A-Za-z0-9_.\\-]", "_"))
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, s.length())));
      into.put(s.name(), p);
      parts.add(p);
    }
    Operand<TInt32> all = parts.size() == 1 ? parts.get(0) : tf.concat(parts, tf.constant(1));
    return tf.withName(name).identity(all);
  }

  /**
   * Maps each feasign of {@code ids} to its row in a serving table: the position of the feasign in
   * {@code kept} (ascending, {@code count} ids, 0 first), or 0 (padding) when it is not kept, as
   * the full model reads a never-trained row. A binary search per feasign ({@code LowerBound}).
   */
  private static Operand<TInt32> keptRow(
      Ops tf, Operand<TInt32> kept, int count, Operand<TInt32> ids) {
    Operand<TInt32> flat = tf.reshape(ids, tf.constant(new int[] {1, -1}));
    Operand<TInt32> at =
        tf.math.minimum(
            tf.lowerBound(tf.reshape(kept, tf.constant(new int[] {1, -1})), flat),
            tf.constant(count - 1));
    Operand<TInt32> found = tf.gather(kept, at, tf.constant(0));
    Operand<TInt32> row = tf.select(tf.math.equal(found, flat), at, tf.zerosLike(at));
    return tf.reshape(row, tf.shape(ids));
  }

  /**
   * Starts a session on a serving-layout graph and assigns every table and dense variable from
   * {@code weights}, checking that the weights name exactly the graph's variables with the right
   * sizes.
   */
  private Session openServingSession(Ops tf, InferenceWeights weights) {
    Map<String, float[]> byName = new LinkedHashMap<>();
    Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (EmbeddingTable t : tables) {
      String name = t.variable().op().name();
      variables.put(name, t.variable());
      sizes.put(name, (long) weights.rows() * t.dim());
    }
    for (Variable<TFloat32> v : denseVariables) {
      variables.put(v.op().name(), v);
      sizes.put(v.op().name(), v.shape().hasUnknownDimension() ? -1L : v.shape().size());
    }
    Map<String, float[]> saved = new LinkedHashMap<>(weights.tables());
    saved.putAll(weights.dense());
    if (!saved.keySet().equals(variables.keySet())) {
      throw new IllegalArgumentException(
          "the inference weights hold "
              + saved.keySet()
              + ", the model needs "
              + variables.keySet());
    }
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      float[] v = saved.get(e.getKey());
      if (e.getValue() >= 0 && v.length != e.getValue()) {
        throw new IllegalArgumentException(
            "the inference weights hold "
                + v.length
                + " values for "
                + e.getKey()
                + ", the model needs "
                + e.getValue());
      }
      byName.put(e.getKey(), v);
    }
    List<Op> assigns = new ArrayList<>();
    List<Placeholder<TFloat32>> feeds = new ArrayList<>();
    for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
      Placeholder<TFloat32> p =
          tf.placeholder(TFloat32.class, Placeholder.shape(e.getValue().shape()));
      feeds.add(p);
      assigns.add(tf.assign(e.getValue(), p));
    }
    Session s = new Session(graph, sessionConfig(runtime));
    List<Tensor> owned = new ArrayList<>();
    try {
      s.initialize();
      Session.Runner runner = s.runner();
      int i = 0;
      for (Map.Entry<String, Variable<TFloat32>> e : variables.entrySet()) {
        float[] v = byName.get(e.getKey());
        TFloat32 t = TFloat32.tensorOf(e.getValue().shape());
        owned.add(t);
        t.asRawTensor().data().asFloats().write(v);
        runner.feed(feeds.get(i), t).addTarget(assigns.get(i));
        i++;
      }
      runner.run().close();
      return s;
    } catch (RuntimeException e) {
      s.close();
      throw e;
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /** Creates an extra embedding table over the same feasigns, trained with the model. */
  interface TableFactory {
    /** A table of {@code width}-wide rows named {@code name}, all zeros at first. */
    EmbeddingTable create(String name, int width);
  }

  /**
   * What a subclass builds its network from.
   *
   * @param tf the graph's ops
   * @param userIds the user feasigns, {@code [batch, userWidth]}
   * @param movieIds the movie feasigns, {@code [batch, movieWidth]}
   * @param labels the ratings, {@code [batch]}
   * @param userFeatures the pooled user slot embeddings, {@code [batch, userFeatureWidth]}
   * @param userFeatureWidth user slots × embedding width
   * @param movieFeatures the pooled movie slot embeddings, {@code [batch, movieFeatureWidth]}
   * @param movieFeatureWidth movie slots × embedding width
   * @param denseVariables receives every trainable variable the network creates
   * @param tables creates extra embedding tables (such as a wide part's weights)
   */
  record Inputs(
      Ops tf,
      Operand<TInt32> userIds,
      Operand<TInt32> movieIds,
      Operand<TFloat32> labels,
      Operand<TFloat32> userFeatures,
      int userFeatureWidth,
      Operand<TFloat32> movieFeatures,
      int movieFeatureWidth,
      List<Variable<TFloat32>> denseVariables,
      TableFactory tables) {}

  /**
   * Adds the model's layers on top of the pooled slot embeddings and returns its prediction (in
   * rating units, shape {@code [batch]}), its loss, and any named outputs.
   */
  abstract Network buildNetwork(Inputs in);

  private Op buildTraining(
      Ops tf,
      Optimization optimization,
      List<EmbeddingTable> tables,
      List<Variable<TFloat32>> dense) {
    Operand<TFloat32> objective = loss;
    if (config.embeddingL2() > 0) {
      // L2 on the embedding rows the batch looked up (mean over the batch), as lazy as the updates.
      Operand<TFloat32> reg = null;
      for (EmbeddingTable t : tables) {
        for (Operand<TFloat32> rows : t.maskedLookups()) {
          Operand<TFloat32> sq =
              tf.math.mean(
                  tf.reduceSum(tf.math.square(rows), tf.constant(new int[] {1, 2})),
                  tf.constant(0));
          reg = reg == null ? sq : tf.math.add(reg, sq);
        }
      }
      objective = tf.math.add(loss, tf.math.mul(reg, tf.constant(config.embeddingL2())));
    }
    List<Output<?>> xs = new ArrayList<>();
    List<Integer> lookupsPerTable = new ArrayList<>();
    for (EmbeddingTable t : tables) {
      if (config.lazyEmbeddingUpdates()) {
        xs.addAll(t.lookupOutputs());
        lookupsPerTable.add(t.lookupOutputs().size());
      } else {
        xs.add(t.variable().asOutput());
        lookupsPerTable.add(1);
      }
    }
    for (Variable<TFloat32> v : dense) {
      xs.add(v.asOutput());
    }
    Output<?>[] raw = graph.addGradients(objective.asOutput(), xs.toArray(Output<?>[]::new));
    // Every update waits for every gradient: the backward pass reads the weights, and an update
    // applied in place while another gradient is still being computed would make steps depend on
    // thread timing.
    List<Op> gradientOps = new ArrayList<>();
    for (Output<?> g : raw) {
      gradientOps.add(tf.identity(cast(g)));
    }
    Ops gated = tf.withControlDependencies(gradientOps);
    Output<?>[] grads = new Output<?>[raw.length];
    for (int i = 0; i < raw.length; i++) {
      grads[i] = gated.identity(cast(raw[i])).asOutput();
    }
    List<Op> steps = new ArrayList<>();
    int next = 0;
    for (int t = 0; t < tables.size(); t++) {
      EmbeddingTable table = tables.get(t);
      if (config.lazyEmbeddingUpdates()) {
        List<Output<TFloat32>> lookupGrads = new ArrayList<>();
        for (int i = 0; i < lookupsPerTable.get(t); i++) {
          lookupGrads.add(cast(grads[next++]));
        }
        steps.add(table.lazyUpdate(lookupGrads, optimization));
      } else {
        steps.add(optimization.dense(table.variable(), cast(grads[next++])));
      }
    }
    for (Variable<TFloat32> v : dense) {
      steps.add(optimization.dense(v, cast(grads[next++])));
    }
    return tf.withControlDependencies(steps).withName("train").noOp();
  }

  @SuppressWarnings("unchecked")
  private static Output<TFloat32> cast(Output<?> o) {
    return (Output<TFloat32>) o;
  }

  /**
   * Starts a session on {@code graph} and restores its variables from {@code checkpoint}, or
   * initialises them when it is null. If that fails the session is closed before the error goes on:
   * an open session keeps {@link Graph#close()} waiting for ever.
   */
  static Session openSession(Graph graph, ConfigProto config, String checkpoint) {
    Session session = new Session(graph, config);
    try {
      if (checkpoint == null) {
        session.initialize();
      } else {
        session.restore(checkpoint);
      }
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  private static ConfigProto sessionConfig(RuntimeOptions runtime) {
    ConfigProto.Builder b =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(runtime.intraOpThreads())
            .setInterOpParallelismThreads(runtime.interOpThreads())
            // TensorFlow honours "run in the caller's thread" only without per-session pools.
            .setUsePerSessionThreads(!runtime.runsOnCallerThread());
    if (!runtime.useGpu()) {
      b.putDeviceCount("GPU", 0);
    }
    return b.build();
  }

  // ---- training ----

  /**
   * Runs one optimisation step on the filled rows of {@code batch} and returns the batch loss
   * (before the update). Only {@link Trainer} calls this, from one thread at a time.
   */
  float trainStep(SampleBatch batch) {
    checkOpen();
    checkTrainable();
    int n = batch.size();
    checkArgument(n > 0, "empty batch");
    checkFeasigns(batch.userIds(), n * userWidth, "user");
    checkFeasigns(batch.movieIds(), n * movieWidth, "movie");
    List<Tensor> owned = new ArrayList<>(6);
    try {
      trainedRows.mark(batch.userIds(), n * userWidth);
      trainedRows.mark(batch.movieIds(), n * movieWidth);
      Session.Runner runner = feedIds(session.runner(), batch, owned);
      runner.feed(labels, floats(batch.labels(), n, owned));
      feedTrainingInputs(runner, batch, owned);
      if (config.learningRateDecay() != 1f) {
        // The epoch under way is the one after those completed: decay^completedEpochs.
        TFloat32 scale =
            TFloat32.scalarOf((float) Math.pow(config.learningRateDecay(), completedEpochs));
        owned.add(scale);
        runner.feed(checkNotNull(learningRateScale), scale);
      }
      try (Result r = runner.addTarget(checkNotNull(trainOp)).fetch(loss).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    } finally {
      owned.forEach(Tensor::close);
    }
  }

  /**
   * Feeds inputs that only training needs (the two-tower's sampled softmax does); tensors created
   * here must be added to {@code owned}, which are closed after the step.
   */
  void feedTrainingInputs(Session.Runner runner, SampleBatch batch, List<Tensor> owned) {}

  /**
   * Reads what the model needs to know about the training data before the first step (the
   * two-tower's movie frequencies for log-Q correction). {@link Trainer} calls this once per run.
   */
  void prepareTraining(Path trainingData) throws IOException {}

  // ---- inference ----

  /** The predicted ratings of the filled rows of {@code batch}. */
  public float[] predict(SampleBatch batch) {
    checkOpen();
    int n = batch.size();
    return n == 0 ? new float[0] : predict(batch.userIds(), batch.movieIds(), n);
  }

  /**
   * The predicted ratings for {@code n} (user, movie) pairs given as feasign rows: row {@code i} is
   * {@code userRows[i*userWidth ..]} with {@code movieRows[i*movieWidth ..]}.
   */
  public float[] predict(int[] userRows, int[] movieRows, int n) {
    checkOpen();
    checkArgument(n >= 1, "need at least one pair");
    checkArgument(
        userRows.length >= n * userWidth && movieRows.length >= n * movieWidth,
        "rows are shorter than %s pairs",
        n);
    checkFeasigns(userRows, n * userWidth, "user");
    checkFeasigns(movieRows, n * movieWidth, "movie");
    try (TInt32 u = ints(trainedRows.masked(userRows, n * userWidth), n, userWidth);
        TInt32 m = ints(trainedRows.masked(movieRows, n * movieWidth), n, movieWidth);
        Result r = session.runner().feed(userIds, u).feed(movieIds, m).fetch(prediction).run()) {
      float[] out = new float[n];
      ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /**
   * Checks that the first {@code count} feasigns each have a row in the embedding table: one
   * outside {@code 0..sparse_feature_number-1} would make TensorFlow fail deep in a lookup.
   *
   * @throws IllegalArgumentException naming the side, the position and the feasign
   */
  private void checkFeasigns(int[] ids, int count, String side) {
    int rows = config.sparseFeatureNumber();
    for (int i = 0; i < count; i++) {
      int id = ids[i];
      if (id < 0 || id >= rows) {
        int width = side.equals("user") ? userWidth : movieWidth;
        throw new IllegalArgumentException(
            side
                + " feasign "
                + id
                + " (row "
                + i / width
                + ", column "
                + i % width
                + ") has no row in the embedding table: sparse_feature_number is "
                + rows);
      }
    }
  }

  /**
   * The prediction and one more {@code [n]}-shaped output for {@code n} (user, movie) pairs, in one
   * run: {@code {prediction, output}}.
   */
  float[][] predictWith(String output, int[] userRows, int[] movieRows, int n) {
    checkOpen();
    checkArgument(n >= 1, "need at least one pair");
    checkArgument(
        userRows.length >= n * userWidth && movieRows.length >= n * movieWidth,
        "rows are shorter than %s pairs",
        n);
    checkFeasigns(userRows, n * userWidth, "user");
    checkFeasigns(movieRows, n * movieWidth, "movie");
    try (TInt32 u = ints(trainedRows.masked(userRows, n * userWidth), n, userWidth);
        TInt32 m = ints(trainedRows.masked(movieRows, n * movieWidth), n, movieWidth);
        Result r =
            session
                .runner()
                .feed(userIds, u)
                .feed(movieIds, m)
                .fetch(prediction)
                .fetch(this.<TFloat32>output(output))
                .run()) {
      float[][] out = {new float[n], new float[n]};
      ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out[0]);
      ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(out[1]);
      return out;
    }
  }

  /** Runs {@code output} for {@code n} rows of one side's feasigns and returns it flat. */
  float[] runSide(boolean userSide, int[] rows, int n, String output, int width) {
    checkOpen();
    checkArgument(n >= 1, "need at least one row");
    Operand<TInt32> in = userSide ? userIds : movieIds;
    int w = userSide ? userWidth : movieWidth;
    checkFeasigns(rows, n * w, userSide ? "user" : "movie");
    try (TInt32 t = ints(trainedRows.masked(rows, n * w), n, w);
        Result r = session.runner().feed(in, t).fetch(this.<TFloat32>output(output)).run()) {
      float[] out = new float[n * width];
      ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /** Feeds a training batch's ids. */
  private Session.Runner feedIds(Session.Runner runner, SampleBatch batch, List<Tensor> owned) {
    int n = batch.size();
    TInt32 u = ints(batch.userIds(), n, userWidth);
    owned.add(u);
    TInt32 m = ints(batch.movieIds(), n, movieWidth);
    owned.add(m);
    return runner.feed(userIds, u).feed(movieIds, m);
  }

  /** A {@code [n, width]} int tensor holding the first {@code n * width} values of {@code data}. */
  static TInt32 ints(int[] data, int n, int width) {
    TInt32 t = TInt32.tensorOf(Shape.of(n, width));
    t.asRawTensor().data().asInts().write(data, 0, n * width);
    return t;
  }

  /** A {@code [n]} float tensor, registered in {@code owned}. */
  static TFloat32 floats(float[] data, int n, List<Tensor> owned) {
    TFloat32 t = TFloat32.tensorOf(Shape.of(n));
    owned.add(t);
    t.asRawTensor().data().asFloats().write(data, 0, n);
    return t;
  }

  /**
   * The whole embedding table, row-major (for tests and inspection; it can be large); in the
   * serving layout, the kept rows only.
   */
  float[] embeddingTable() {
    checkOpen();
    try (Result r = session.runner().fetch("embedding").run()) {
      float[] out = new float[(int) r.get(0).shape().size()];
      ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  /**
   * The weights inference needs: the embedding rows inference can read (the trained rows; every row
   * of a model that masks none) of every table, and every dense variable.
   */
  InferenceWeights inferenceWeights() {
    checkOpen();
    int[] rows =
        servingRows != null ? servingRows : trainedRows.readableRows(config.sparseFeatureNumber());
    Session.Runner runner = session.runner();
    tables.forEach(t -> runner.fetch(t.variable()));
    denseVariables.forEach(runner::fetch);
    Map<String, float[]> tableValues = new LinkedHashMap<>();
    Map<String, float[]> denseValues = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      int i = 0;
      for (EmbeddingTable t : tables) {
        float[] all = new float[(int) r.get(i).shape().size()];
        ((TFloat32) r.get(i++)).asRawTensor().data().asFloats().read(all);
        float[] kept;
        if (servingRows != null) {
          kept = all;
        } else {
          int w = t.dim();
          kept = new float[rows.length * w];
          for (int k = 0; k < rows.length; k++) {
            System.arraycopy(all, rows[k] * w, kept, k * w, w);
          }
        }
        tableValues.put(t.variable().op().name(), kept);
      }
      for (Variable<TFloat32> v : denseVariables) {
        float[] values = new float[(int) r.get(i).shape().size()];
        ((TFloat32) r.get(i++)).asRawTensor().data().asFloats().read(values);
        denseValues.put(v.op().name(), values);
      }
    }
    return new InferenceWeights(rows, tableValues, denseValues);
  }

  /**
   * A new model of the same kind, settings and provenance holding {@code weights} in the serving
   * layout (what {@link #saveForServing} would save and a load would give back).
   */
  abstract SlotModel servingCopy(InferenceWeights weights);

  /** True if the model holds the serving layout (inference weights only; it cannot train). */
  public boolean isServingLayout() {
    return servingRows != null;
  }

  /** A serving-layout model's per-slot feasign placeholders by slot name (SavedModel inputs). */
  Map<String, Placeholder<TInt32>> slotInputs() {
    checkState(servingRows != null, "only a serving-layout model has per-slot inputs");
    return slotInputs;
  }

  /** The prediction output ({@code [batch]}, in rating units). */
  Operand<TFloat32> predictionOutput() {
    return prediction;
  }

  /** The session (for the SavedModel export). */
  Session session() {
    return session;
  }

  /**
   * Refuses to train a serving-layout model.
   *
   * @throws IllegalStateException naming what to train instead
   */
  void checkTrainable() {
    checkState(
        trainOp != null,
        "this %s model was saved for serving: it holds inference weights only (no optimiser"
            + " state, only the trained embedding rows) and cannot be trained; train or resume from"
            + " the full model (an epoch directory of the training run)",
        kind);
  }

  /** A named output of the subclass's network. */
  @SuppressWarnings("unchecked")
  <T extends TType> Operand<T> output(String name) {
    Operand<?> o = outputs.get(name);
    checkState(o != null, "no output %s", name);
    return (Operand<T>) o;
  }

  // ---- accessors ----

  /** {@code "two-tower"}, {@code "dnn-ranker"} or {@code "watch-ranker"}. */
  public String kind() {
    return kind;
  }

  /** The schema and hasher the model reads its inputs with. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /**
   * The schema and hasher the model reads, as {@code "schema=SPEC hasher=SPEC"}: what a recommender
   * bundle checks the recall model and the ranker agree on.
   */
  public String features() {
    return "schema=" + encoder.schema().spec() + " hasher=" + encoder.hasher().spec();
  }

  /** The hyper-parameters. */
  public ModelConfig config() {
    return config;
  }

  /** The session settings. */
  public RuntimeOptions runtime() {
    return runtime;
  }

  /** Epochs trained so far (restored with the model). */
  public int completedEpochs() {
    return completedEpochs;
  }

  /**
   * Records that {@code epoch} epochs are complete; saved with the model, read on resume. Only
   * {@link Trainer} calls this.
   */
  void markEpochCompleted(int epoch) {
    checkArgument(epoch >= 0, "epoch must not be negative");
    this.completedEpochs = epoch;
  }

  /** Where the model came from: its training run, data and versions; saved with the model. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * Records where the model came from ({@link Trainer} does at the start of a run); {@link #save}
   * writes it with the model and a loaded model has it back.
   */
  void recordProvenance(Provenance provenance) {
    this.provenance = checkNotNull(provenance, "provenance");
  }

  // ---- save / load ----

  /**
   * Saves the weights, the optimiser state, the config, the schema and the hasher into {@code
   * directory}, atomically: the directory appears complete or not at all. Every file's checksum is
   * recorded in a manifest that {@code load} verifies. The model's {@link #provenance()}, if known,
   * is saved in {@code provenance.properties}.
   */
  public void save(Path directory) throws IOException {
    checkOpen();
    if (isServingLayout()) {
      saveForServing(directory);
      return;
    }
    SavedModelFiles.write(
        directory,
        properties(LAYOUT_FULL),
        (dir, prefix) -> {
          session.save(prefix);
          trainedRows.save(dir);
          provenance.save(dir);
        });
  }

  /**
   * Saves what inference needs into {@code directory}, atomically: the serving layout. Instead of
   * the checkpoint it holds an {@code inference-weights.bin} with no optimiser state and, of each
   * embedding table, only the rows training looked up (the only rows the full model reads: it reads
   * any other feasign as padding, and so does the serving model). A model loaded from it predicts
   * as this one does, but cannot be trained. Provenance, schema, hasher and settings are saved as
   * by {@link #save}.
   */
  public void saveForServing(Path directory) throws IOException {
    checkOpen();
    InferenceWeights weights = inferenceWeights();
    SavedModelFiles.write(
        directory,
        properties(LAYOUT_SERVING),
        (dir, prefix) -> {
          weights.save(dir);
          provenance.save(dir);
        });
  }

  private static final String LAYOUT_FULL = "full";
  private static final String LAYOUT_SERVING = "serving";

  private Properties properties(String layout) {
    Properties p = new Properties();
    p.setProperty("kind", kind);
    p.setProperty("format_version", Integer.toString(FORMAT_VERSION));
    p.setProperty("layout", layout);
    p.setProperty("schema", encoder.schema().spec());
    p.setProperty("hasher", encoder.hasher().spec());
    p.setProperty("completed_epochs", Integer.toString(completedEpochs));
    config.store(p);
    return p;
  }

  /** What {@link #save} wrote, read back and checked: the properties and the checkpoint prefix. */
  record Saved(
      FeatureEncoder encoder,
      ModelConfig config,
      int completedEpochs,
      @Nullable String checkpoint,
      @Nullable InferenceWeights serving,
      TrainedRows trainedRows,
      Provenance provenance) {}

  /**
   * Verifies a saved model directory and reads its settings.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if any file fails its check
   * @throws IllegalArgumentException if the directory holds a model of another kind
   */
  static Saved readSaved(Path directory, String expectedKind) throws IOException {
    Properties p = SavedModelFiles.read(directory);
    String kind = p.getProperty("kind");
    if (!expectedKind.equals(kind)) {
      throw new IllegalArgumentException(
          directory + " holds a " + kind + " model, not a " + expectedKind + " model");
    }
    FeatureEncoder encoder;
    ModelConfig config;
    int completedEpochs;
    String layout = p.getProperty("layout", LAYOUT_FULL);
    if (!layout.equals(LAYOUT_FULL) && !layout.equals(LAYOUT_SERVING)) {
      throw new io.movierec.io.CorruptFileException(
          directory.resolve(SavedModelFiles.PROPERTIES),
          "layout is '" + layout + "', expected full or serving");
    }
    try {
      encoder =
          new FeatureEncoder(
              SlotSchema.parse(String.valueOf(p.getProperty("schema"))),
              FeatureHasher.fromSpec(String.valueOf(p.getProperty("hasher"))));
      config = ModelConfig.load(p);
      completedEpochs = Integer.parseInt(p.getProperty("completed_epochs", "0"));
    } catch (IllegalArgumentException e) {
      throw new io.movierec.io.CorruptFileException(
          directory.resolve(SavedModelFiles.PROPERTIES), "unreadable value: " + e.getMessage());
    }
    if (layout.equals(LAYOUT_SERVING)) {
      return new Saved(
          encoder,
          config,
          completedEpochs,
          null,
          InferenceWeights.load(directory, config.sparseFeatureNumber()),
          TrainedRows.none(config.sparseFeatureNumber()),
          Provenance.load(directory));
    }
    return new Saved(
        encoder,
        config,
        completedEpochs,
        SavedModelFiles.checkpointPrefix(directory),
        null,
        TrainedRows.load(directory, config.sparseFeatureNumber()),
        Provenance.load(directory));
  }

  /**
   * What the saved model in {@code directory} is, read and verified without loading TensorFlow
   * state: {@code kind}, {@code format_version}, {@code layout} ({@code full}, or {@code serving}
   * for a model saved by {@link #saveForServing}), {@code completed_epochs}, {@code files}, {@code
   * bytes} (all its files), {@code schema}, {@code hasher}, the hyper-parameters by their {@code
   * model.properties} names (sorted), then {@link Provenance#describe() the provenance}, {@code
   * "unknown"} where a model saved before provenance was recorded has none.
   *
   * @throws io.movierec.io.CorruptFileException naming the file if any file fails its check or the
   *     format version is not one this build reads
   * @throws java.nio.file.NoSuchFileException if {@code directory} is not a directory
   */
  public static Map<String, String> describeSaved(Path directory) throws IOException {
    Properties p = SavedModelFiles.read(directory);
    Map<String, String> d = new LinkedHashMap<>();
    d.put("kind", p.getProperty("kind", Provenance.UNKNOWN_VALUE));
    d.put("format_version", p.getProperty("format_version", Provenance.UNKNOWN_VALUE));
    d.put("layout", p.getProperty("layout", LAYOUT_FULL));
    d.put("completed_epochs", p.getProperty("completed_epochs", "0"));
    SavedModelFiles.Size size = SavedModelFiles.size(directory);
    d.put("files", Long.toString(size.files()));
    d.put("bytes", Long.toString(size.bytes()));
    d.put("schema", p.getProperty("schema"));
    d.put("hasher", p.getProperty("hasher"));
    new TreeMap<>(p).forEach((k, v) -> d.putIfAbsent((String) k, (String) v));
    Provenance.load(directory).describe().forEach((k, v) -> d.put("provenance." + k, v));
    return d;
  }

  private void checkOpen() {
    checkState(!closed, "the model is closed");
  }

  /** Releases the TensorFlow session and graph. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } finally {
      graph.close();
    }
  }
}
