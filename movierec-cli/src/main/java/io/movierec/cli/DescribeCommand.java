package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.index.VectorIndex;
import io.movierec.index.knn.ExactVectorIndex;
import io.movierec.index.knn.HnswVectorIndex;
import io.movierec.index.knn.KnnIndexes;
import io.movierec.io.VersionedFile;
import io.movierec.models.SlotModel;
import io.movierec.recommend.MovieStore;
import io.movierec.recommend.Recommender;
import io.movierec.recommend.UserStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code movierec describe PATH}: says what a saved model directory, a recommender bundle or a
 * movierec file (index, store, ...) is — its kind, format version, sizes, and for a model its
 * hyper-parameters and provenance — one {@code key: value} per line. Every file is verified against
 * its checksum on the way; a format version this movierec does not read fails saying whether it is
 * too old or too new.
 */
@Command(
    name = "describe",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec describe MODEL_DIR|BUNDLE_DIR|FILE",
    },
    description = {
      "Says what a saved model, a recommender bundle or a movierec file is: kind, format"
          + " version, sizes, hyper-parameters, provenance; one 'key: value' per line.",
      "Every file is verified against its checksum on the way."
    })
final class DescribeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "MODEL_DIR|BUNDLE_DIR|FILE",
      arity = "0..*",
      description = "What to describe (exactly one).")
  List<String> paths = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    if (paths.size() != 1) {
      throw new UsageException("describe needs exactly one PATH, got " + paths.size());
    }
    PrintStream out = Main.out(spec);
    describe(Path.of(paths.get(0))).forEach((k, v) -> out.println(k + ": " + v));
    return Main.OK;
  }

  /** What {@code path} is, as ordered {@code key: value} pairs. */
  static Map<String, String> describe(Path path) throws IOException {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("path", path.toString());
    if (Files.isDirectory(path)) {
      if (Files.exists(path.resolve("BUNDLE"))) {
        describeBundle(path, d);
      } else if (Files.exists(path.resolve(BlendedRanker.KIND_FILE))) {
        describeBlendedRanker(path, d);
      } else if (Files.exists(path.resolve("model.properties"))
          || Files.exists(path.resolve("MANIFEST"))) {
        d.putAll(SlotModel.describeSaved(path));
      } else {
        throw new IllegalArgumentException(
            path
                + " is neither a saved model (no model.properties)"
                + " nor a recommender bundle (no BUNDLE)");
      }
    } else if (Files.exists(path)) {
      describeFile(path, d);
    } else {
      throw new NoSuchFileException(path.toString());
    }
    return d;
  }

  private static void describeBundle(Path dir, Map<String, String> d) throws IOException {
    Map<String, String> manifest = Recommender.describeSaved(dir);
    d.putAll(manifest);
    for (String part : new String[] {"recall", "rank", "index", "movies", "users"}) {
      String partPath = manifest.get(part + ".path");
      if (partPath != null) {
        Map<String, String> inner = describe(Path.of(partPath));
        inner.remove("path");
        inner.forEach((k, v) -> d.putIfAbsent(part + "." + k, v));
      }
    }
  }

  /** A ranker wrapped in a rating blend: the blend, its statistics file and the ranker. */
  private static void describeBlendedRanker(Path dir, Map<String, String> d) throws IOException {
    d.put("kind", BlendedRanker.KIND);
    Properties blend = new Properties();
    try (Reader r =
        Files.newBufferedReader(
            dir.resolve(BlendedRanker.BLEND_FILE), StandardCharsets.ISO_8859_1)) {
      blend.load(r);
    }
    new TreeMap<>(blend).forEach((k, v) -> d.put("blend." + k, (String) v));
    Map<String, String> statistics = describe(dir.resolve(BlendedRanker.STATISTICS_FILE));
    statistics.forEach((k, v) -> d.put("statistics." + k, v));
    Map<String, String> ranker = describe(dir.resolve(BlendedRanker.RANKER_DIR));
    ranker.forEach((k, v) -> d.put("ranker." + k, v));
  }

  private static void describeFile(Path file, Map<String, String> d) throws IOException {
    VersionedFile.Header h = VersionedFile.readHeader(file);
    d.put("kind", h.kind());
    d.put("format_version", Integer.toString(h.version()));
    d.put("bytes", Long.toString(h.bytes()));
    switch (h.kind()) {
      case MovieStore.FILE_KIND -> d.put("movies", Integer.toString(MovieStore.load(file).size()));
      case UserStore.FILE_KIND -> d.put("users", Integer.toString(UserStore.load(file).size()));
      case ExactVectorIndex.FILE_KIND, HnswVectorIndex.FILE_KIND -> {
        try (VectorIndex index = KnnIndexes.load(file)) {
          d.put("vectors", Integer.toString(index.size()));
          d.put("dimension", Integer.toString(index.dimension()));
          d.put("memory_bytes", Long.toString(index.memoryBytes()));
        }
      }
      default -> {
        // kind, version and size are all that is known of other files
      }
    }
  }
}
