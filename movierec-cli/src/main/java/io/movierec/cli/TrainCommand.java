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
import io.movierec.training.TrainingReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
final class TrainCommand {

  static final String USAGE =
      "train --model recall|rank|watch (--config config.yaml | --data OUT/train --save DIR)\n"
          + "        [--epochs N] [--batch-size N] [--print-interval N] [--optimizer SGD|Adam|AdaGrad]\n"
          + "        [--lr X] [--lr-decay X] [--fc 512,256,128,32] [--dim 9]\n"
          + "        [--objective mse|sampled_softmax] [--temperature X] [--no-logq] [--l2 X]\n"
          + "        [--wide] [--seed N] [--shuffle-seed N] [--validation OUT/validation]\n"
          + "        [--threads INTRA,INTER] [--gpu] [--report DIR] [--resume]\n"
          + "        watch: [--recall DIR] [--negatives 4] [--hard-share 0.5] [--hard-pool 100]"
          + " [--negative-seed 11]";

  /** The log of a training output directory: one line per saved epoch, kept across resumes. */
  static final String LOG_FILE = "training.log";

  /**
   * What {@code --save} may be besides new or empty: an earlier training output (marked, or holding
   * a saved epoch {@code <n>/MANIFEST}, as directories written before the marker are).
   */
  static final OutputDirectory.Kind OUTPUT_KIND =
      new OutputDirectory.Kind(
          "training-output", "training output directory", TrainCommand::holdsAnEpoch);

  static final Set<String> VALUED =
      Set.of(
          "model",
          "config",
          "data",
          "save",
          "epochs",
          "batch-size",
          "print-interval",
          "optimizer",
          "lr",
          "fc",
          "dim",
          "objective",
          "temperature",
          "seed",
          "shuffle-seed",
          "validation",
          "threads",
          "report",
          "l2",
          "lr-decay",
          "recall",
          "negatives",
          "hard-share",
          "hard-pool",
          "negative-seed");
  static final Set<String> SWITCHES = Set.of("no-logq", "gpu", "wide", "resume");

  private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

  private TrainCommand() {}

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

