package io.movierec.models;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.MovierecVersion;
import io.movierec.io.CorruptFileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.TensorFlow;

/**
 * Where a saved model came from: the trainer's settings, the training data (its path as given, its
 * size, a CRC-32C of its content and its row count), the movierec and TensorFlow versions, and when
 * it was trained. {@link Trainer} records it on the model; {@link SlotModel#save} writes it to
 * {@code provenance.properties} in the model directory (covered by the model's checksum manifest).
 * Models saved before provenance was recorded, or never trained by a {@code Trainer}, have {@link
 * #UNKNOWN}.
 *
 * @param trainer the trainer's settings by name ({@code epochs}, {@code batch_size}, ...), empty if
 *     unknown
 * @param dataPath the training data's path as given to the trainer, or {@code "unknown"}
 * @param dataBytes the training data's size in bytes (all its files), or -1 if unknown
 * @param dataCrc32c the CRC-32C of the training data's content (its files in name order) as eight
 *     hex digits, or {@code "unknown"}
 * @param dataRows the training rows read, or -1 if unknown
 * @param movierecVersion the movierec version that trained the model
 * @param tensorflowVersion the native TensorFlow runtime's version
 * @param tensorflowJavaVersion the TensorFlow Java version
 * @param trainedAt when the training run that saved the model started, null if unknown
 */
