package io.movierec.cli;

import io.movierec.features.FeatureEncoder;
import io.movierec.models.DnnRanker;
import io.movierec.models.ModelBuilder;
import io.movierec.models.RuntimeOptions;
import io.movierec.models.SlotModel;
import io.movierec.models.TwoTowerModel;
import java.io.IOException;
import java.nio.file.Path;

/** {@code --model recall|rank}. */
enum ModelKind {
  RECALL,
  RANK;

  static ModelKind parse(String s) {
    return switch (s) {
      case "recall" -> RECALL;
      case "rank" -> RANK;
      default -> throw new Args.UsageException("--model must be recall or rank, got '" + s + "'");
    };
  }

  ModelBuilder<?, ?> builder(FeatureEncoder encoder) {
    return this == RECALL ? TwoTowerModel.newBuilder(encoder) : DnnRanker.newBuilder(encoder);
  }

  SlotModel load(Path dir, RuntimeOptions runtime) throws IOException {
    return this == RECALL ? TwoTowerModel.load(dir, runtime) : DnnRanker.load(dir, runtime);
  }
}
