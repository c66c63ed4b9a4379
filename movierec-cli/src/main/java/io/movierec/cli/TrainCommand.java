package io.movierec.cli;

import io.movierec.config.PaddleRecConfig;
import io.movierec.features.FeatureEncoder;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import io.movierec.models.ModelBuilder;
import io.movierec.models.ModelConfig;
import io.movierec.models.NegativeSampler;
import io.movierec.models.Objective;
import io.movierec.models.OptimizerKind;
import io.movierec.models.Provenance;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.report.ReportInfo;
import io.movierec.report.TrainingReportWriter;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingListener;
import io.movierec.training.TrainingProgress;
import io.movierec.training.TrainingReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec train --model recall|rank (--config config.yaml | --data OUT/train) --save DIR
 * [overrides] [--resume]}: PaddleRec's trainer.py. Flags override the config file.
 *
 * <p>DIR must be new, empty or an earlier training output ({@link #OUTPUT_KIND}), and apart from
 * the prepared data set. Each epoch is saved as {@code DIR/<epoch>/} and its line appended to
 * {@code DIR/}{@value #LOG_FILE}. With {@code --resume}, training continues after the last complete
 * epoch in DIR (its weights and optimiser state), numbering epochs on up to {@code --epochs}; it is
 * refused if that epoch was trained with other settings (model kind or hyper-parameters, schema,
 * hasher, batch size, shuffle seed, or other training data), naming each difference.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec train --model recall|rank|watch (--data OUT/train --save DIR | --config FILE)",
      "                [OPTIONS] [--resume] [--export DIR] [--keep-last N]",
    },
    sortOptions = false,
    description = {
      "Trains a model on prepared samples (PaddleRec's trainer.py); options override the config"
          + " file.",
      "Each epoch is saved as DIR/<epoch>/ and logged in DIR/training.log. DIR must be new, empty"
          + " or an earlier training output."
    })
final class TrainCommand implements Callable<Integer> {

  /** The log of a training output directory: one line per saved epoch, kept across resumes. */
  static final String LOG_FILE = "training.log";

  /**
   * What {@code --save} may be besides new or empty: an earlier training output (marked, or holding
   * a saved epoch {@code <n>/MANIFEST}, as directories written before the marker are).
   */
  static final OutputDirectory.Kind OUTPUT_KIND =
      new OutputDirectory.Kind(
          "training-output", "training output directory", TrainCommand::holdsAnEpoch);

  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "recall|rank|watch",
      converter = ModelKind.Converter.class,
      description = "The two-tower recall model, the DNN rank model or the watch ranker.")
  ModelKind model = ModelKind.RECALL;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A PaddleRec config.yaml: hyper-parameters and runner paths.")
  @Nullable Path config;

  @Option(
      names = "--data",
      paramLabel = "OUT/train",
      description = "Training samples (default: the config's runner.train_data_dir).")
  @Nullable Path data;

  @Option(
      names = "--save",
      paramLabel = "DIR",
      description = "Where epochs are saved (default: the config's runner.model_save_path).")
  @Nullable Path save;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Epochs in all, resumed ones included (default: config, else 5).")
  @Nullable Integer epochs;

  @Option(names = "--batch-size", paramLabel = "N", description = "Default: config, else 128.")
  @Nullable Integer batchSize;

  @Option(
      names = "--print-interval",
      paramLabel = "N",
      description = "Batches between progress lines (default: config, else 20).")
  @Nullable Integer printInterval;

  @Option(names = "--optimizer", paramLabel = "SGD|Adam|AdaGrad", description = "Default: config.")
  @Nullable String optimizer;

  @Option(names = "--lr", paramLabel = "X", description = "Learning rate.")
  @Nullable Float lr;

  @Option(names = "--lr-decay", paramLabel = "X", description = "Learning rate decay per epoch.")
  @Nullable Float lrDecay;

  @Option(
      names = "--fc",
      paramLabel = "N",
      split = ",",
      splitSynopsisLabel = ",",
      description = "Hidden layer sizes, e.g. 512,256,128,32.")
  @Nullable List<Integer> fc;

  @Option(names = "--dim", paramLabel = "N", description = "Embedding dimension per slot.")
  @Nullable Integer dim;

  @Option(names = "--objective", paramLabel = "mse|sampled_softmax", description = "Recall only.")
  @Nullable String objective;

  @Option(names = "--temperature", paramLabel = "X", description = "Sampled softmax temperature.")
  @Nullable Float temperature;

  @Option(names = "--no-logq", description = "Sampled softmax without the log-Q correction.")
  boolean noLogQ;

  @Option(names = "--l2", paramLabel = "X", description = "L2 penalty on the embeddings used.")
  @Nullable Float l2;

  @Option(names = "--wide", description = "Rank: add a wide (linear) part.")
  boolean wide;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights.")
  @Nullable Long seed;

  @Option(names = "--shuffle-seed", paramLabel = "N", description = "Seed of the batch shuffles.")
  @Nullable Long shuffleSeed;

  @Option(
      names = "--validation",
      paramLabel = "OUT/validation",
      description = "Samples to evaluate after each epoch.")
  @Nullable Path validation;

  @Option(
      names = "--threads",
      paramLabel = "N",
      split = ",",
      splitSynopsisLabel = ",",
      description = "TensorFlow's threads: INTRA,INTER (intra- and inter-op).")
  @Nullable List<Integer> threads;

  @Option(names = "--gpu", description = "Train on the GPU (needs the GPU build).")
  boolean gpu;

  @Option(names = "--report", paramLabel = "DIR", description = "Write the HTML training report.")
  @Nullable Path report;

  @Option(names = "--resume", description = "Continue after the last complete epoch in DIR.")
  boolean resume;

  @Option(
      names = "--export",
      paramLabel = "DIR",
      description =
          "After training, write the last epoch in the serving layout (inference weights only:"
              + " no optimiser state, only the trained embedding rows; docs/export.md).")
  @Nullable Path export;

  @Option(
      names = "--keep-last",
      paramLabel = "N",
      description =
          "Keep only the last N epoch directories: an older one is deleted once the new epoch is"
              + " completely saved (default: keep every epoch).")
  @Nullable Integer keepLast;

  @Option(
      names = "--recall",
      paramLabel = "DIR",
      description = "Watch: the recall model whose best candidates give the hard negatives.")
  @Nullable Path recall;

  @Option(
      names = "--negatives",
      paramLabel = "N",
      description = "Watch: negatives per positive (default: ${DEFAULT-VALUE}).")
  int negatives = NegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE;

  @Option(
      names = "--hard-share",
      paramLabel = "X",
      description = "Watch: share of hard negatives (default: ${DEFAULT-VALUE}).")
  float hardShare = (float) NegativeSampler.DEFAULT_HARD_SHARE;

  @Option(
      names = "--hard-pool",
      paramLabel = "N",
      description =
          "Watch: hard negatives come from the best N candidates (default: ${DEFAULT-VALUE}).")
  int hardPool = NegativeSampler.DEFAULT_HARD_POOL;

  @Option(
      names = "--negative-seed",
      paramLabel = "N",
      description = "Watch: seed of the negatives (default: ${DEFAULT-VALUE}).")
  long negativeSeed = NegativeSampler.DEFAULT_SEED;

  /** What a train run resolved from its config file and flags. */
  record Plan(
      ModelKind kind,
      ModelConfig model,
      Path data,
      Path save,
      Path validation,
      int epochs,
      int batchSize,
      int printInterval,
      long shuffleSeed,
      RuntimeOptions runtime) {}

  /** Runs {@code movierec train argv}, printing to {@code out}. */
  static TrainingReport run(String[] argv, PrintStream out) throws IOException {
    return Main.parse(new TrainCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  TrainingReport execute(PrintStream out) throws IOException {
    if (keepLast != null && keepLast < 1) {
      throw new UsageException("--keep-last must be at least 1, got " + keepLast);
    }
    Plan plan = plan();
    if (export != null) {
      OutputDirectory.checkApart(export, plan.save(), "--save");
      OutputDirectory.checkApart(export, plan.data(), "--data");
    }
    PreparedDataset data = PreparedDataset.ofSplitDirectory(plan.data());
    OutputDirectory.checkApart(plan.save(), data.directory(), "prepared data set of --data");
    if (plan.validation() != null) {
      OutputDirectory.checkApart(plan.save(), plan.validation(), "--validation");
    }
    OutputDirectory.claim(plan.save(), OUTPUT_KIND);
    out.printf(
        "training %s on %s: %s, %d epochs, batch %d, saving to %s%n",
        plan.kind().cliName(),
        plan.data(),
        plan.model(),
        plan.epochs(),
        plan.batchSize(),
        plan.save());
    ModelBuilder<?, ?> builder =
        plan.kind() == ModelKind.WATCH
            ? WatchRanker.newBuilder(data.encoder()).withNegatives(negatives(data, out))
            : plan.kind().builder(data.encoder());
    builder.withConfig(plan.model()).withRuntime(plan.runtime());
    try (SlotModel model = resume ? resume(plan, data.encoder(), out) : builder.build()) {
      if (model.completedEpochs() >= plan.epochs()) {
        out.printf(
            "nothing to train: %s already holds epoch %d of %d%n",
            plan.save(), model.completedEpochs(), plan.epochs());
        exportForServing(model, out);
        return new TrainingReport(List.of(), new float[0], 0);
      }
      keepLogUpTo(plan.save(), model.completedEpochs());
      Trainer.Builder t =
          Trainer.newBuilder()
              .withEpochs(plan.epochs())
              .withBatchSize(plan.batchSize())
              .withPrintInterval(plan.printInterval())
              .withSeed(plan.shuffleSeed())
              .withSaveDirectory(plan.save())
              .withListener(
                  new TrainingListener() {
                    @Override
                    public void onProgress(TrainingProgress progress) {
                      out.println(progress);
                    }

                    @Override
                    public void onEpochEnd(EpochResult result) {
                      appendLog(plan.save(), result);
                      out.println(result);
                      if (keepLast != null) {
                        dropEpochsBefore(plan.save(), result, keepLast, out);
                      }
                    }
                  });
      if (plan.validation() != null) {
        t.withValidationData(plan.validation());
      }
      Instant started = Instant.now();
      long start = System.nanoTime();
      TrainingReport trained = t.build().fit(model, plan.data());
      exportForServing(model, out);
      if (report != null) {
        TrainingReportWriter.write(
            report,
            ReportInfo.newBuilder(model.kind(), model.config(), plan.data())
                .withEpochs(plan.epochs())
                .withBatchSize(plan.batchSize())
                .withSeed(plan.shuffleSeed())
                .withValidationData(plan.validation())
                .withStartedAt(started)
                .withTotalSeconds((System.nanoTime() - start) / 1e9)
                .build(),
            trained);
        out.println("report written to " + report.resolve(TrainingReportWriter.HTML_FILE));
      }
      return trained;
    }
  }

  /**
   * The model saved as the last complete epoch in the plan's save directory, checked against the
   * plan.
   *
   * @throws UsageException if there is none, or naming what differs from the plan
   */
  static SlotModel resume(Plan plan, FeatureEncoder encoder, PrintStream out) throws IOException {
    if (plan.kind() == ModelKind.WATCH) {
      throw new UsageException(
          "--resume: the watch ranker cannot resume yet (its negative sampler is not saved);"
              + " train it again without --resume");
    }
    Path epoch = lastCompleteEpoch(plan.save());
    SlotModel model = plan.kind().load(epoch, plan.runtime());
    try {
      List<String> differences = new ArrayList<>();
      model
          .config()
          .differencesFrom(plan.model())
          .forEach(d -> differences.add(d + " (saved vs now)"));
      compare(differences, "schema", model.encoder().schema().spec(), encoder.schema().spec());
      compare(differences, "hasher", model.encoder().hasher().spec(), encoder.hasher().spec());
      Map<String, String> trainer = model.provenance().trainer();
      compare(differences, "batch size", trainer.get("batch_size"), plan.batchSize() + "");
      compare(differences, "shuffle seed", trainer.get("seed"), plan.shuffleSeed() + "");
      String savedData = model.provenance().dataCrc32c();
      if (!savedData.equals(Provenance.UNKNOWN_VALUE)) {
        Provenance now = Provenance.ofTraining(Map.of(), plan.data(), -1);
        if (!now.dataCrc32c().equals(savedData)) {
          differences.add(
              "training data: "
                  + model.provenance().dataPath()
                  + " (CRC-32C "
                  + savedData
                  + ") vs "
                  + plan.data()
                  + " (CRC-32C "
                  + now.dataCrc32c()
                  + ")");
        }
      }
      if (!differences.isEmpty()) {
        throw new UsageException(
            "--resume: cannot resume from "
                + epoch
                + ": it was trained with other settings: "
                + String.join("; ", differences)
                + ". Give the same settings, or train into another --save directory");
      }
    } catch (RuntimeException | IOException e) {
      model.close();
      throw e;
    }
    out.printf("resuming after epoch %d from %s%n", model.completedEpochs(), epoch);
    return model;
  }

  private static void compare(List<String> differences, String what, String saved, String now) {
    if (saved != null && !saved.equals(now)) {
      differences.add(what + ": " + saved + " vs " + now + " (saved vs now)");
    }
  }

  /** The highest-numbered epoch directory in {@code save} whose files all check out. */
  static Path lastCompleteEpoch(Path save) throws IOException {
    List<Integer> epochs = new ArrayList<>();
    if (Files.isDirectory(save)) {
      try (Stream<Path> list = Files.list(save)) {
        list.map(p -> p.getFileName().toString())
            .filter(n -> n.matches("\\d{1,9}"))
            .forEach(n -> epochs.add(Integer.parseInt(n)));
      }
    }
    epochs.sort(Comparator.reverseOrder());
    for (int e : epochs) {
      Path dir = save.resolve(Integer.toString(e));
      try {
        SlotModel.describeSaved(dir);
        return dir;
      } catch (IOException | RuntimeException incomplete) {
        LOG.warn("epoch {} in {} is not complete, skipped: {}", e, save, incomplete.getMessage());
      }
    }
    throw new UsageException(
        "--resume: " + save + " holds no complete epoch; train without --resume");
  }

  private static boolean holdsAnEpoch(Path dir) {
    try (Stream<Path> list = Files.list(dir)) {
      return list.anyMatch(
          p ->
              p.getFileName().toString().matches("\\d{1,9}")
                  && Files.exists(p.resolve("MANIFEST")));
    } catch (IOException e) {
      return false;
    }
  }

  /** Writes {@code model} in the serving layout to {@code --export}, if given. */
  private void exportForServing(SlotModel model, PrintStream out) throws IOException {
    if (export != null) {
      model.saveForServing(export);
      out.printf(
          "epoch %d written for serving to %s (%,d bytes)%n",
          model.completedEpochs(), export, bytes(export));
    }
  }

  /**
   * Deletes the epoch directories of {@code save} numbered at most {@code result.epoch() - keep},
   * once {@code result}'s own directory is completely saved (a saved model directory appears whole
   * or not at all), so the newest epochs are never lost.
   */
  static void dropEpochsBefore(Path save, EpochResult result, int keep, PrintStream out) {
    Path saved = result.savedTo();
    if (saved == null || !Files.isRegularFile(saved.resolve("MANIFEST"))) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(save)) {
      for (Path d : dirs) {
        String name = d.getFileName().toString();
        if (name.matches("[0-9]{1,9}")
            && Integer.parseInt(name) <= result.epoch() - keep
            && Files.isDirectory(d)) {
          AtomicFiles.deleteRecursively(d);
          out.println("deleted epoch " + name + " (--keep-last " + keep + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long bytes(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      long sum = 0;
      for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
        sum += Files.size(f);
      }
      return sum;
    }
  }

  /** Drops the log lines of epochs after {@code epoch} (left by a run that is being redone). */
  private static void keepLogUpTo(Path save, int epoch) throws IOException {
    Path log = save.resolve(LOG_FILE);
    if (!Files.exists(log)) {
      return;
    }
    List<String> kept = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      Matcher m = LOG_EPOCH.matcher(line);
      if (m.lookingAt() && Integer.parseInt(m.group(1)) <= epoch) {
        kept.add(line);
      }
    }
    writeLog(log, kept);
  }

  private static void appendLog(Path save, EpochResult result) {
    Path log = save.resolve(LOG_FILE);
    try {
      List<String> lines =
          Files.exists(log)
              ? new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8))
              : new ArrayList<>();
      lines.add(result.toString());
      writeLog(log, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeLog(Path log, List<String> lines) throws IOException {
    String text = lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    AtomicFiles.write(log, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static final Pattern LOG_EPOCH = Pattern.compile("epoch (\\d+):");

  /**
   * The watch ranker's negatives: {@code --negatives N} per positive (default {@value
   * NegativeSampler#DEFAULT_NEGATIVES_PER_POSITIVE}), {@code --hard-share X} of them (default
   * {@value NegativeSampler#DEFAULT_HARD_SHARE}) from the {@code --hard-pool N} best candidates
   * (default {@value NegativeSampler#DEFAULT_HARD_POOL}) of the recall model {@code --recall DIR};
   * without {@code --recall} all are drawn by popularity. {@code --negative-seed N} seeds them.
   */
  NegativeSampler negatives(PreparedDataset data, PrintStream out) throws IOException {
    NegativeSampler.Builder b;
    try {
      b =
          NegativeSampler.newBuilder(data)
              .withNegativesPerPositive(negatives)
              .withHardShare(hardShare)
              .withSeed(negativeSeed);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--negatives/--hard-share: " + e.getMessage());
    }
    if (recall == null) {
      out.println("no --recall model: every negative is drawn by popularity");
      return b.withHardShare(0).build();
    }
    try (TwoTowerModel recallModel = TwoTowerModel.load(recall, RuntimeOptions.TRAINING)) {
      NegativeSampler s = b.withHardCandidates(recallModel, hardPool).build();
      out.printf(
          "negatives: %d per positive, %.2f of them from the best %d candidates of %s%n",
          s.negativesPerPositive(), s.hardShare(), hardPool, recall);
      return s;
    }
  }

  /**
   * What this run trains: the config file's settings, if any, overridden by the options.
   *
   * @throws UsageException if the data or save directory is given by neither, or an option's value
   *     is not one the model accepts
   */
  Plan plan() throws IOException {
    PaddleRecConfig cfg = config != null ? PaddleRecConfig.load(config) : null;
    ModelConfig m = cfg != null ? cfg.model() : ModelConfig.defaults();
    Path dataDir = data != null ? data : cfg != null ? cfg.runner().trainDataDir() : null;
    if (dataDir == null) {
      throw new UsageException(
          "give the training data with --data OUT/train, or runner.train_data_dir in --config");
    }
    Path saveDir = save != null ? save : cfg != null ? cfg.runner().modelSavePath() : null;
    if (saveDir == null) {
      throw new UsageException(
          "give the save directory with --save DIR, or runner.model_save_path in --config");
    }
    Path validationDir =
        validation != null ? validation : cfg != null ? cfg.runner().validationDataDir() : null;
    try {
      m =
          new ModelConfig(
              m.sparseFeatureNumber(),
              dim != null ? dim : m.sparseFeatureDim(),
              fc != null ? fc : m.fcSizes(),
              optimizer != null ? OptimizerKind.parse(optimizer) : m.optimizer(),
              lr != null ? lr : m.learningRate(),
              lrDecay != null ? lrDecay : m.learningRateDecay(),
              model == ModelKind.WATCH
                  ? Objective.WATCH
                  : objective != null ? Objective.parse(objective) : m.objective(),
              temperature != null ? temperature : m.temperature(),
              !noLogQ && m.logQCorrection(),
              m.lazyEmbeddingUpdates(),
              l2 != null ? l2 : m.embeddingL2(),
              wide || m.wide(),
              seed != null ? seed : m.seed());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    RuntimeOptions runtime = RuntimeOptions.TRAINING;
    if (threads != null) {
      if (threads.isEmpty() || threads.size() > 2) {
        throw new UsageException("--threads takes INTRA,INTER, got " + threads);
      }
      runtime = new RuntimeOptions(threads.get(0), threads.get(threads.size() - 1), false);
    }
    boolean onGpu = gpu || (cfg != null && cfg.runner().useGpu());
    return new Plan(
        model,
        m,
        dataDir,
        saveDir,
        validationDir,
        epochs != null ? epochs : cfg != null ? cfg.runner().epochs() : Trainer.DEFAULT_EPOCHS,
        batchSize != null
            ? batchSize
            : cfg != null ? cfg.runner().trainBatchSize() : Trainer.DEFAULT_BATCH_SIZE,
        printInterval != null
            ? printInterval
            : cfg != null ? cfg.runner().printInterval() : Trainer.DEFAULT_PRINT_INTERVAL,
        shuffleSeed != null
            ? shuffleSeed
            : cfg != null ? cfg.runner().shuffleSeed() : Trainer.DEFAULT_SEED,
        runtime.withGpu(onGpu));
  }
}
