package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossSeriesTest {

  private static float[] randomLosses(int n) {
    SplittableRandom random = new SplittableRandom(42);
    float[] losses = new float[n];
    for (int i = 0; i < n; i++) {
      losses[i] = (float) (3.0 / (1 + i / 500.0) + random.nextDouble());
    }
    return losses;
  }

  @Test
  void keepsTheMeanOfAllBatches() {
    float[] losses = randomLosses(10_007);
    double mean = 0;
    for (float l : losses) {
      mean += l;
    }
    mean /= losses.length;

    LossSeries s = LossSeries.of(losses, 2000);
    double weighted = 0;
    for (int i = 0; i < s.size(); i++) {
      weighted += s.loss()[i] * s.counts()[i];
    }
    assertThat(weighted / s.batches()).isCloseTo(mean, within(1e-9));
  }

  @Test
  void keepsAtMostTheGivenNumberOfPoints() {
    LossSeries s = LossSeries.of(randomLosses(10_007), 2000);
    assertThat(s.size()).isLessThanOrEqualTo(2000).isGreaterThan(1000);
    assertThat(s.bucketSize()).isEqualTo(6);
  }

  @Test
  void keepsEveryBatchUnderTheLimit() {
    float[] losses = randomLosses(50);
    LossSeries s = LossSeries.of(losses, 2000);
    assertThat(s.bucketSize()).isEqualTo(1);
    for (int i = 0; i < losses.length; i++) {
      assertThat(s.loss()[i]).isEqualTo(losses[i]);
      assertThat(s.batch()[i]).isEqualTo(i + 1);
    }
  }

  @Test
  void averagesEachBucketAndCentresItsBatchNumber() {
    LossSeries s = LossSeries.of(new float[] {1, 2, 3, 4, 5}, 2);
    assertThat(s.loss()).containsExactly(2, 4.5);
    assertThat(s.counts()).containsExactly(3, 2);
    assertThat(s.batch()).containsExactly(2, 4.5);
  }

  @Test
  void movingAverageWeighsPointsByTheirBatches() {
    LossSeries s = LossSeries.of(new float[] {1, 2, 3, 4, 5, 6, 7}, 3);
    assertThat(s.loss()).containsExactly(2, 5, 7);
    // the middle point averages all seven batches, (1+...+7)/7 = 4, not (2+5+7)/3
    assertThat(s.movingAverage(1)).containsExactly(2, 4, 7);
  }

  @Test
  void movingAverageNarrowsItsWindowNearTheEndsToStayCentred() {
    LossSeries s = LossSeries.of(new float[] {4, 2, 6, 10, 8}, 10);
    // radius 2 fits only around the middle point; the others shrink to 1 or 0
    assertThat(s.movingAverage(2)).containsExactly(4, 4, 6, 8, 8);
  }

  @Test
  void movingAverageOfRadiusZeroIsTheSeriesItself() {
    LossSeries s = LossSeries.of(new float[] {4, 2, 6, 10}, 10);
    assertThat(s.movingAverage(0)).containsExactly(s.loss());
  }

  @Test
  void handlesARunWithoutBatches() {
    LossSeries s = LossSeries.of(new float[0], 2000);
    assertThat(s.size()).isZero();
    assertThat(s.movingAverage(3)).isEmpty();
  }
}