  static TrainingReport run(String[] argv, PrintStream out) throws IOException {
    Args args = new Args(argv, VALUED, SWITCHES);
    Plan plan = plan(args);
    PreparedDataset data = PreparedDataset.ofSplitDirectory(plan.data());
    OutputDirectory.checkApart(plan.save(), data.directory(), "prepared data set of --data");
    if (plan.validation() != null) {
      OutputDirectory.checkApart(plan.save(), plan.validation(), "--validation");
    }
    OutputDirectory.claim(plan.save(), OUTPUT_KIND);
    out.printf(
        "training %s on %s: %s, %d epochs, batch %d, saving to %s%n",
        plan.kind().name().toLowerCase(java.util.Locale.ROOT),
        plan.data(),
        plan.model(),
        plan.epochs(),
        plan.batchSize(),
        plan.save());
    ModelBuilder<?, ?> builder =
        plan.kind() == ModelKind.WATCH
            ? WatchRanker.newBuilder(data.encoder()).withNegatives(negatives(args, data, out))
            : plan.kind().builder(data.encoder());
    builder.withConfig(plan.model()).withRuntime(plan.runtime());
    try (SlotModel model =
        args.flag("resume") ? resume(plan, data.encoder(), out) : builder.build()) {
      if (model.completedEpochs() >= plan.epochs()) {
        out.printf(
            "nothing to train: %s already holds epoch %d of %d%n",
            plan.save(), model.completedEpochs(), plan.epochs());
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
                    public void onEpochEnd(EpochResult result) {
                      appendLog(plan.save(), result);
                    }
                  });
      if (plan.validation() != null) {
        t.withValidationData(plan.validation());
      }
      Instant started = Instant.now();
      long start = System.nanoTime();
      TrainingReport report = t.build().fit(model, plan.data());
      report.epochs().forEach(e -> out.println(e));
      if (args.has("report")) {
        TrainingReportWriter.write(
            args.path("report"),
            ReportInfo.newBuilder(model.kind(), model.config(), plan.data())
                .withEpochs(plan.epochs())
                .withBatchSize(plan.batchSize())
                .withSeed(plan.shuffleSeed())
                .withValidationData(plan.validation())
                .withStartedAt(started)
                .withTotalSeconds((System.nanoTime() - start) / 1e9)
                .build(),
            report);
        out.println(
            "report written to " + args.path("report").resolve(TrainingReportWriter.HTML_FILE));
      }
      return report;
    }
  }

  /**
   * The model saved as the last complete epoch in the plan's save directory, checked against the
   * plan.
   *
   * @throws IllegalArgumentException if there is none, or naming what differs from the plan
   */
  static SlotModel resume(Plan plan, FeatureEncoder encoder, PrintStream out) throws IOException {
    if (plan.kind() == ModelKind.WATCH) {
      throw new IllegalArgumentException(
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
        throw new IllegalArgumentException(
            "cannot resume from "
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
    throw new IllegalArgumentException(
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
  static NegativeSampler negatives(Args a, PreparedDataset data, PrintStream out)
      throws IOException {
    NegativeSampler.Builder b =
        NegativeSampler.newBuilder(data)
            .withNegativesPerPositive(
                a.integer("negatives", NegativeSampler.DEFAULT_NEGATIVES_PER_POSITIVE))
            .withHardShare(a.decimal("hard-share", (float) NegativeSampler.DEFAULT_HARD_SHARE))
            .withSeed(a.longValue("negative-seed", NegativeSampler.DEFAULT_SEED));
    if (!a.has("recall")) {
      out.println("no --recall model: every negative is drawn by popularity");
      return b.withHardShare(0).build();
    }
    try (TwoTowerModel recall = TwoTowerModel.load(a.path("recall"), RuntimeOptions.TRAINING)) {
      NegativeSampler s =
          b.withHardCandidates(recall, a.integer("hard-pool", NegativeSampler.DEFAULT_HARD_POOL))
              .build();
      out.printf(
          "negatives: %d per positive, %.2f of them from the best %d candidates of %s%n",
          s.negativesPerPositive(),
          s.hardShare(),
          a.integer("hard-pool", NegativeSampler.DEFAULT_HARD_POOL),
          a.path("recall"));
      return s;
    }
  }

  static Plan plan(Args a) throws IOException {
    ModelKind kind = ModelKind.parse(a.required("model"));
    PaddleRecConfig cfg = a.has("config") ? PaddleRecConfig.load(a.path("config")) : null;
    ModelConfig m = cfg != null ? cfg.model() : ModelConfig.defaults();
    Path data = a.has("data") ? a.path("data") : cfg != null ? cfg.runner().trainDataDir() : null;
    if (data == null) {
      throw new Args.UsageException("give the training data with --data or runner.train_data_dir");
    }
    Path save = a.has("save") ? a.path("save") : cfg != null ? cfg.runner().modelSavePath() : null;
    if (save == null) {
      throw new Args.UsageException(
          "give the save directory with --save or runner.model_save_path");
    }
    Path validation =
        a.has("validation")
            ? a.path("validation")
            : cfg != null ? cfg.runner().validationDataDir() : null;
    m =
        new ModelConfig(
            m.sparseFeatureNumber(),
            a.integer("dim", m.sparseFeatureDim()),
            a.integers("fc", m.fcSizes()),
            a.has("optimizer") ? OptimizerKind.parse(a.get("optimizer", "")) : m.optimizer(),
            a.decimal("lr", m.learningRate()),
            a.decimal("lr-decay", m.learningRateDecay()),
            kind == ModelKind.WATCH
                ? Objective.WATCH
                : a.has("objective") ? Objective.parse(a.get("objective", "")) : m.objective(),
            a.decimal("temperature", m.temperature()),
            !a.flag("no-logq") && m.logQCorrection(),
            m.lazyEmbeddingUpdates(),
            a.decimal("l2", m.embeddingL2()),
            a.flag("wide") || m.wide(),
            a.longValue("seed", m.seed()));
    RuntimeOptions runtime = RuntimeOptions.TRAINING;
    if (a.has("threads")) {
      List<Integer> t = a.integers("threads", List.of());
      runtime = new RuntimeOptions(t.get(0), t.get(t.size() - 1), false);
    }
    boolean gpu = a.flag("gpu") || (cfg != null && cfg.runner().useGpu());
    return new Plan(
        kind,
        m,
        data,
        save,
        validation,
        a.integer("epochs", cfg != null ? cfg.runner().epochs() : Trainer.DEFAULT_EPOCHS),
        a.integer(
            "batch-size", cfg != null ? cfg.runner().trainBatchSize() : Trainer.DEFAULT_BATCH_SIZE),
        a.integer(
            "print-interval",
            cfg != null ? cfg.runner().printInterval() : Trainer.DEFAULT_PRINT_INTERVAL),
        a.longValue(
            "shuffle-seed", cfg != null ? cfg.runner().shuffleSeed() : Trainer.DEFAULT_SEED),
        runtime.withGpu(gpu));
  }
}