public record Provenance(
    Map<String, String> trainer,
    String dataPath,
    long dataBytes,
    String dataCrc32c,
    long dataRows,
    String movierecVersion,
    String tensorflowVersion,
    String tensorflowJavaVersion,
    Instant trainedAt) {

  /** What an unknown value reads as. */
  public static final String UNKNOWN_VALUE = "unknown";

  /** The provenance of a model that has none recorded. */
  public static final Provenance UNKNOWN =
      new Provenance(
          Map.of(),
          UNKNOWN_VALUE,
          -1,
          UNKNOWN_VALUE,
          -1,
          UNKNOWN_VALUE,
          UNKNOWN_VALUE,
          UNKNOWN_VALUE,
          null);

  /** The file in a saved model directory. */
  static final String FILE = "provenance.properties";

  /** Checks the values and keeps an unmodifiable copy of the trainer's settings, in order. */
  public Provenance {
    trainer = Collections.unmodifiableMap(new LinkedHashMap<>(trainer));
    checkNotNull(dataPath, "dataPath");
    checkNotNull(dataCrc32c, "dataCrc32c");
    checkNotNull(movierecVersion, "movierecVersion");
    checkNotNull(tensorflowVersion, "tensorflowVersion");
    checkNotNull(tensorflowJavaVersion, "tensorflowJavaVersion");
  }

  /**
   * The provenance of a training run starting now on {@code trainingData} (a file or a directory of
   * files), which holds {@code rows} rows: reads the data once more for its size and checksum.
   */
  public static Provenance ofTraining(Map<String, String> trainer, Path trainingData, long rows)
      throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(trainingData)) {
      try (Stream<Path> walk = Files.walk(trainingData)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    } else {
      files.add(trainingData);
    }
    CRC32C crc = new CRC32C();
    long bytes = 0;
    byte[] buf = new byte[1 << 16];
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          crc.update(buf, 0, n);
          bytes += n;
        }
      }
    }
    return new Provenance(
        trainer,
        trainingData.toString(),
        bytes,
        String.format("%08x", crc.getValue()),
        rows,
        MovierecVersion.get(),
        runtimeTensorflowVersion(),
        runtimeTensorflowJavaVersion(),
        Instant.now());
  }

  /** Whether anything is known: false for {@link #UNKNOWN}. */
  public boolean isKnown() {
    return !equals(UNKNOWN);
  }

  /**
   * Every value by name, in a fixed order, {@code "unknown"} where unknown: {@code trained_at},
   * {@code movierec_version}, {@code tensorflow_version}, {@code tensorflow_java_version}, {@code
   * data.path}, {@code data.bytes}, {@code data.crc32c}, {@code data.rows}, then {@code
   * trainer.<setting>} for each trainer setting.
   */
  public Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("trained_at", trainedAt == null ? UNKNOWN_VALUE : trainedAt.toString());
    d.put("movierec_version", movierecVersion);
    d.put("tensorflow_version", tensorflowVersion);
    d.put("tensorflow_java_version", tensorflowJavaVersion);
    d.put("data.path", dataPath);
    d.put("data.bytes", dataBytes < 0 ? UNKNOWN_VALUE : Long.toString(dataBytes));
    d.put("data.crc32c", dataCrc32c);
    d.put("data.rows", dataRows < 0 ? UNKNOWN_VALUE : Long.toString(dataRows));
    if (trainer.isEmpty()) {
      d.put("trainer", UNKNOWN_VALUE);
    }
    trainer.forEach((k, v) -> d.put("trainer." + k, v));
    return d;
  }

  /** Writes {@code provenance.properties} into {@code directory} (nothing if unknown). */
  void save(Path directory) throws IOException {
    if (!isKnown()) {
      return;
    }
    Properties p = new Properties();
    describe()
        .forEach(
            (k, v) -> {
              if (!k.equals("trainer")) {
                p.setProperty(k, v);
              }
            });
    p.setProperty("trainer.order", String.join(",", trainer.keySet()));
    try (OutputStream out = Files.newOutputStream(directory.resolve(FILE))) {
      p.store(out, "movierec model provenance");
    }
  }

  /**
   * Reads {@code provenance.properties} from a saved model directory, {@link #UNKNOWN} if there is
   * none (a model saved before provenance was recorded).
   */
  static Provenance load(Path directory) throws IOException {
    Path f = directory.resolve(FILE);
    if (!Files.exists(f)) {
      return UNKNOWN;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
      p.load(r);
    } catch (IllegalArgumentException e) {
      throw new CorruptFileException(f, "not a properties file: " + e.getMessage());
    }
    Map<String, String> trainer = new LinkedHashMap<>();
    String order = p.getProperty("trainer.order", "");
    for (String k : order.isEmpty() ? new String[0] : order.split(",")) {
      trainer.put(k, p.getProperty("trainer." + k, UNKNOWN_VALUE));
    }
    // Settings not named in the order (a file edited by hand) go after, sorted.
    Map<String, String> rest = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("trainer.") && !k.equals("trainer.order")) {
        String name = k.substring("trainer.".length());
        if (!trainer.containsKey(name)) {
          rest.put(name, p.getProperty(k));
        }
      }
    }
    trainer.putAll(rest);
    try {
      String at = p.getProperty("trained_at", UNKNOWN_VALUE);
      return new Provenance(
          trainer,
          p.getProperty("data.path", UNKNOWN_VALUE),
          number(p, "data.bytes"),
          p.getProperty("data.crc32c", UNKNOWN_VALUE),
          number(p, "data.rows"),
          p.getProperty("movierec_version", UNKNOWN_VALUE),
          p.getProperty("tensorflow_version", UNKNOWN_VALUE),
          p.getProperty("tensorflow_java_version", UNKNOWN_VALUE),
          at.equals(UNKNOWN_VALUE) ? null : Instant.parse(at));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new CorruptFileException(f, "unreadable value: " + e.getMessage());
    }
  }

  private static long number(Properties p, String key) {
    String v = p.getProperty(key, UNKNOWN_VALUE);
    return v.equals(UNKNOWN_VALUE) ? -1 : Long.parseLong(v);
  }

  private static String runtimeTensorflowVersion() {
    try {
      return TensorFlow.version();
    } catch (RuntimeException | LinkageError e) {
      return UNKNOWN_VALUE;
    }
  }

  private static String runtimeTensorflowJavaVersion() {
    String v = TensorFlow.class.getPackage().getImplementationVersion();
    if (v != null) {
      return v;
    }
    try (InputStream in =
        TensorFlow.class.getResourceAsStream(
            "/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        return p.getProperty("version", UNKNOWN_VALUE);
      }
    } catch (IOException e) {
      // unknown
    }
    return UNKNOWN_VALUE;
  }
}
