package io.movierec.cli;

import io.movierec.blend.BlendedRanker;
import io.movierec.models.DnnRanker;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SavedModelExport;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import io.movierec.recommend.Recommender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec export --model DIR|BUNDLE [--format savedmodel] --out DIR}: writes a saved model,
 * or each model of a recommender bundle ({@code OUT/recall}, {@code OUT/rank}), as a TensorFlow
 * SavedModel ({@link SavedModelExport}; docs/export.md).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a saved model, or the models of a bundle (OUT/recall, OUT/rank), as TensorFlow"
          + " SavedModels that TensorFlow Serving or Python can load: signatures user_tower,"
          + " movie_tower and score (recall) or rank (rankers); inputs are the feasign ids of each"
          + " slot. See docs/export.md."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR|BUNDLE",
      description = "A saved model (an epoch directory, a --export directory) or a bundle.")
  Path model = Path.of("");

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Only savedmodel for now (default: ${DEFAULT-VALUE}).")
  String format = "savedmodel";

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write.")
  Path out = Path.of("");

  @Override
  public Integer call() throws IOException {
    if (!format.equals("savedmodel")) {
      throw new UsageException("--format takes savedmodel, got '" + format + "'");
    }
    if (!Files.isDirectory(model)) {
      throw new NoSuchFileException(model.toString(), null, "no saved model or bundle here");
    }
    PrintStream o = Main.out(spec);
    if (Files.exists(model.resolve("BUNDLE"))) {
      Map<String, String> d = Recommender.describeSaved(model);
      export(Path.of(d.get("recall.path")), out.resolve("recall"), o);
      String rank = d.get("rank.path");
      if (rank != null) {
        Path r = Path.of(rank);
        if (BlendedRanker.KIND.equals(d.get("rank.kind"))) {
          o.println(
              "the bundle's ranker is blended: exporting its ranker (the blend itself is not part"
                  + " of the SavedModel)");
          r = r.resolve(BlendedRanker.RANKER_DIR);
        }
        export(r, out.resolve("rank"), o);
      }
    } else {
      export(model, out, o);
    }
    return Main.OK;
  }

  private static void export(Path dir, Path to, PrintStream o) throws IOException {
    String kind = SlotModel.describeSaved(dir).get("kind");
    try (SlotModel m = load(kind, dir)) {
      SavedModelExport.export(m, to);
    }
    o.printf("exported the %s model %s as a SavedModel to %s%n", kind, dir, to);
  }

  private static SlotModel load(String kind, Path dir) throws IOException {
    return switch (kind) {
      case TwoTowerModel.KIND -> TwoTowerModel.load(dir, RuntimeOptions.SERVING);
      case DnnRanker.KIND -> DnnRanker.load(dir, RuntimeOptions.SERVING);
      case WatchRanker.KIND -> WatchRanker.load(dir, RuntimeOptions.SERVING, null);
      default ->
          throw new UsageException(dir + " holds a " + kind + " model, which cannot be exported");
    };
  }
}
