package io.movierec.config;

import static io.movierec.models.ModelConfig.MAX_FC_SIZE;
import static io.movierec.models.ModelConfig.MAX_SPARSE_FEATURE_DIM;

import io.movierec.models.ModelConfig;
import io.movierec.models.Objective;
import io.movierec.models.OptimizerKind;
import io.movierec.models.Trainer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A PaddleRec {@code config.yaml} for the movie models: its {@code runner} and {@code
 * hyper_parameters} sections, read strictly — an unknown key, a wrong type or a bad value is an
 * error naming the file, the line and the key. Relative paths are resolved against the file's
 * directory.
 *
 * <pre>
 * runner:
 *   train_data_dir: "../data/train"      train_batch_size: 128     epochs: 5
 *   print_interval: 20                   model_save_path: "output_model_rank"
 *   test_data_dir: "../data/test"        infer_batch_size: 128
 *   infer_load_path: "output_model_rank" infer_start_epoch: 4      infer_end_epoch: 5
 *   runner_result_dump_path: "rank_infer_result"                   use_gpu: False
 * hyper_parameters:
 *   optimizer: {class: Adam, learning_rate: 0.001}
 *   sparse_feature_number: 600000        sparse_feature_dim: 9
 *   fc_sizes: [512, 256, 128, 32]
 * </pre>
 *
 * movierec adds optional keys under {@code hyper_parameters}: {@code optimizer.learning_rate_decay}
 * (each epoch's learning rate is the previous one's times this), {@code objective} (mse |
 * sampled_softmax), {@code temperature}, {@code logq_correction}, {@code embedding_l2}, {@code
 * wide}, {@code seed}; and under {@code runner}: {@code validation_data_dir}, {@code shuffle_seed}.
 * Numbers are bounded: {@code sparse_feature_dim} by {@link ModelConfig#MAX_SPARSE_FEATURE_DIM},
 * {@code sparse_feature_number × sparse_feature_dim} by {@link ModelConfig#MAX_EMBEDDING_VALUES},
 * each of {@code fc_sizes} by {@link ModelConfig#MAX_FC_SIZE}, the batch sizes by {@link
 * #MAX_BATCH_SIZE} and {@code epochs} by {@link #MAX_EPOCHS}; a value beyond its bound is an error
 * naming the line, the key and the value. Keys PaddleRec reads but movierec has no use for ({@code
 * train_reader_path}, {@code infer_reader_path}, {@code dense_input_dim}, {@code strategy}) are
 * accepted and ignored.
 *
 * @param runner where the data is and how to train and infer
 * @param model the hyper-parameters
 */
public record PaddleRecConfig(Runner runner, ModelConfig model) {

  /**
   * The {@code runner} section; paths are absolute, null when absent.
   *
   * @param trainDataDir {@code train_data_dir}
   * @param validationDataDir {@code validation_data_dir} (movierec)
   * @param trainBatchSize {@code train_batch_size}
   * @param epochs {@code epochs}
   * @param printInterval {@code print_interval}
   * @param modelSavePath {@code model_save_path}
   * @param testDataDir {@code test_data_dir}
   * @param inferBatchSize {@code infer_batch_size}
   * @param inferLoadPath {@code infer_load_path}
   * @param inferStartEpoch {@code infer_start_epoch}: PaddleRec counts saved epochs from 0 and
   *     stops before the end, so 4..5 is the fifth epoch, saved by movierec as {@code 5/}
   * @param inferEndEpoch {@code infer_end_epoch}, exclusive
   * @param resultDumpPath {@code runner_result_dump_path}
   * @param useGpu {@code use_gpu}
   * @param shuffleSeed {@code shuffle_seed} (movierec)
   */
  public record Runner(
      @Nullable Path trainDataDir,
      @Nullable Path validationDataDir,
      int trainBatchSize,
      int epochs,
      int printInterval,
      @Nullable Path modelSavePath,
      @Nullable Path testDataDir,
      int inferBatchSize,
      @Nullable Path inferLoadPath,
      int inferStartEpoch,
      int inferEndEpoch,
      @Nullable Path resultDumpPath,
      boolean useGpu,
      long shuffleSeed) {}

  private static final Set<String> TOP = Set.of("runner", "hyper_parameters");

  /** The largest {@code train_batch_size} and {@code infer_batch_size} (the reference uses 128). */
  public static final int MAX_BATCH_SIZE = 1 << 16;

  /** The largest {@code epochs} (the reference trains 5). */
  public static final int MAX_EPOCHS = 10_000;

  /** Every key the {@code runner} section accepts (documented in docs/configuration.md). */
  public static final Set<String> RUNNER_KEYS =
      Set.of(
          "train_data_dir",
          "validation_data_dir",
          "train_batch_size",
          "epochs",
          "print_interval",
          "model_save_path",
          "test_data_dir",
          "infer_batch_size",
          "infer_load_path",
          "infer_start_epoch",
          "infer_end_epoch",
          "runner_result_dump_path",
          "use_gpu",
          "shuffle_seed",
          "train_reader_path",
          "infer_reader_path");

  /** Every key the {@code hyper_parameters} section accepts. */
  public static final Set<String> HYPER_PARAMETER_KEYS =
      Set.of(
          "optimizer",
          "sparse_feature_number",
          "sparse_feature_dim",
          "fc_sizes",
          "dense_input_dim",
          "objective",
          "temperature",
          "logq_correction",
          "embedding_l2",
          "wide",
          "seed");

  /** Every key the {@code hyper_parameters.optimizer} section accepts. */
  public static final Set<String> OPTIMIZER_KEYS =
      Set.of("class", "learning_rate", "learning_rate_decay", "strategy");

  /**
   * Reads a config file.
   *
   * @throws ConfigException naming the file, line and key of the first problem
   */
  public static PaddleRecConfig load(Path file) throws IOException {
    Node root;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml().compose(r);
    } catch (YAMLException e) {
      throw new ConfigException(file + ": not valid YAML: " + e.getMessage());
    }
    Reading in = new Reading(file);
    if (!(root instanceof MappingNode top)) {
      throw new ConfigException(file + ": expected sections runner and hyper_parameters");
    }
    Map<String, Node> sections = in.mapping(top, "", TOP);
    Map<String, Node> runner =
        sections.containsKey("runner")
            ? in.mapping(sections.get("runner"), "runner", RUNNER_KEYS)
            : Map.of();
    Map<String, Node> hyper =
        sections.containsKey("hyper_parameters")
            ? in.mapping(sections.get("hyper_parameters"), "hyper_parameters", HYPER_PARAMETER_KEYS)
            : Map.of();
    ModelConfig d = ModelConfig.defaults();
    OptimizerKind optimizer = d.optimizer();
    float lr = d.learningRate();
    float lrDecay = d.learningRateDecay();
    if (hyper.containsKey("optimizer")) {
      Map<String, Node> opt =
          in.mapping(hyper.get("optimizer"), "hyper_parameters.optimizer", OPTIMIZER_KEYS);
      if (opt.containsKey("class")) {
        String k = "hyper_parameters.optimizer.class";
        String v = in.string(opt.get("class"), k);
        try {
          optimizer = OptimizerKind.parse(v);
        } catch (IllegalArgumentException e) {
          throw in.error(opt.get("class"), k, e.getMessage());
        }
      }
      if (opt.containsKey("learning_rate")) {
        lr =
            (float)
                in.positiveDouble(
                    opt.get("learning_rate"), "hyper_parameters.optimizer.learning_rate");
      }
      if (opt.containsKey("learning_rate_decay")) {
        lrDecay =
            (float)
                in.fraction(
                    opt.get("learning_rate_decay"),
                    "hyper_parameters.optimizer.learning_rate_decay");
      }
    }
    Objective objective = d.objective();
    if (hyper.containsKey("objective")) {
      try {
        objective =
            Objective.parse(in.string(hyper.get("objective"), "hyper_parameters.objective"));
      } catch (IllegalArgumentException e) {
        throw in.error(hyper.get("objective"), "hyper_parameters.objective", e.getMessage());
      }
    }
    int rows =
        hyper.containsKey("sparse_feature_number")
            ? in.positiveInt(
                hyper.get("sparse_feature_number"), "hyper_parameters.sparse_feature_number")
            : d.sparseFeatureNumber();
    if (rows < 2) {
      throw in.error(
          hyper.get("sparse_feature_number"),
          "hyper_parameters.sparse_feature_number",
          "must be at least 2 (row 0 is padding), got " + rows);
    }
    int dim =
        hyper.containsKey("sparse_feature_dim")
            ? in.boundedInt(
                hyper.get("sparse_feature_dim"),
                "hyper_parameters.sparse_feature_dim",
                MAX_SPARSE_FEATURE_DIM)
            : d.sparseFeatureDim();
    Optional<String> tooLarge = ModelConfig.tableTooLarge(rows, dim);
    if (tooLarge.isPresent()) {
      boolean dimGiven = hyper.containsKey("sparse_feature_dim");
      throw in.error(
          hyper.get(dimGiven ? "sparse_feature_dim" : "sparse_feature_number"),
          dimGiven
              ? "hyper_parameters.sparse_feature_dim"
              : "hyper_parameters.sparse_feature_number",
          tooLarge.get());
    }
    ModelConfig model =
        new ModelConfig(
            rows,
            dim,
            hyper.containsKey("fc_sizes")
                ? in.intList(hyper.get("fc_sizes"), "hyper_parameters.fc_sizes", MAX_FC_SIZE)
                : d.fcSizes(),
            optimizer,
            lr,
            lrDecay,
            objective,
            hyper.containsKey("temperature")
                ? (float)
                    in.positiveDouble(hyper.get("temperature"), "hyper_parameters.temperature")
                : d.temperature(),
            hyper.containsKey("logq_correction")
                ? in.bool(hyper.get("logq_correction"), "hyper_parameters.logq_correction")
                : d.logQCorrection(),
            d.lazyEmbeddingUpdates(),
            hyper.containsKey("embedding_l2")
                ? (float)
                    in.nonNegativeDouble(hyper.get("embedding_l2"), "hyper_parameters.embedding_l2")
                : d.embeddingL2(),
            hyper.containsKey("wide")
                ? in.bool(hyper.get("wide"), "hyper_parameters.wide")
                : d.wide(),
            hyper.containsKey("seed")
                ? in.longValue(hyper.get("seed"), "hyper_parameters.seed")
                : d.seed());
    Runner run =
        new Runner(
            in.path(runner.get("train_data_dir"), "runner.train_data_dir"),
            in.path(runner.get("validation_data_dir"), "runner.validation_data_dir"),
            runner.containsKey("train_batch_size")
                ? in.boundedInt(
                    runner.get("train_batch_size"), "runner.train_batch_size", MAX_BATCH_SIZE)
                : Trainer.DEFAULT_BATCH_SIZE,
            runner.containsKey("epochs")
                ? in.boundedInt(runner.get("epochs"), "runner.epochs", MAX_EPOCHS)
                : Trainer.DEFAULT_EPOCHS,
            runner.containsKey("print_interval")
                ? in.positiveInt(runner.get("print_interval"), "runner.print_interval")
                : Trainer.DEFAULT_PRINT_INTERVAL,
            in.path(runner.get("model_save_path"), "runner.model_save_path"),
            in.path(runner.get("test_data_dir"), "runner.test_data_dir"),
            runner.containsKey("infer_batch_size")
                ? in.boundedInt(
                    runner.get("infer_batch_size"), "runner.infer_batch_size", MAX_BATCH_SIZE)
                : 128,
            in.path(runner.get("infer_load_path"), "runner.infer_load_path"),
            runner.containsKey("infer_start_epoch")
                ? in.nonNegativeInt(runner.get("infer_start_epoch"), "runner.infer_start_epoch")
                : 0,
            runner.containsKey("infer_end_epoch")
                ? in.nonNegativeInt(runner.get("infer_end_epoch"), "runner.infer_end_epoch")
                : 0,
            in.path(runner.get("runner_result_dump_path"), "runner.runner_result_dump_path"),
            runner.containsKey("use_gpu") && in.bool(runner.get("use_gpu"), "runner.use_gpu"),
            runner.containsKey("shuffle_seed")
                ? in.longValue(runner.get("shuffle_seed"), "runner.shuffle_seed")
                : Trainer.DEFAULT_SEED);
    if (runner.containsKey("infer_end_epoch") && run.inferEndEpoch() <= run.inferStartEpoch()) {
      throw in.error(
          runner.get("infer_end_epoch"),
          "runner.infer_end_epoch",
          "must be greater than infer_start_epoch (" + run.inferStartEpoch() + ")");
    }
    return new PaddleRecConfig(run, model);
  }

  /** Walks the YAML nodes, turning every problem into a {@link ConfigException}. */
  private record Reading(Path file) {

    ConfigException error(Node node, String key, String problem) {
      int line = node == null ? 0 : node.getStartMark().getLine() + 1;
      return new ConfigException(
          file.getFileName() + (line > 0 ? " line " + line : "") + ", key " + key + ": " + problem);
    }

    Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
      if (!(node instanceof MappingNode m)) {
        throw error(node, path.isEmpty() ? "(top level)" : path, "expected a mapping of keys");
      }
      Map<String, Node> out = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        String full = path.isEmpty() ? key : path + "." + key;
        if (!allowed.contains(key)) {
          List<String> known = new ArrayList<>(allowed);
          known.sort(null);
          throw error(
              t.getKeyNode(), full, "unknown key (known: " + String.join(", ", known) + ")");
        }
        if (out.put(key, t.getValueNode()) != null) {
          throw error(t.getKeyNode(), full, "appears twice");
        }
      }
      return out;
    }

    String string(Node node, String key) {
      if (!(node instanceof ScalarNode s)) {
        throw error(node, key, "expected a single value");
      }
      return s.getValue();
    }

    long longValue(Node node, String key) {
      String v = string(node, key);
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw error(node, key, "expected an integer, got '" + v + "'");
      }
    }

    int positiveInt(Node node, String key) {
      long v = longValue(node, key);
      if (v < 1 || v > Integer.MAX_VALUE) {
        throw error(node, key, "must be a positive integer, got " + v);
      }
      return (int) v;
    }

    /** An integer in 1..{@code max}. */
    int boundedInt(Node node, String key, int max) {
      int v = positiveInt(node, key);
      if (v > max) {
        throw error(node, key, "must be at most " + max + ", got " + v);
      }
      return v;
    }

    int nonNegativeInt(Node node, String key) {
      long v = longValue(node, key);
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw error(node, key, "must not be negative, got " + v);
      }
      return (int) v;
    }

    double positiveDouble(Node node, String key) {
      return number(node, key, false);
    }

    double nonNegativeDouble(Node node, String key) {
      return number(node, key, true);
    }

    /** A number in (0, 1]. */
    double fraction(Node node, String key) {
      double d = number(node, key, false);
      if (d > 1) {
        throw error(node, key, "must be in (0, 1], got " + string(node, key).trim());
      }
      return d;
    }

    /** A finite number above 0, or at least 0 when {@code zeroAllowed}. */
    private double number(Node node, String key, boolean zeroAllowed) {
      String v = string(node, key);
      double d;
      try {
        d = Double.parseDouble(v.trim());
      } catch (NumberFormatException e) {
        throw error(node, key, "expected a number, got '" + v + "'");
      }
      boolean ok = zeroAllowed ? d >= 0 : d > 0;
      if (!ok || Double.isInfinite(d)) {
        throw error(
            node,
            key,
            (zeroAllowed ? "must not be negative" : "must be a positive number") + ", got " + v);
      }
      return d;
    }

    boolean bool(Node node, String key) {
      String v = string(node, key).trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "true", "yes", "on" -> true;
        case "false", "no", "off" -> false;
        default -> throw error(node, key, "expected true or false, got '" + v + "'");
      };
    }

    /** A list of integers, each in 1..{@code max}. */
    List<Integer> intList(Node node, String key, int max) {
      if (!(node instanceof SequenceNode seq)) {
        throw error(node, key, "expected a list such as [512, 256, 128, 32]");
      }
      List<Integer> out = new ArrayList<>();
      for (Node n : seq.getValue()) {
        out.add(boundedInt(n, key, max));
      }
      if (out.isEmpty()) {
        throw error(node, key, "must name at least one layer");
      }
      return out;
    }

    Path path(Node node, String key) {
      if (node == null) {
        return null;
      }
      Path p = Path.of(string(node, key));
      Path base = file.toAbsolutePath().getParent();
      return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }
  }
}
