package io.movierec.models;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.features.Slot;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Writes a model as a TensorFlow SavedModel (tag {@value #TAG}) that TensorFlow Serving, Python or
 * TF-Java's {@link SavedModelBundle} can load. The graph is the model's serving layout ({@link
 * SlotModel#saveForServing}): its variables are the kept embedding rows and the dense layers, and a
 * feasign that training never looked up reads the padding row, exactly as in movierec.
 *
 * <p>Every signature takes the feasign ids of each slot it reads as its own input, named after the
 * slot ({@code userid}, {@code title}, ...): an {@code int32} tensor of shape {@code [batch, slot
 * length]}, 0 for padding. Signatures ({@code method_name tensorflow/serving/predict}):
 *
 * <ul>
 *   <li>two-tower model: {@value #USER_TOWER} (user slots → {@code user_vector}, {@code [batch, d]}
 *       float32, unit length), {@value #MOVIE_TOWER} (movie slots → {@code movie_vector}), {@value
 *       #SCORE} (both → {@code score}, {@code [batch]}, 5 × cosine) and {@code serving_default}
 *       (the same as {@value #SCORE});
 *   <li>rankers: {@value #RANK} and {@code serving_default} (user and movie slots → {@code rating},
 *       {@code [batch]}, 1..5 scale; the watch ranker adds {@code watch}, the probability of
 *       watching).
 * </ul>
 *
 * The directory also holds {@code assets.extra/movierec.properties}: the model's kind, slot schema,
 * hasher (how text and ids become feasigns) and each signature's inputs.
 *
 * <pre>{@code
 * try (TwoTowerModel model = TwoTowerModel.load(Path.of("recall"))) {
 *   SavedModelExport.export(model, Path.of("recall-savedmodel"));
 * }
 * }</pre>
 */
public final class SavedModelExport {

  /** The tag of the exported graph. */
  public static final String TAG = SavedModelBundle.DEFAULT_TAG;

  /** The two-tower model's user tower signature. */
  public static final String USER_TOWER = "user_tower";

  /** The two-tower model's movie tower signature. */
  public static final String MOVIE_TOWER = "movie_tower";

  /** The two-tower model's score signature ({@code 5 · cos(user, movie)}). */
  public static final String SCORE = "score";

  /** A ranker's signature. */
  public static final String RANK = "rank";

  /** The file, under {@code assets.extra/}, that says what the inputs are. */
  public static final String DESCRIPTION = "assets.extra/movierec.properties";

  private static final String PREDICT = "tensorflow/serving/predict";

  /** A directory an export may replace: an earlier export. */
  static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("savedmodel", "TensorFlow SavedModel", "saved_model.pb");

  private SavedModelExport() {}

  /**
   * Exports {@code model} into {@code directory}, atomically (the directory appears complete or not
   * at all; an earlier export there is replaced).
   *
   * @throws io.movierec.io.UnsafeOutputException if {@code directory} holds something other than an
   *     export
   */
  public static void export(SlotModel model, Path directory) throws IOException {
    checkNotNull(model, "model");
    try (SlotModel serving = model.servingCopy(model.inferenceWeights())) {
      List<Signature> signatures = signatures(serving);
      Properties description = describe(serving, signatures);
      AtomicFiles.writeDirectory(
          directory,
          OUTPUT_KIND,
          tmp -> {
            SavedModelBundle.Exporter exporter =
                SavedModelBundle.exporter(tmp.toString()).withTags(TAG);
            exporter.withSession(serving.session());
            for (Signature s : signatures) {
              exporter.withSignature(s);
            }
            exporter.export();
            Path d = tmp.resolve(DESCRIPTION);
            Files.createDirectories(d.getParent());
            try (OutputStream out = Files.newOutputStream(d)) {
              description.store(out, "movierec SavedModel export");
            }
          });
    }
  }

  /** The signatures of a serving-layout model, by its kind. */
  private static List<Signature> signatures(SlotModel m) {
    SlotSchema schema = m.encoder().schema();
    List<Signature> out = new ArrayList<>();
    if (m instanceof TwoTowerModel) {
      Operand<TFloat32> user = m.output("user_vector");
      Operand<TFloat32> movie = m.output("movie_vector");
      out.add(inputs(m, USER_TOWER, schema.userSlots()).output("user_vector", user).build());
      out.add(inputs(m, MOVIE_TOWER, schema.movieSlots()).output("movie_vector", movie).build());
      for (String key : List.of(SCORE, Signature.DEFAULT_KEY)) {
        out.add(inputs(m, key, schema.slots()).output("score", m.predictionOutput()).build());
      }
    } else {
      for (String key : List.of(RANK, Signature.DEFAULT_KEY)) {
        Signature.Builder b = inputs(m, key, schema.slots()).output("rating", m.predictionOutput());
        if (m instanceof WatchRanker) {
          b.output("watch", m.<TFloat32>output(WatchRanker.WATCH));
        }
        out.add(b.build());
      }
    }
    return out;
  }

  private static Signature.Builder inputs(SlotModel m, String key, List<Slot> slots) {
    Map<String, Placeholder<TInt32>> placeholders = m.slotInputs();
    Signature.Builder b = Signature.builder().key(key).methodName(PREDICT);
    for (Slot s : slots) {
      b.input(s.name(), placeholders.get(s.name()));
    }
    return b;
  }

  private static Properties describe(SlotModel m, List<Signature> signatures) {
    Properties p = new Properties();
    p.setProperty("kind", m.kind());
    p.setProperty("schema", m.encoder().schema().spec());
    p.setProperty("hasher", m.encoder().hasher().spec());
    p.setProperty("sparse_feature_number", Integer.toString(m.config().sparseFeatureNumber()));
    p.setProperty("completed_epochs", Integer.toString(m.completedEpochs()));
    for (Slot s : m.encoder().schema().slots()) {
      p.setProperty("slot." + s.name(), "int32[batch," + s.length() + "] " + s.side());
    }
    for (Signature s : signatures) {
      p.setProperty(
          "signature." + s.key(),
          String.join(",", s.inputNames()) + " -> " + String.join(",", s.outputNames()));
    }
    return p;
  }
}
