package io.movierec.cli;

import io.movierec.blend.RatingBlend;
import io.movierec.models.DnnRanker;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.WatchRanker;
import io.movierec.prepare.PreparedDataset;
import io.movierec.recommend.RankingModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code movierec blend --rank DIR --data OUT --save FILE}: fits a {@link RatingBlend} on the
 * validation split of a data set prepared with {@code --validation}, for a rank model trained on
 * its training part; {@code evaluate --blend FILE} then applies it to a ranker trained on a full
 * split.
 */
@Command(
    name = "blend",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "movierec blend --rank DIR --data OUT --save FILE",
    },
    description = {
      "Fits a rating blend on the validation split for a rank model trained on the training part;"
          + " 'evaluate --blend FILE' applies it."
    })
final class BlendCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--rank",
      required = true,
      paramLabel = "DIR",
      description = "A rank model (or watch ranker) trained on OUT/train.")
  Path rank = Path.of("");

  @Option(
      names = "--data",
      required = true,
      paramLabel = "OUT",
      description = "A data set prepared with --validation.")
  Path data = Path.of("");

  @Option(names = "--save", required = true, paramLabel = "FILE", description = "The blend file.")
  Path save = Path.of("");

  /** Runs {@code movierec blend argv}, printing to {@code out}. */
  static RatingBlend.Fit run(String[] argv, PrintStream out) throws IOException {
    return Main.parse(new BlendCommand(), argv).execute(out);
  }

  @Override
  public Integer call() throws IOException {
    execute(Main.out(spec));
    return Main.OK;
  }

  RatingBlend.Fit execute(PrintStream out) throws IOException {
    PreparedDataset dataset = PreparedDataset.ofSplitDirectory(data);
    try (RankingModel ranker =
        WatchRanker.KIND.equals(SlotModel.describeSaved(rank).get("kind"))
            ? WatchRanker.load(rank, RuntimeOptions.TRAINING, null)
            : DnnRanker.load(rank, RuntimeOptions.TRAINING)) {
      RatingBlend.Fit fit = RatingBlend.fitOnValidation(ranker, dataset);
      fit.blend().save(save);
      out.println("ranker alone, validation: " + fit.ranker());
      out.println("blended, validation (where the weights were fitted): " + fit.blended());
      out.println("weights: " + fit.blend());
      out.println("wrote " + save);
      return fit;
    }
  }
}
