package io.movierec.cli;

import io.movierec.config.PaddleRecConfig;
import io.movierec.models.ModelBuilder;
import io.movierec.models.ModelConfig;
import io.movierec.models.NegativeSampler;
import io.movierec.models.Objective;
import io.movierec.models.OptimizerKind;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.Trainer;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.report.ReportInfo;
import io.movierec.report.TrainingReportWriter;
import io.movierec.training.TrainingReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code movierec train --model recall|rank (--config config.yaml | --data OUT/train) --save DIR
 * [overrides]}: PaddleRec's trainer.py. Flags override the config file.
 */
final class TrainCommand {

  static final String USAGE =
      "train --model recall|rank|watch (--config config.yaml | --data OUT/train --save DIR)\n"
          + "        [--epochs N] [--batch-size N] [--print-interval N] [--optimizer SGD|Adam|AdaGrad]\n"
          + "        [--lr X] [--lr-decay X] [--fc 512,256,128,32] [--dim 9]\n"
          + "        [--objective mse|sampled_softmax] [--temperature X] [--no-logq] [--l2 X]\n"
          + "        [--wide] [--seed N] [--shuffle-seed N] [--validation OUT/validation]\n"
          + "        [--threads INTRA,INTER] [--gpu] [--report DIR]\n"
          + "        watch: [--recall DIR] [--negatives 4] [--hard-share 0.5] [--hard-pool 100]"
          + " [--negative-seed 11]";

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
  static final Set<String> SWITCHES = Set.of("no-logq", "gpu", "wide");

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
    try (SlotModel model = builder.build()) {
      Trainer.Builder t =
          Trainer.newBuilder()
              .withEpochs(plan.epochs())
              .withBatchSize(plan.batchSize())
              .withPrintInterval(plan.printInterval())
              .withSeed(plan.shuffleSeed())
              .withSaveDirectory(plan.save());
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
