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
import java.util.Set;

/**
 * {@code movierec blend --rank DIR --data OUT --save FILE}: fits a {@link RatingBlend} on the
 * validation split of a data set prepared with {@code --validation}, for a rank model trained on
 * its training part; {@code evaluate --blend FILE} then applies it to a ranker trained on a full
 * split.
 */
final class BlendCommand {

  static final String USAGE =
      "blend --rank DIR --data OUT --save FILE   "
          + "(OUT prepared with --validation; DIR trained on OUT/train)";

  private BlendCommand() {}

  static RatingBlend.Fit run(String[] argv, PrintStream out) throws IOException {
    Args a = new Args(argv, Set.of("rank", "data", "save"), Set.of());
    PreparedDataset data = PreparedDataset.ofSplitDirectory(a.path("data"));
    try (RankingModel ranker =
        WatchRanker.KIND.equals(SlotModel.describeSaved(a.path("rank")).get("kind"))
            ? WatchRanker.load(a.path("rank"), RuntimeOptions.TRAINING, null)
            : DnnRanker.load(a.path("rank"), RuntimeOptions.TRAINING)) {
      RatingBlend.Fit fit = RatingBlend.fitOnValidation(ranker, data);
      fit.blend().save(a.path("save"));
      out.println("ranker alone, validation: " + fit.ranker());
      out.println("blended, validation (where the weights were fitted): " + fit.blended());
      out.println("weights: " + fit.blend());
      out.println("wrote " + a.path("save"));
      return fit;
    }
  }
}
