package io.movierec.prepare;

import static com.google.common.base.Preconditions.checkNotNull;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.FeatureHasher;
import io.movierec.features.SlotSchema;
import io.movierec.io.AtomicFiles;
import io.movierec.io.OutputDirectory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * A data set written by {@link DatasetPreparer}: everything training, inference and evaluation
 * need, without the original MovieLens files.
 *
 * <pre>
 *   dataset.properties       source, hasher, schema, split settings
 *   train/data.txt           slot:feasign samples, shuffled
 *   test/data.txt            one sample per user: the user's latest rating
 *   validation/data.txt      (optional) the latest of the remaining ratings
 *   ratings.tsv              every rating with its log id and split part
 *   users.tsv, movies.tsv    the catalogue
 * </pre>
 *
 * Samples carry feasigns, not raw ids; the {@code logid} of a sample is the rating's line in its
 * source file and {@link #ratings()} maps it back to the raw user and movie.
 */
public final class PreparedDataset {

  static final String INFO = "dataset.properties";

  /** The directory of the training samples. */
  public static final String TRAIN = "train";

  /** The directory of the test samples. */
  public static final String TEST = "test";

  /** The directory of the validation samples. */
  public static final String VALIDATION = "validation";

  /**
   * The sample file {@link DatasetPreparer} writes in each split directory; readers take every
   * {@code *.txt} file of the directory, so other writers may write part files instead.
   */
  public static final String SAMPLE_FILE = "data.txt";

  private static final int FORMAT_VERSION = 1;

  /** A directory {@link DatasetPreparer} may replace: one holding {@code dataset.properties}. */
  public static final OutputDirectory.Kind OUTPUT_KIND =
      OutputDirectory.Kind.of("prepared-data", "prepared data set", INFO);

  private final Path directory;
  private final Info info;
  private final FeatureEncoder encoder;
  private Map<Integer, User> users;
  private Map<Integer, Movie> movies;
  private SplitRatings ratings;

  /**
   * The settings a data set was prepared with, written to {@code dataset.properties}.
   *
   * @param sourceFormat the MovieLens format of the source, e.g. {@code ML_100K}
   * @param source where the ratings came from
   * @param hasher the hasher's spec
   * @param schema the slot schema's spec
   * @param seed the training shuffle seed
   * @param paddleRecCompatible whether the split followed PaddleRec's split.py
   * @param validation whether a validation split was written
   */
  public record Info(
      String sourceFormat,
      String source,
      String hasher,
      String schema,
      long seed,
      boolean paddleRecCompatible,
      boolean validation) {}

  private PreparedDataset(Path directory, Info info) {
    this.directory = directory;
    this.info = info;
    this.encoder =
        new FeatureEncoder(SlotSchema.parse(info.schema()), FeatureHasher.fromSpec(info.hasher()));
  }

  /**
   * Opens a prepared data set.
   *
   * @throws NoSuchFileException if {@code directory} holds no {@code dataset.properties}
   */
  public static PreparedDataset open(Path directory) throws IOException {
    checkNotNull(directory, "directory");
    AtomicFiles.recoverDirectory(directory);
    Path f = directory.resolve(INFO);
    if (!Files.exists(f)) {
      throw new NoSuchFileException(
          f.toString(), null, "not a prepared data set (run movierec prepare first)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    int version = Integer.parseInt(p.getProperty("format_version", "0"));
    if (version != FORMAT_VERSION) {
      throw new IOException(
          f
              + ": prepared-data format version "
              + version
              + ", this build reads version "
              + FORMAT_VERSION
              + " (prepare the data again)");
    }
    return new PreparedDataset(
        directory,
        new Info(
            p.getProperty("source_format"),
            p.getProperty("source"),
            p.getProperty("hasher"),
            p.getProperty("schema"),
            Long.parseLong(p.getProperty("seed")),
            Boolean.parseBoolean(p.getProperty("paddlerec_compatible")),
            Boolean.parseBoolean(p.getProperty("validation"))));
  }

  /**
   * Writes {@code dataset.properties} into {@code dir}, for preparers other than {@link
   * DatasetPreparer} that write the same layout (the Spark prepare job).
   */
  public static void writeInfo(Path dir, Info info) throws IOException {
    Properties p = new Properties();
    p.setProperty("format_version", Integer.toString(FORMAT_VERSION));
    p.setProperty("source_format", info.sourceFormat());
    p.setProperty("source", info.source());
    p.setProperty("hasher", info.hasher());
    p.setProperty("schema", info.schema());
    p.setProperty("seed", Long.toString(info.seed()));
    p.setProperty("paddlerec_compatible", Boolean.toString(info.paddleRecCompatible()));
    p.setProperty("validation", Boolean.toString(info.validation()));
    try (OutputStream out = Files.newOutputStream(dir.resolve(INFO))) {
      p.store(out, "movierec prepared data set");
    }
  }

  /** Finds the prepared data set a split directory (such as {@code OUT/test}) belongs to. */
  public static PreparedDataset ofSplitDirectory(Path splitDirectory) throws IOException {
    Path abs = splitDirectory.toAbsolutePath();
    Path candidate = Files.isDirectory(abs) ? abs : abs.getParent();
    for (int i = 0; i < 3 && candidate != null; i++, candidate = candidate.getParent()) {
      if (Files.exists(candidate.resolve(INFO))) {
        return open(candidate);
      }
    }
    throw new NoSuchFileException(
        splitDirectory.toString(),
        null,
        "not inside a prepared data set (no dataset.properties above it)");
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** The schema and hasher the samples were written with. */
  public FeatureEncoder encoder() {
    return encoder;
  }

  /** The training samples. */
  public Path trainData() {
    return directory.resolve(TRAIN);
  }

  /** The test samples. */
  public Path testData() {
    return directory.resolve(TEST);
  }

  /** The validation samples, if the data set has them. */
  public Optional<Path> validationData() {
    return info.validation() ? Optional.of(directory.resolve(VALIDATION)) : Optional.empty();
  }

  /** The MovieLens format of the source, e.g. {@code ML_100K}. */
  public String sourceFormat() {
    return info.sourceFormat();
  }

  /** Users by id (read on first use). */
  public synchronized Map<Integer, User> users() throws IOException {
    if (users == null) {
      users = java.util.Collections.unmodifiableMap(CatalogFiles.readUsers(directory));
    }
    return users;
  }

  /** Movies by id (read on first use). */
  public synchronized Map<Integer, Movie> movies() throws IOException {
    if (movies == null) {
      movies = java.util.Collections.unmodifiableMap(CatalogFiles.readMovies(directory));
    }
    return movies;
  }

  /** Every rating with its split part (read on first use). */
  public synchronized SplitRatings ratings() throws IOException {
    if (ratings == null) {
      ratings = SplitRatings.read(directory);
    }
    return ratings;
  }
}
