package io.movierec.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.movierec.evaluation.RatingMetrics;
import io.movierec.models.ModelConfig;
import io.movierec.training.EpochResult;
import io.movierec.training.TrainingReport;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class TrainingReportWriterTest {

  private static final String SVG_NS = "http://www.w3.org/2000/svg";
  private static final int BATCH_SIZE = 100;
  private static final Instant STARTED = Instant.parse("2024-05-01T10:00:00Z");

  /** A strict reader: no trailing text, no duplicate keys, no NaN. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  @TempDir Path dir;

  // ---- fixtures ----

  /**
   * A made-up run: {@code epochs} epochs of {@code examples} examples in batches of {@value
   * #BATCH_SIZE}; each epoch's mean loss is the mean of its batch losses.
   */
  private TrainingReport run(int epochs, long examples, boolean validation) {
    int perEpoch = (int) ((examples + BATCH_SIZE - 1) / BATCH_SIZE);
    float[] losses = new float[epochs * perEpoch];
    List<EpochResult> results = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      double sum = 0;
      for (int b = 0; b < perEpoch; b++) {
        int i = (e - 1) * perEpoch + b;
        losses[i] = 2.0f / (1 + i * 0.1f) + (i % 3) * 0.01f;
        sum += losses[i];
      }
      double mse = 1.5 / e;
      RatingMetrics metrics =
          validation ? new RatingMetrics(200, 0.25 + 0.05 * e, mse, 0.9 / e, Math.sqrt(mse)) : null;
      results.add(
          new EpochResult(
              e,
              sum / perEpoch,
              2.0,
              examples,
              1.25 * e,
              dir.resolve("model").resolve(Integer.toString(e)),
              metrics));
    }
    return new TrainingReport(results, losses, examples);
  }

  private ReportInfo.Builder info(boolean validation) {
    ReportInfo.Builder b =
        ReportInfo.newBuilder("dnn-ranker", ModelConfig.defaults(), dir.resolve("data/train"))
            .withEpochs(3)
            .withBatchSize(BATCH_SIZE)
            .withSeed(11)
            .withStartedAt(STARTED)
            .withTotalSeconds(12.5);
    return validation ? b.withValidationData(dir.resolve("data/validation")) : b;
  }

  private String html() throws Exception {
    return Files.readString(dir.resolve("report").resolve(TrainingReportWriter.HTML_FILE), UTF_8);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> json() throws Exception {
    return (Map<String, Object>)
        JSON.readValue(
            Files.readString(dir.resolve("report").resolve(TrainingReportWriter.JSON_FILE), UTF_8),
            Object.class);
  }

  /** A JSON integer, which Jackson reads as an Integer or, when it does not fit, a Long. */
  private static long integer(Object json) {
    assertThat(json).isInstanceOfAny(Integer.class, Long.class);
    return ((Number) json).longValue();
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object json, Object... path) {
    Object v = json;
    for (Object step : path) {
      v =
          step instanceof Integer i
              ? ((List<Object>) v).get(i)
              : ((Map<String, Object>) v).get(step);
    }
    return (T) v;
  }

  private static List<Document> svgs(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    List<Document> out = new ArrayList<>();
    Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(html);
    while (m.find()) {
      out.add(factory.newDocumentBuilder().parse(new InputSource(new StringReader(m.group()))));
    }
    return out;
  }

  private void write(ReportInfo info, TrainingReport report) throws Exception {
    TrainingReportWriter.write(dir.resolve("report"), info, report);
  }

  // ---- the page ----

  @Test
  void writesEverySvgOfThePageAsWellFormedXml() throws Exception {
    write(info(true).build(), run(3, 950, true));
    String html = html();
    List<Document> svgs = svgs(html);
    assertThat(svgs).hasSize(html.split("<svg\\b", -1).length - 1).hasSize(4);
    for (Document svg : svgs) {
      assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
      assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
    }
  }

  @Test
  void showsTheValidationPlotsForAValidatedRun() throws Exception {
    write(info(true).build(), run(3, 950, true));
    assertThat(html())
        .contains("Validation error per epoch", "Validation accuracy per epoch", "val. rmse");
  }

  @Test
  void omitsTheValidationPlotsForARunWithoutValidation() throws Exception {
    write(info(false).build(), run(3, 950, false));
    String html = html();
    assertThat(svgs(html)).hasSize(2);
    assertThat(html).doesNotContain("<h2>Validation", "val. rmse");
  }

  @Test
  void marksTheEpochBoundariesInTheBatchLossPlot() throws Exception {
    write(info(false).build(), run(3, 950, false));
    Document lossPlot = svgs(html()).get(0);
    NodeList lines = lossPlot.getElementsByTagNameNS(SVG_NS, "line");
    List<String> dashed = new ArrayList<>();
    for (int i = 0; i < lines.getLength(); i++) {
      Element line = (Element) lines.item(i);
      if (line.hasAttribute("stroke-dasharray")) {
        dashed.add(line.getAttribute("x1"));
      }
    }
    assertThat(dashed).hasSize(2);
    assertThat(lossPlot.getDocumentElement().getTextContent()).contains("epoch 2", "epoch 3");
  }

  @Test
  void plotsEveryEpochsMeanLossAsADot() throws Exception {
    write(info(false).build(), run(3, 950, false));
    Document epochPlot = svgs(html()).get(1);
    assertThat(epochPlot.getElementsByTagNameNS(SVG_NS, "circle").getLength()).isEqualTo(3);
  }

  @Test
  void escapesOddCharactersInPaths() throws Exception {
    Path odd = dir.resolve("a \"quoted\" <dir> & 'more'");
    write(
        ReportInfo.newBuilder("dnn-ranker", ModelConfig.defaults(), odd).build(),
        run(1, 300, false));
    String html = html();
    assertThat(html)
        .contains("a &quot;quoted&quot; &lt;dir&gt; &amp; &#39;more&#39;")
        .doesNotContain("<dir>");
    assertThat((String) at(json(), "training_data")).isEqualTo(odd.toString());
  }

  @Test
  void escapesOddCharactersInTheModelKind() throws Exception {
    write(
        ReportInfo.newBuilder("<b>&\"x\"", ModelConfig.defaults(), dir).build(),
        run(1, 300, false));
    assertThat(html())
        .contains("Training report: &lt;b&gt;&amp;&quot;x&quot;")
        .doesNotContain("<b>");
    assertThat((String) at(json(), "model_kind")).isEqualTo("<b>&\"x\"");
    for (Document svg : svgs(html())) {
      assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
    }
  }

  @Test
  void needsNoScriptsAndNoExternalResources() throws Exception {
    write(info(true).build(), run(3, 950, true));
    assertThat(html().toLowerCase()).doesNotContain("<script", "<link", "src=", "url(", "@import");
  }

  // ---- the JSON ----

  @Test
  void writesJsonThatParses() throws Exception {
    write(info(true).build(), run(3, 950, true));
    assertThat(json()).containsKeys("model_kind", "config", "trainer", "epochs", "batch_loss");
  }

  @Test
  void writesTheEpochFiguresOfTheTrainingReport() throws Exception {
    TrainingReport report = run(3, 950, true);
    write(info(true).build(), report);
    Map<String, Object> json = json();
    List<Object> epochs = at(json, "epochs");
    assertThat(epochs).hasSize(3);
    for (int i = 0; i < 3; i++) {
      EpochResult e = report.epochs().get(i);
      assertThat(integer(at(epochs, i, "epoch"))).isEqualTo(e.epoch());
      assertThat((Double) at(epochs, i, "mean_loss")).isEqualTo(e.meanLoss());
      assertThat(integer(at(epochs, i, "examples"))).isEqualTo(e.examples());
      assertThat((Double) at(epochs, i, "seconds")).isEqualTo(e.seconds());
      assertThat((Double) at(epochs, i, "examples_per_second")).isEqualTo(e.examplesPerSecond());
      assertThat((String) at(epochs, i, "saved_to")).isEqualTo(e.savedTo().toString());
      assertThat(integer(at(epochs, i, "validation", "count"))).isEqualTo(e.validation().count());
      assertThat((Double) at(epochs, i, "validation", "rmse")).isEqualTo(e.validation().rmse());
      assertThat((Double) at(epochs, i, "validation", "mse")).isEqualTo(e.validation().mse());
      assertThat((Double) at(epochs, i, "validation", "mae")).isEqualTo(e.validation().mae());
      assertThat((Double) at(epochs, i, "validation", "accuracy"))
          .isEqualTo(e.validation().accuracy());
    }
  }

  @Test
  void writesEveryBatchLossOfAShortRun() throws Exception {
    TrainingReport report = run(3, 950, false);
    write(info(false).build(), report);
    float[] losses = report.batchLosses();
    List<Object> json = at(json(), "batch_loss", "loss");
    assertThat(json).hasSize(losses.length);
    for (int i = 0; i < losses.length; i++) {
      assertThat((Double) json.get(i)).isEqualTo(losses[i]);
    }
    assertThat(integer(at(json(), "batch_loss", "bucket_size"))).isEqualTo(1);
  }

  @Test
  void downsamplesTheBatchLossesOfALongRunKeepingTheirMean() throws Exception {
    TrainingReport report = run(3, 4_000_000, false);
    write(info(false).build(), report);
    float[] losses = report.batchLosses();
    double mean = 0;
    for (float l : losses) {
      mean += l;
    }
    mean /= losses.length;
    Map<String, Object> json = json();
    List<Object> points = at(json, "batch_loss", "loss");
    long bucket = integer(at(json, "batch_loss", "bucket_size"));
    long batches = integer(at(json, "batch_loss", "batches"));
    double weighted = 0;
    for (int i = 0; i < points.size(); i++) {
      long count = Math.min(bucket, batches - i * bucket);
      weighted += (Double) points.get(i) * count;
    }
    assertThat(points).hasSizeLessThanOrEqualTo(TrainingReportWriter.MAX_LOSS_POINTS);
    assertThat(batches).isEqualTo(losses.length);
    assertThat(weighted / batches).isCloseTo(mean, within(1e-9));
  }

  @Test
  void keepsThePageSmallForALongRun() throws Exception {
    write(info(false).build(), run(3, 4_000_000, false));
    assertThat(Files.size(dir.resolve("report").resolve(TrainingReportWriter.HTML_FILE)))
        .isLessThan(300_000);
  }

  @Test
  void writesEveryHyperParameter() throws Exception {
    write(info(false).build(), run(1, 300, false));
    Map<String, Object> config = at(json(), "config");
    assertThat(config).hasSize(ModelConfig.class.getRecordComponents().length);
    ModelConfig c = ModelConfig.defaults();
    assertThat(config)
        .containsEntry("sparse_feature_number", c.sparseFeatureNumber())
        .containsEntry("learning_rate", Double.parseDouble(Float.toString(c.learningRate())))
        .containsEntry("learning_rate_decay", (double) c.learningRateDecay())
        .containsEntry("fc_sizes", c.fcSizes())
        .containsEntry("optimizer", c.optimizer().name())
        .containsEntry("wide", c.wide());
  }

  @Test
  void writesTheRunSettings() throws Exception {
    write(info(true).build(), run(3, 950, true));
    Map<String, Object> json = json();
    assertThat(integer(at(json, "trainer", "epochs"))).isEqualTo(3);
    assertThat(integer(at(json, "trainer", "batch_size"))).isEqualTo(BATCH_SIZE);
    assertThat(integer(at(json, "trainer", "seed"))).isEqualTo(11);
    assertThat(integer(at(json, "examples_per_epoch"))).isEqualTo(950);
    assertThat((Double) at(json, "total_seconds")).isEqualTo(12.5);
    assertThat((String) at(json, "started_at")).isEqualTo(STARTED.toString());
    assertThat((String) at(json, "validation_data"))
        .isEqualTo(dir.resolve("data/validation").toString());
  }

  @Test
  void writesNullForWhatWasNotRecorded() throws Exception {
    write(
        ReportInfo.newBuilder("two-tower", ModelConfig.defaults(), dir).build(),
        run(1, 300, false));
    Map<String, Object> json = json();
    assertThat(json)
        .containsEntry("started_at", null)
        .containsEntry("total_seconds", null)
        .containsEntry("validation_data", null);
    assertThat(html()).contains("not recorded");
  }

  @Test
  void writesNullForAnUndefinedValidationMetric() throws Exception {
    TrainingReport report =
        new TrainingReport(
            List.of(
                new EpochResult(
                    1,
                    0.5,
                    2.0,
                    100,
                    1,
                    null,
                    new RatingMetrics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN))),
            new float[] {0.5f},
            100);
    write(info(true).build(), report);
    assertThat((Object) at(json(), "epochs", 0, "validation", "rmse")).isNull();
    assertThat((Object) at(json(), "epochs", 0, "saved_to")).isNull();
  }

  // ---- edge cases ----

  @Test
  void writesAReportOfARunWithoutEpochs() throws Exception {
    write(info(false).build(), new TrainingReport(List.of(), new float[0], 950));
    assertThat(svgs(html()))
        .hasSize(2)
        .allSatisfy(
            svg -> assertThat(svg.getDocumentElement().getTextContent()).contains("no data"));
    assertThat((List<?>) at(json(), "epochs")).isEmpty();
  }

  @Test
  void replacesAnExistingReportLeavingNoTemporaryFiles() throws Exception {
    write(
        ReportInfo.newBuilder("first-kind", ModelConfig.defaults(), dir).build(),
        run(1, 300, false));
    write(
        ReportInfo.newBuilder("second-kind", ModelConfig.defaults(), dir).build(),
        run(1, 300, false));
    assertThat(html()).contains("second-kind").doesNotContain("first-kind");
    try (Stream<Path> files = Files.list(dir.resolve("report"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              TrainingReportWriter.HTML_FILE, TrainingReportWriter.JSON_FILE);
    }
  }
}
