package io.movierec.report;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.models.ModelConfig;
import io.movierec.models.Trainer;
import java.nio.file.Path;
import java.time.Instant;

/**
 * What a training report says about the run besides the {@link
 * io.movierec.training.TrainingReport}: the model, its hyper-parameters, the trainer's settings,
 * the data and the timing.
 *
 * <pre>{@code
 * ReportInfo info = ReportInfo.newBuilder(model.kind(), model.config(), Path.of("out/train"))
 *     .withEpochs(5).withBatchSize(128).withSeed(7)
 *     .withValidationData(Path.of("out/validation"))
 *     .withStartedAt(started).withTotalSeconds(seconds)
 *     .build();
 * }</pre>
 *
 * @param modelKind the model, e.g. {@code "two-tower"} or {@code "dnn-ranker"}
 * @param config the model's hyper-parameters
 * @param trainingData the training samples
 * @param validationData the validation samples, or null when the run had none
 * @param epochs the trainer's last epoch
 * @param batchSize the trainer's batch size
 * @param seed the trainer's order seed
 * @param startedAt when the run started, or null when not recorded
 * @param totalSeconds wall time of the whole run, or NaN when not recorded
 */
public record ReportInfo(
    String modelKind,
    ModelConfig config,
    Path trainingData,
    Path validationData,
    int epochs,
    int batchSize,
    long seed,
    Instant startedAt,
    double totalSeconds) {

  public ReportInfo {
    checkNotNull(modelKind, "modelKind");
    checkNotNull(config, "config");
    checkNotNull(trainingData, "trainingData");
    checkArgument(epochs >= 1, "epochs must be at least 1, got %s", epochs);
    checkArgument(batchSize >= 1, "batch size must be at least 1, got %s", batchSize);
    checkArgument(
        Double.isNaN(totalSeconds) || totalSeconds >= 0,
        "total seconds must not be negative, got %s",
        totalSeconds);
  }

  /** Starts a description of a run of a {@code modelKind} model with {@code config}. */
  public static Builder newBuilder(String modelKind, ModelConfig config, Path trainingData) {
    return new Builder(modelKind, config, trainingData);
  }

  /** Collects the optional parts of a {@link ReportInfo}. */
  public static final class Builder {
    private final String modelKind;
    private final ModelConfig config;
    private final Path trainingData;
    private Path validationData;
    private int epochs = Trainer.DEFAULT_EPOCHS;
    private int batchSize = Trainer.DEFAULT_BATCH_SIZE;
    private long seed = Trainer.DEFAULT_SEED;
    private Instant startedAt;
    private double totalSeconds = Double.NaN;

    private Builder(String modelKind, ModelConfig config, Path trainingData) {
      this.modelKind = modelKind;
      this.config = config;
      this.trainingData = trainingData;
    }

    /** The validation samples (default: none). */
    public Builder withValidationData(Path samples) {
      this.validationData = samples;
      return this;
    }

    /** The trainer's last epoch (default {@link Trainer#DEFAULT_EPOCHS}). */
    public Builder withEpochs(int epochs) {
      this.epochs = epochs;
      return this;
    }

    /** The trainer's batch size (default {@link Trainer#DEFAULT_BATCH_SIZE}). */
    public Builder withBatchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** The trainer's order seed (default {@link Trainer#DEFAULT_SEED}). */
    public Builder withSeed(long seed) {
      this.seed = seed;
      return this;
    }

    /** When the run started (default: not recorded). */
    public Builder withStartedAt(Instant startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    /** Wall time of the whole run in seconds (default: not recorded). */
    public Builder withTotalSeconds(double seconds) {
      this.totalSeconds = seconds;
      return this;
    }

    /** The description; checks the values. */
    public ReportInfo build() {
      return new ReportInfo(
          modelKind,
          config,
          trainingData,
          validationData,
          epochs,
          batchSize,
          seed,
          startedAt,
          totalSeconds);
    }
  }
}
