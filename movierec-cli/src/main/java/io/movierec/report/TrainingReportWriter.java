package io.movierec.report;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.movierec.evaluation.RatingMetrics;
import io.movierec.io.AtomicFiles;
import io.movierec.json.Json;
import io.movierec.models.ModelConfig;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingReport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the report of a training run into a directory: {@value #HTML_FILE}, one self-contained
 * page (inline SVG plots and CSS, no scripts, no external resources), and {@value #JSON_FILE}, the
 * same figures as JSON.
 *
 * <p>The page holds a summary of the run (model, hyper-parameters, trainer settings, data, timing),
 * the loss of every batch (averaged in buckets down to at most {@value #MAX_LOSS_POINTS} points)
 * with a moving average and the epoch boundaries, the mean loss per epoch, the validation metrics
 * per epoch when the run had validation data, and a table of the epochs.
 *
 * <pre>{@code
 * TrainingReport report = trainer.fit(model, train);
 * TrainingReportWriter.write(Path.of("report"), ReportInfo.newBuilder(model.kind(),
 *     model.config(), train).withEpochs(5).build(), report);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TrainingReportWriter {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingReportWriter.class);

  /** The page's file name. */
  public static final String HTML_FILE = "report.html";

  /** The JSON file's name. */
  public static final String JSON_FILE = "report.json";

  /** The batch-loss series is averaged in buckets down to at most this many points. */
  public static final int MAX_LOSS_POINTS = 2_000;

  /**
   * The moving average of the batch losses reaches this share (1/n) of the points either side of
   * each point, at least one.
   */
  public static final int MOVING_AVERAGE_SHARE = 50;

  /** The version of the JSON layout. */
  public static final int JSON_VERSION = 1;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final String LOSS_COLOR = "#9ecae1";
  private static final String AVERAGE_COLOR = "#08519c";
  private static final String EPOCH_COLOR = "#d94801";
  private static final String RMSE_COLOR = "#2171b5";
  private static final String MAE_COLOR = "#238b45";
  private static final String ACCURACY_COLOR = "#6a51a3";

  private TrainingReportWriter() {}

  /**
   * Writes {@value #HTML_FILE} and {@value #JSON_FILE} into {@code dir} (created if missing), each
   * atomically; existing ones are replaced.
   */
  public static void write(Path dir, ReportInfo info, TrainingReport report) throws IOException {
    checkNotNull(dir, "dir");
    checkNotNull(info, "info");
    checkNotNull(report, "report");
    Figures f = Figures.of(info, report);
    byte[] json = json(f).getBytes(UTF_8);
    byte[] html = html(f).getBytes(UTF_8);
    AtomicFiles.write(dir.resolve(JSON_FILE), out -> out.write(json));
    AtomicFiles.write(dir.resolve(HTML_FILE), out -> out.write(html));
    LOG.info("training report written to {}", dir.resolve(HTML_FILE));
  }

  /** What both files show, computed once. */
  private record Figures(
      ReportInfo info,
      TrainingReport report,
      LossSeries losses,
      int averageRadius,
      double[] average,
      boolean validated) {

    static Figures of(ReportInfo info, TrainingReport report) {
      LossSeries losses = LossSeries.of(report.batchLosses(), MAX_LOSS_POINTS);
      int radius = Math.max(1, Math.round(losses.size() / (float) MOVING_AVERAGE_SHARE));
      boolean validated = report.epochs().stream().anyMatch(e -> e.validation() != null);
      return new Figures(info, report, losses, radius, losses.movingAverage(radius), validated);
    }

    List<EpochResult> epochs() {
      return report.epochs();
    }
  }

  // ---- JSON ----

  private static String json(Figures f) {
    ReportInfo info = f.info();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("report", "movierec training report");
    root.put("version", JSON_VERSION);
    root.put("model_kind", info.modelKind());
    root.put("started_at", info.startedAt() == null ? null : info.startedAt().toString());
    root.put("total_seconds", info.totalSeconds());
    root.put("training_data", info.trainingData().toString());
    root.put("validation_data", pathOrNull(info.validationData()));
    root.put("examples_per_epoch", f.report().examplesPerEpoch());
    Map<String, Object> trainer = new LinkedHashMap<>();
    trainer.put("epochs", info.epochs());
    trainer.put("batch_size", info.batchSize());
    trainer.put("seed", info.seed());
    root.put("trainer", trainer);
    root.put("config", config(info.config()));
    List<Object> epochs = new ArrayList<>();
    for (EpochResult e : f.epochs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", e.epoch());
      m.put("mean_loss", e.meanLoss());
      m.put("examples", e.examples());
      m.put("seconds", e.seconds());
      m.put("examples_per_second", e.examplesPerSecond());
      m.put("saved_to", pathOrNull(e.savedTo()));
      m.put("validation", e.validation() == null ? null : metrics(e.validation()));
      epochs.add(m);
    }
    root.put("epochs", epochs);
    LossSeries losses = f.losses();
    Map<String, Object> batchLoss = new LinkedHashMap<>();
    batchLoss.put("batches", losses.batches());
    batchLoss.put("bucket_size", losses.bucketSize());
    batchLoss.put("points", losses.size());
    batchLoss.put("moving_average_radius", f.averageRadius());
    batchLoss.put("batch", losses.batch());
    batchLoss.put("loss", losses.loss());
    batchLoss.put("moving_average", f.average());
    root.put("batch_loss", batchLoss);
    return Json.indented(root);
  }

  private static Map<String, Object> metrics(RatingMetrics v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", v.count());
    m.put("accuracy", v.accuracy());
    m.put("mse", v.mse());
    m.put("mae", v.mae());
    m.put("rmse", v.rmse());
    return m;
  }

  /**
   * Every hyper-parameter under the name {@code model.properties} gives it: numbers, booleans,
   * strings, and {@code fc_sizes} as a list.
   */
  static Map<String, Object> config(ModelConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sparse_feature_number", c.sparseFeatureNumber());
    m.put("sparse_feature_dim", c.sparseFeatureDim());
    m.put("fc_sizes", c.fcSizes());
    m.put("optimizer", c.optimizer().name());
    m.put("learning_rate", c.learningRate());
    m.put("learning_rate_decay", c.learningRateDecay());
    m.put("objective", c.objective().name().toLowerCase(Locale.ROOT));
    m.put("temperature", c.temperature());
    m.put("logq_correction", c.logQCorrection());
    m.put("lazy_embedding_updates", c.lazyEmbeddingUpdates());
    m.put("embedding_l2", c.embeddingL2());
    m.put("wide", c.wide());
    m.put("seed", c.seed());
    return m;
  }

  private static String pathOrNull(Path p) {
    return p == null ? null : p.toString();
  }

  // ---- HTML ----

  private static final String CSS =
      """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
        margin: 24px auto; max-width: 1000px; padding: 0 16px; line-height: 1.4; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd; }
      .meta { color: #555; margin-top: 0; }
      .summary { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
      .summary table { flex: 1 1 160px; }
      .summary table:first-child { flex: 2 1 340px; }
      table { border-collapse: collapse; font-size: 0.9em; }
      th, td { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: left;
        vertical-align: top; }
      th { white-space: nowrap; border-bottom: 1px solid #ccc; }
      .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
      .summary td { white-space: nowrap; }
      .summary td:first-child { color: #555; }
      .summary td.path { white-space: normal; }
      .path { font-family: ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
      svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0; }
      svg .title { font-size: 16px; font-weight: 600; fill: #222; }
      svg .legend, svg .axis { font-size: 13px; fill: #333; }
      svg .tick { font-size: 12px; fill: #555; }
      svg .marker { font-size: 11px; fill: #777; }
      svg .note { font-size: 14px; fill: #999; }
      footer { margin-top: 2em; color: #777; font-size: 0.85em; }
      """;

  private static String html(Figures f) {
    ReportInfo info = f.info();
    StringBuilder h = new StringBuilder(64_000);
    String title = "Training report: " + info.modelKind();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(Markup.escape(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n");
    h.append("<h1>").append(Markup.escape(title)).append("</h1>\n");
    h.append("<p class=\"meta\">").append(Markup.escape(metaLine(f))).append("</p>\n");

    h.append("<div class=\"summary\">\n");
    summaryTable(h, "Run", runRows(f));
    summaryTable(h, "Trainer", trainerRows(f));
    Map<String, String> config = new LinkedHashMap<>();
    config(info.config())
        .forEach(
            (k, v) ->
                config.put(
                    k,
                    v instanceof List<?> l
                        ? l.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        : String.valueOf(v)));
    summaryTable(h, "Hyper-parameters", config);
    h.append("</div>\n");

    h.append("<h2>Loss</h2>\n").append(batchLossChart(f)).append(epochLossChart(f));
    if (f.validated()) {
      h.append("<h2>Validation</h2>\n").append(validationCharts(f));
    }
    h.append("<h2>Epochs</h2>\n");
    epochTable(h, f);
    h.append("<footer>Written by movierec. The same figures are in ")
        .append(JSON_FILE)
        .append(".</footer>\n</body>\n</html>\n");
    return h.toString();
  }

  private static String metaLine(Figures f) {
    ReportInfo info = f.info();
    List<String> parts = new ArrayList<>();
    parts.add(
        info.startedAt() == null
            ? "start time not recorded"
            : "started " + DATE.format(info.startedAt()));
    parts.add(
        Double.isNaN(info.totalSeconds())
            ? "total time not recorded"
            : "total " + seconds(info.totalSeconds()));
    parts.add(
        f.epochs().isEmpty()
            ? "no epochs run"
            : f.epochs().size() == 1
                ? "epoch " + f.epochs().get(0).epoch()
                : "epochs " + f.epochs().get(0).epoch() + "–" + f.report().last().epoch());
    return String.join(" · ", parts);
  }

  private static Map<String, String> runRows(Figures f) {
    ReportInfo info = f.info();
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("model", info.modelKind());
    rows.put("training data", info.trainingData().toString());
    rows.put(
        "validation data",
        info.validationData() == null ? "none" : info.validationData().toString());
    rows.put(
        "examples per epoch", String.format(Locale.ROOT, "%,d", f.report().examplesPerEpoch()));
    rows.put("batches run", String.format(Locale.ROOT, "%,d", f.losses().batches()));
    rows.put("started", info.startedAt() == null ? "not recorded" : DATE.format(info.startedAt()));
    rows.put(
        "total time",
        Double.isNaN(info.totalSeconds()) ? "not recorded" : seconds(info.totalSeconds()));
    return rows;
  }

  private static Map<String, String> trainerRows(Figures f) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("epochs", Integer.toString(f.info().epochs()));
    rows.put("batch size", Integer.toString(f.info().batchSize()));
    rows.put("seed", Long.toString(f.info().seed()));
    return rows;
  }

  private static void summaryTable(StringBuilder h, String caption, Map<String, String> rows) {
    h.append("<table>\n<caption>").append(Markup.escape(caption)).append("</caption>\n");
    rows.forEach(
        (k, v) -> {
          boolean path = k.endsWith("data");
          h.append("<tr><td>")
              .append(Markup.escape(k))
              .append("</td><td")
              .append(path ? " class=\"path\"" : "")
              .append('>')
              .append(Markup.escape(v))
              .append("</td></tr>\n");
        });
    h.append("</table>\n");
  }

  private static String batchLossChart(Figures f) {
    LossSeries losses = f.losses();
    String lossName =
        losses.bucketSize() == 1
            ? "batch loss"
            : "batch loss (mean of " + losses.bucketSize() + " batches)";
    long averageBatches = (2L * f.averageRadius() + 1) * losses.bucketSize();
    SvgChart chart =
        new SvgChart("Loss per batch", "batch", "loss")
            .xRange(0.5, losses.batches() + 0.5)
            .line(lossName, LOSS_COLOR, losses.batch(), losses.loss(), 1.2, false)
            .line(
                String.format(Locale.ROOT, "centred moving average (%,d batches)", averageBatches),
                AVERAGE_COLOR,
                losses.batch(),
                f.average(),
                2.2,
                false);
    // epoch boundaries: every epoch ran ceil(examples / batch size) batches
    long end = 0;
    List<Long> boundaries = new ArrayList<>();
    for (EpochResult e : f.epochs()) {
      boundaries.add(end);
      end += (e.examples() + f.info().batchSize() - 1) / f.info().batchSize();
    }
    if (end == losses.batches()) {
      for (int i = 1; i < boundaries.size(); i++) {
        chart.marker(boundaries.get(i) + 0.5, "epoch " + f.epochs().get(i).epoch());
      }
    }
    return chart.render();
  }

  private static String epochLossChart(Figures f) {
    return new SvgChart("Mean loss per epoch", "epoch", "mean loss")
        .height(300)
        .integerX()
        .line(
            "mean loss", EPOCH_COLOR, epochNumbers(f), perEpoch(f, EpochResult::meanLoss), 2, true)
        .render();
  }

  private static String validationCharts(Figures f) {
    double[] x = epochNumbers(f);
    String errors =
        new SvgChart("Validation error per epoch", "epoch", "error")
            .height(300)
            .integerX()
            .line(
                "rmse",
                RMSE_COLOR,
                x,
                perEpoch(f, e -> validation(e, RatingMetrics::rmse)),
                2,
                true)
            .line("mae", MAE_COLOR, x, perEpoch(f, e -> validation(e, RatingMetrics::mae)), 2, true)
            .render();
    String accuracy =
        new SvgChart("Validation accuracy per epoch", "epoch", "accuracy")
            .height(240)
            .integerX()
            .line(
                "accuracy",
                ACCURACY_COLOR,
                x,
                perEpoch(f, e -> validation(e, RatingMetrics::accuracy)),
                2,
                true)
            .render();
    return errors + accuracy;
  }

  private static double validation(EpochResult e, ToDoubleFunction<RatingMetrics> metric) {
    return e.validation() == null ? Double.NaN : metric.applyAsDouble(e.validation());
  }

  private static double[] epochNumbers(Figures f) {
    return perEpoch(f, EpochResult::epoch);
  }

  private static double[] perEpoch(Figures f, ToDoubleFunction<EpochResult> value) {
    return f.epochs().stream().mapToDouble(value).toArray();
  }

  private static void epochTable(StringBuilder h, Figures f) {
    List<String> numbers =
        new ArrayList<>(List.of("epoch", "mean loss", "examples", "seconds", "examples/s"));
    if (f.validated()) {
      numbers.addAll(List.of("val. rmse", "val. mse", "val. mae", "val. accuracy"));
    }
    h.append("<table>\n<tr>");
    numbers.forEach(n -> h.append("<th class=\"num\">").append(Markup.escape(n)).append("</th>"));
    h.append("<th>saved to</th></tr>\n");
    for (EpochResult e : f.epochs()) {
      h.append("<tr>");
      cell(h, Integer.toString(e.epoch()));
      cell(h, fixed(e.meanLoss(), 4));
      cell(h, String.format(Locale.ROOT, "%,d", e.examples()));
      cell(h, fixed(e.seconds(), 2));
      cell(h, String.format(Locale.ROOT, "%,.0f", e.examplesPerSecond()));
      if (f.validated()) {
        RatingMetrics v = e.validation();
        cell(h, v == null ? "—" : fixed(v.rmse(), 4));
        cell(h, v == null ? "—" : fixed(v.mse(), 4));
        cell(h, v == null ? "—" : fixed(v.mae(), 4));
        cell(h, v == null ? "—" : fixed(v.accuracy(), 4));
      }
      h.append("<td class=\"path\">")
          .append(e.savedTo() == null ? "not saved" : Markup.escape(e.savedTo().toString()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void cell(StringBuilder h, String number) {
    h.append("<td class=\"num\">").append(Markup.escape(number)).append("</td>");
  }

  private static String fixed(double v, int decimals) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String seconds(double s) {
    return s < 120
        ? String.format(Locale.ROOT, "%.1f s", s)
        : String.format(Locale.ROOT, "%.1f s (%d min %02d s)", s, (long) s / 60, (long) s % 60);
  }
}
