package io.movierec.models;

import io.movierec.blend.BlendedRanker;
import io.movierec.recommend.ComponentLoader;
import io.movierec.recommend.RankingModel;
import io.movierec.recommend.RecallModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the models of a recommender bundle ({@link io.movierec.recommend.Recommender#load}) for
 * serving; registered with {@link java.util.ServiceLoader}.
 */
public final class ModelComponentLoader implements ComponentLoader {

  @Override
  public Optional<RecallModel> loadRecall(String kind, Path directory) throws IOException {
    return TwoTowerModel.KIND.equals(kind)
        ? Optional.of(TwoTowerModel.load(directory))
        : Optional.empty();
  }

  @Override
  public Optional<RankingModel> loadRanking(String kind, Path directory) throws IOException {
    if (BlendedRanker.KIND.equals(kind)) {
      return Optional.of(BlendedRanker.load(directory, this));
    }
    if (WatchRanker.KIND.equals(kind)) {
      return Optional.of(WatchRanker.load(directory));
    }
    return DnnRanker.KIND.equals(kind) ? Optional.of(DnnRanker.load(directory)) : Optional.empty();
  }
}
