package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void producesTheSameSequenceAsTheJdksSplitMix64() {
    for (long seed : new long[] {0, 1, 42, -7, Long.MAX_VALUE}) {
      SplitMix64 ours = new SplitMix64(seed);
      SplittableRandom jdk = new SplittableRandom(seed);
      for (int i = 0; i < 1000; i++) {
        assertThat(ours.nextLong()).as("seed %s, draw %s", seed, i).isEqualTo(jdk.nextLong());
      }
    }
  }

  @Test
  void streamsOfOneSeedDiffer() {
    assertThat(SplitMix64.stream(42, 1).nextLong())
        .isNotEqualTo(SplitMix64.stream(42, 2).nextLong());
  }

  @Test
  void nextIntStaysWithinTheBoundAndReachesBothEnds() {
    SplitMix64 rng = new SplitMix64(5);
    boolean[] seen = new boolean[7];
    for (int i = 0; i < 10_000; i++) {
      int v = rng.nextInt(7);
      assertThat(v).isBetween(0, 6);
      seen[v] = true;
    }
    assertThat(seen).containsOnly(true);
  }

  @Test
  void gaussiansHaveMeanZeroAndVarianceOne() {
    SplitMix64 rng = new SplitMix64(9);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double g = rng.nextGaussian();
      sum += g;
      sumSq += g * g;
    }
    assertThat(sum / n).isCloseTo(0, offset(0.01));
    assertThat(sumSq / n).isCloseTo(1, offset(0.02));
  }

  @Test
  void shuffleKeepsTheElementsAndTouchesOnlyTheRange() {
    int[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    new SplitMix64(3).shuffle(a, 2, 8);

    assertThat(a[0]).isZero();
    assertThat(a[1]).isEqualTo(1);
    assertThat(a[8]).isEqualTo(8);
    assertThat(a[9]).isEqualTo(9);
    assertThat(Arrays.copyOfRange(a, 2, 8)).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
  }
}
