package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;

import io.movierec.index.Neighbor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class TopKSelectionTest {

  @Test
  void picksTheSameAsSortingEverything() {
    Random random = new Random(1);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(3_000);
      float[] scores = new float[n];
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        // Coarse scores make ties and crowded histogram buckets common.
        scores[i] = trial % 2 == 0 ? random.nextFloat() * 2 - 1 : random.nextInt(50) / 50f;
        ids[i] = random.nextInt();
      }
      int k = 1 + random.nextInt(150);
      int modulus = 1 + random.nextInt(4);
      IntPredicate exclude = id -> Math.floorMod(id, modulus) == 1;

      Neighbor[] picked = TopKSelection.select(scores, ids, k, exclude);

      assertThat(picked).containsExactlyElementsOf(sortEverything(scores, ids, k, exclude));
    }
  }

  @Test
  void ordersEqualScoresByIdLowestFirst() {
    float[] scores = {0.5f, 0.5f, 0.9f, 0.5f};
    int[] ids = {30, -4, 8, 12};

    assertThat(TopKSelection.select(scores, ids, 3, id -> false))
        .extracting(Neighbor::id)
        .containsExactly(8, -4, 12);
  }

  @Test
  void packedKeysSortLikeTheRanking() {
    float[] scores = {-1f, -0.5f, -0f, 0f, 1e-30f, 0.25f, 1f, 1.0000001f};
    long previous = Long.MIN_VALUE;
    for (float score : scores) {
      long key = TopKSelection.pack(score, 5);
      assertThat(key).isGreaterThanOrEqualTo(previous);
      assertThat(TopKSelection.scoreOf(key)).isEqualTo(score);
      assertThat(TopKSelection.idOf(key)).isEqualTo(5);
      previous = key;
    }
    assertThat(TopKSelection.pack(0.5f, 1)).isGreaterThan(TopKSelection.pack(0.5f, 2));
  }

  private static List<Neighbor> sortEverything(
      float[] scores, int[] ids, int k, IntPredicate exclude) {
    List<Neighbor> all = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (!exclude.test(ids[i])) {
        all.add(new Neighbor(ids[i], scores[i]));
      }
    }
    all.sort(Comparator.comparingDouble((Neighbor n) -> -n.score()).thenComparingInt(Neighbor::id));
    return all.subList(0, Math.min(k, all.size()));
  }
}
