package io.movierec.cli;

import io.movierec.features.FeatureEncoder;
import io.movierec.models.DnnRanker;
import io.movierec.models.ModelBuilder;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import io.movierec.models.WatchRanker;
import java.io.IOException;
import java.nio.file.Path;

/** {@code --model recall|rank|watch}. */
enum ModelKind {
  RECALL,
  RANK,
  WATCH;

  static ModelKind parse(String s) {
    return switch (s) {
      case "recall" -> RECALL;
      case "rank" -> RANK;
      case "watch" -> WATCH;
      default ->
          throw new Args.UsageException("--model must be recall, rank or watch, got '" + s + "'");
    };
  }

  ModelBuilder<?, ?> builder(FeatureEncoder encoder) {
    return switch (this) {
      case RECALL -> TwoTowerModel.newBuilder(encoder);
      case RANK -> DnnRanker.newBuilder(encoder);
      case WATCH -> WatchRanker.newBuilder(encoder);
    };
  }

  SlotModel load(Path dir, RuntimeOptions runtime) throws IOException {
    return switch (this) {
      case RECALL -> TwoTowerModel.load(dir, runtime);
      case RANK -> DnnRanker.load(dir, runtime);
      case WATCH -> WatchRanker.load(dir, runtime, null);
    };
  }
}
