package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.movierec.domain.Movie;
import io.movierec.domain.User;
import io.movierec.domain.UserProfile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoTowerModelTest {

  @TempDir Path dir;

  private final TinyData data = new TinyData(60, 40);

  private TwoTowerModel train(Objective objective) throws Exception {
    // Users mostly rate their own group's movies: MSE learns from the ratings, the sampled
    // softmax from which movies were rated.
    Path train = data.write(dir.resolve("train/data.txt"), 6000, 1, false, 0.8);
    TwoTowerModel model =
        (TwoTowerModel)
            TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER))
                .withObjective(objective)
                .build();
    Trainer.newBuilder().withEpochs(3).withBatchSize(64).build().fit(model, train);
    return model;
  }

  /** The share of a user's top-10 movies (by cosine) that are of the user's taste group. */
  private double topTenInGroup(TwoTowerModel model) {
    float[] mv = model.movieVectors(data.movies);
    int d = model.vectorDimension();
    double hits = 0;
    for (User u : data.users) {
      float[] uv = model.userVector(u);
      Integer[] order = IntStream.range(0, data.movies.size()).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble(i -> -dot(uv, mv, i * d, d)));
      for (int k = 0; k < 10; k++) {
        if (TinyData.group(data.movies.get(order[k]).id()) == TinyData.group(u.id())) {
          hits++;
        }
      }
    }
    return hits / (10.0 * data.users.size());
  }

  private static double dot(float[] u, float[] m, int off, int d) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += u[i] * m[off + i];
    }
    return s;
  }

  @Test
  void mseTrainingRanksTheUsersOwnGroupFirst() throws Exception {
    try (TwoTowerModel model = train(Objective.MSE)) {
      // A random ranking would put a quarter of the top ten in the user's group.
      assertThat(topTenInGroup(model)).isGreaterThan(0.9);
    }
  }

  @Test
  void sampledSoftmaxTrainingRanksTheUsersOwnGroupFirst() throws Exception {
    try (TwoTowerModel model = train(Objective.SAMPLED_SOFTMAX)) {
      assertThat(topTenInGroup(model)).isGreaterThan(0.9);
    }
  }

  @Test
  void returnsUnitLengthVectorsOfTheLastLayerWidth() throws Exception {
    try (TwoTowerModel model =
        (TwoTowerModel) TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER)).build()) {
      float[] v = model.userVector(data.users.get(0));
      assertThat(v).hasSize(16);
      assertThat(dot(v, v, 0, 16)).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void predictsFiveTimesTheCosineOfTheTwoTowers() throws Exception {
    try (TwoTowerModel model =
        (TwoTowerModel) TinyData.small(TwoTowerModel.newBuilder(TinyData.ENCODER)).build()) {
      User u = data.users.get(3);
      Movie m = data.movies.get(5);
      float[] uv = model.userVector(u);
      float[] mv = model.movieVector(m);
      float[] p = model.predict(TinyData.ENCODER.encodeUser(u), TinyData.ENCODER.encodeMovie(m), 1);
      assertThat((double) p[0]).isCloseTo(5 * dot(uv, mv, 0, uv.length), within(1e-5));
    }
  }

  @Test
  void embedsANewUserFromDemographicsAlone() throws Exception {
    try (TwoTowerModel model = train(Objective.SAMPLED_SOFTMAX)) {
      User known = data.users.get(0);
      float[] fresh = model.newUserVector(known.profile());
      float[] sameDemographics =
          model.newUserVector(
              new UserProfile(
                  known.profile().gender(), known.profile().age(), known.profile().occupation()));
      assertThat(fresh).containsExactly(sameDemographics);
      assertThat(fresh).isNotEqualTo(model.userVector(known));
    }
  }
}
