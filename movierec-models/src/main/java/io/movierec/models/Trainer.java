package io.movierec.models;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.evaluation.RatingEvaluator;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.progress.Progress;
import io.movierec.samples.SampleBatch;
import io.movierec.samples.SampleReader;
import io.movierec.samples.SampleTable;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingDivergedException;
import io.movierec.training.TrainingListener;
import io.movierec.training.TrainingProgress;
import io.movierec.training.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SlotModel} on slot:feasign files: epochs of shuffled batches, one {@code
 * Session.run} per batch, progress through slf4j, a {@link TrainingListener} and a {@link Progress}
 * task per epoch (its batches), the model saved after every epoch under {@code
 * saveDirectory/<epoch>/}. Data that fits ({@link Builder#withInMemoryRows}) is read once and
 * shuffled uniformly each epoch; larger data streams through a shuffle buffer. Batches are prepared
 * on a background thread while the previous one trains.
 *
 * <p>The run is deterministic for a seed: the model's initial weights come from its own seed, the
 * order of epoch {@code e} from {@code seed} and {@code e}. A model loaded from epoch {@code k}
 * resumes at epoch {@code k + 1} and continues the same loss curve as an uninterrupted run.
 *
 * <p>A NaN or infinite loss stops the run with {@link TrainingDivergedException}; an interrupt of
 * the training thread stops it with {@link CancellationException} between batches. Epochs saved
 * before either stay loadable.
 *
 * <p>The trainer owns training: a model exposes its graph, inference and persistence, and its
 * training step is reachable only from here (the trainer/model split of Tribuo).
 *
 * <pre>{@code
 * TrainingReport report = Trainer.newBuilder()
 *     .withEpochs(5).withBatchSize(128).withSaveDirectory(Path.of("output_model_rank"))
 *     .build()
 *     .fit(ranker, Path.of("data/train"));
 * }</pre>
 */
public final class Trainer {

  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  /** PaddleRec's {@code epochs}. */
  public static final int DEFAULT_EPOCHS = 5;

  /** PaddleRec's {@code train_batch_size}. */
  public static final int DEFAULT_BATCH_SIZE = 128;

  /** PaddleRec's {@code print_interval}. */
  public static final int DEFAULT_PRINT_INTERVAL = 20;

  /** Rows held by the shuffle buffer (a uniform shuffle for data sets up to this size). */
  public static final int DEFAULT_SHUFFLE_BUFFER = 1 << 20;

  /** The default order seed. */
  public static final long DEFAULT_SEED = 7L;

  /**
   * Training data of up to this many rows is read into memory once and shuffled uniformly every
   * epoch; larger data is streamed through the shuffle buffer.
   */
  public static final int DEFAULT_IN_MEMORY_ROWS = 10_000_000;

  private final int epochs;
  private final int batchSize;
  private final int printInterval;
  private final int shuffleBuffer;
  private final int inMemoryRows;
  private final long seed;
  private final Path saveDirectory;
  private final Path validationData;
  private final TrainingListener listener;

  private Trainer(Builder b) {
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.printInterval = b.printInterval;
    this.shuffleBuffer = b.shuffleBuffer;
    this.inMemoryRows = b.inMemoryRows;
    this.seed = b.seed;
    this.saveDirectory = b.saveDirectory;
    this.validationData = b.validationData;
    this.listener = b.listener;
  }

  /** A trainer with the reference's settings. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Trains {@code model} from its {@link SlotModel#completedEpochs()} + 1 up to the configured
   * number of epochs on the samples in {@code trainingData} (a file or a directory of them).
   */
  public TrainingReport fit(SlotModel model, Path trainingData) throws IOException {
    checkNotNull(model, "model");
    model.checkTrainable();
    int first = model.completedEpochs() + 1;
    int tableRows = model.config().sparseFeatureNumber();
    SampleTable.Read read =
        SampleTable.read(trainingData, model.encoder().schema(), inMemoryRows, tableRows);
    SampleTable table = read.table().orElse(null);
    long rows = read.rows();
    checkArgument(rows > 0, "%s holds no training samples", trainingData);
    model.prepareTraining(trainingData);
    model.recordProvenance(provenance(model, trainingData, rows, first, table != null));
    long batchesPerEpoch = (rows + batchSize - 1) / batchSize;
    LOG.info(
        "training {} on {} ({} examples, {} batches of {}), epochs {}..{}, learning rate {}",
        model.kind(),
        trainingData,
        rows,
        batchesPerEpoch,
        batchSize,
        first,
        epochs,
        learningRates(model.config(), first, epochs));
    List<EpochResult> results = new ArrayList<>();
    float[] losses =
        new float
            [(int)
                Math.min(Integer.MAX_VALUE - 8, batchesPerEpoch * Math.max(0, epochs - first + 1))];
    int lossCount = 0;
    long runStart = System.nanoTime();
    long batchesDoneInRun = 0;
    long batchesInRun = batchesPerEpoch * Math.max(0, epochs - first + 1);
    int userWidth = model.encoder().schema().userWidth();
    int movieWidth = model.encoder().schema().movieWidth();
    // The labels' variance, what a squared-error loss must beat: summed in the run's first epoch
    // (every epoch sees the same rows), NaN for other losses.
    boolean squaredError = model.config().objective() == Objective.MSE;
    double labelVariance = Double.NaN;
    for (int epoch = first; epoch <= epochs; epoch++) {
      long epochStart = System.nanoTime();
      long intervalStart = epochStart;
      double lossSum = 0;
      double intervalLoss = 0;
      long intervalExamples = 0;
      long examples = 0;
      double labelSum = 0;
      double labelSquares = 0;
      long b = 0;
      long epochSeed = seed * 1_000_003L + epoch;
      try (Progress progress =
              Progress.newBuilder("train " + model.kind() + ": epoch " + epoch + "/" + epochs)
                  .withTotal(batchesPerEpoch)
                  .withUnit("batches")
                  .build();
          SampleReader reader =
              table != null
                  ? null
                  : SampleReader.open(trainingData, model.encoder().schema(), tableRows);
          Prefetcher batches =
              new Prefetcher(
                  table != null
                      ? shuffled(table, epochSeed)
                      : new ShuffleBuffer(reader, shuffleBuffer, userWidth, movieWidth, epochSeed)
                          ::next,
                  batchSize,
                  userWidth,
                  movieWidth)) {
        for (SampleBatch batch = batches.next(); batch != null; batch = batches.next()) {
          if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(
                "training interrupted in epoch "
                    + epoch
                    + " after "
                    + b
                    + " batches; epoch "
                    + (epoch - 1)
                    + " is the last one saved");
          }
          float loss = model.trainStep(batch);
          b++;
          if (!Float.isFinite(loss)) {
            throw new TrainingDivergedException(epoch, b, loss);
          }
          if (lossCount < losses.length) {
            losses[lossCount++] = loss;
          }
          lossSum += loss;
          intervalLoss += loss;
          if (squaredError && epoch == first) {
            float[] labels = batch.labels();
            for (int i = 0; i < batch.size(); i++) {
              labelSum += labels[i];
              labelSquares += (double) labels[i] * labels[i];
            }
          }
          examples += batch.size();
          intervalExamples += batch.size();
          batchesDoneInRun++;
          progress.advance(1);
          if (b % printInterval == 0) {
            long now = System.nanoTime();
            double secs = (now - intervalStart) / 1e9;
            double runSecs = (now - runStart) / 1e9;
            Duration eta =
                Duration.ofSeconds(
                    (long) (runSecs / batchesDoneInRun * (batchesInRun - batchesDoneInRun)));
            TrainingProgress p =
                new TrainingProgress(
                    epoch,
                    epochs,
                    b,
                    batchesPerEpoch,
                    intervalLoss / printInterval,
                    intervalExamples / Math.max(secs, 1e-9),
                    eta);
            LOG.info("{}", p);
            listener.onProgress(p);
            intervalStart = now;
            intervalLoss = 0;
            intervalExamples = 0;
          }
        }
        progress.finish();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException(
            "training interrupted in epoch "
                + epoch
                + " after "
                + b
                + " batches; epoch "
                + (epoch - 1)
                + " is the last one saved");
      }
      double seconds = (System.nanoTime() - epochStart) / 1e9;
      model.markEpochCompleted(epoch);
      Path saved = null;
      if (saveDirectory != null) {
        saved = saveDirectory.resolve(Integer.toString(epoch));
        model.save(saved);
      }
      RatingMetrics validation =
          validationData == null ? null : RatingEvaluator.evaluate(model, validationData);
      if (squaredError && epoch == first) {
        double labelMean = labelSum / Math.max(examples, 1);
        labelVariance = labelSquares / Math.max(examples, 1) - labelMean * labelMean;
      }
      EpochResult r =
          new EpochResult(
              epoch, lossSum / Math.max(b, 1), labelVariance, examples, seconds, saved, validation);
      LOG.info("{}", r);
      if (r.noBetterThanAConstant()) {
        LOG.warn(
            "epoch {}: mean loss {} is no lower than the variance of the ratings ({}): the"
                + " model does no better than predicting one rating for every pair; if this persists,"
                + " the learning rate ({}) may be too high",
            epoch,
            String.format(Locale.ROOT, "%.4f", r.meanLoss()),
            String.format(Locale.ROOT, "%.4f", labelVariance),
            learningRates(model.config(), epoch, epoch));
      }
      results.add(r);
      listener.onEpochEnd(r);
    }
    return new TrainingReport(results, java.util.Arrays.copyOf(losses, lossCount), rows);
  }

  /** Where the model comes from: this run's settings and data, saved with every epoch. */
  private Provenance provenance(
      SlotModel model, Path trainingData, long rows, int first, boolean inMemory)
      throws IOException {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("epochs", Integer.toString(epochs));
    s.put("first_epoch", Integer.toString(first));
    s.put("batch_size", Integer.toString(batchSize));
    s.put("shuffle", inMemory ? "uniform, in memory" : "streamed through the shuffle buffer");
    s.put("shuffle_buffer", Integer.toString(shuffleBuffer));
    s.put("in_memory_rows", Integer.toString(inMemoryRows));
    s.put("seed", Long.toString(seed));
    s.put("learning_rates", learningRates(model.config(), 1, epochs));
    s.put("validation_data", validationData == null ? "none" : validationData.toString());
    return Provenance.ofTraining(s, trainingData, rows);
  }

  /** An epoch's batches from an in-memory table: a uniform shuffle of its rows, seeded. */
  private static Prefetcher.Source shuffled(SampleTable table, long seed) {
    int[] order = new int[table.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] next = {0};
    return batch -> {
      next[0] += table.fill(batch, order, next[0]);
      return !batch.isEmpty();
    };
  }

  /** The learning rate of each epoch {@code first..last}, as the log shows it. */
  static String learningRates(ModelConfig c, int first, int last) {
    if (c.learningRateDecay() == 1f) {
      return Float.toString(c.learningRate());
    }
    StringBuilder b = new StringBuilder();
    for (int e = first; e <= last; e++) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT, "%.3g", c.learningRate() * Math.pow(c.learningRateDecay(), e - 1)));
    }
    return b.toString();
  }

  /** Settings of a {@link Trainer}. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private int printInterval = DEFAULT_PRINT_INTERVAL;
    private int shuffleBuffer = DEFAULT_SHUFFLE_BUFFER;
    private int inMemoryRows = DEFAULT_IN_MEMORY_ROWS;
    private long seed = DEFAULT_SEED;
    private Path saveDirectory;
    private Path validationData;
    private TrainingListener listener = TrainingListener.NONE;

    private Builder() {}

    /** The last epoch to train (default {@value #DEFAULT_EPOCHS}). */
    public Builder withEpochs(int epochs) {
      checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
      this.epochs = epochs;
      return this;
    }

    /** Examples per step (default {@value #DEFAULT_BATCH_SIZE}). */
    public Builder withBatchSize(int batchSize) {
      checkArgument(batchSize >= 1, "batch size must be at least 1, got %s", batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /** Batches between progress reports (default {@value #DEFAULT_PRINT_INTERVAL}). */
    public Builder withPrintInterval(int batches) {
      checkArgument(batches >= 1, "print interval must be at least 1, got %s", batches);
      this.printInterval = batches;
      return this;
    }

    /** Rows in the shuffle buffer (default {@value #DEFAULT_SHUFFLE_BUFFER}). */
    public Builder withShuffleBuffer(int rows) {
      checkArgument(rows >= 1, "shuffle buffer must hold at least 1 row, got %s", rows);
      this.shuffleBuffer = rows;
      return this;
    }

    /**
     * Data of up to this many rows is held in memory (default {@value #DEFAULT_IN_MEMORY_ROWS}); 0
     * always streams it through the shuffle buffer.
     */
    public Builder withInMemoryRows(int rows) {
      checkArgument(rows >= 0, "in-memory rows must not be negative, got %s", rows);
      this.inMemoryRows = rows;
      return this;
    }

    /** Seeds the order of every epoch (default {@value #DEFAULT_SEED}). */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Saves the model after epoch {@code e} in {@code directory/e/} (default: not saved). */
    public Builder withSaveDirectory(Path directory) {
      this.saveDirectory = directory;
      return this;
    }

    /** Reports rating metrics on these samples after every epoch (default: none). */
    public Builder withValidationData(Path samples) {
      this.validationData = samples;
      return this;
    }

    /** Follows the run (default: none; progress is logged through slf4j either way). */
    public Builder withListener(TrainingListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /** The trainer. */
    public Trainer build() {
      return new Trainer(this);
    }
  }
}
