package io.movierec.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.domain.UserContext;
import io.movierec.features.FeatureEncoder;
import io.movierec.features.Murmur3Hasher;
import io.movierec.features.SlotSchema;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelOptionsTest {

  @TempDir Path dir;

  private final TinyData data = new TinyData(40, 20);

  private static FeatureEncoder encoder(String history) {
    return new FeatureEncoder(
        SlotSchema.parse("userid,gender,age,occupation," + history + ",movieid,title/4,genres/3"),
        new Murmur3Hasher(TinyData.BUCKETS));
  }

  private float[] vector(FeatureEncoder enc, int... history) {
    try (TwoTowerModel m = (TwoTowerModel) TinyData.small(TwoTowerModel.newBuilder(enc)).build()) {
      return m.userVector(UserContext.of(data.users.get(0), history));
    }
  }

  @Test
  void aMeanPooledSlotIgnoresHowOftenTheSameIdRepeats() {
    FeatureEncoder mean = encoder("history/3:mean");
    assertThat(vector(mean, 5, 5)).containsExactly(vector(mean, 5));
  }

  @Test
  void aSummedSlotCountsEveryId() {
    FeatureEncoder sum = encoder("history/3");
    assertThat(vector(sum, 5, 5)).isNotEqualTo(vector(sum, 5));
  }

  @Test
  void aWideAndDeepRankerLearnsTheTasteGroups() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 4000, 1, false);
    Path valid = data.write(dir.resolve("v/data.txt"), 800, 2, false);
    try (DnnRanker r =
        (DnnRanker) TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER)).withWide(true).build()) {
      double mse =
          Trainer.newBuilder()
              .withEpochs(3)
              .withBatchSize(64)
              .withValidationData(valid)
              .build()
              .fit(r, train)
              .last()
              .validation()
              .mse();
      assertThat(mse).isLessThan(0.3 * TinyData.labelVariance(valid));
    }
  }

  @Test
  void anEmbeddingPenaltyKeepsTheTouchedRowsSmaller() throws Exception {
    Path train = data.write(dir.resolve("t/data.txt"), 2000, 1, false);
    double[] norms = new double[2];
    float[] l2 = {0f, 0.05f};
    for (int i = 0; i < 2; i++) {
      try (DnnRanker r =
          (DnnRanker)
              TinyData.small(DnnRanker.newBuilder(TinyData.ENCODER))
                  .withEmbeddingL2(l2[i])
                  .build()) {
        Trainer.newBuilder().withEpochs(2).withBatchSize(50).build().fit(r, train);
        for (float f : r.embeddingTable()) {
          norms[i] += f * f;
        }
      }
    }
    assertThat(norms[1]).isLessThan(norms[0] * 0.999);
  }
}
