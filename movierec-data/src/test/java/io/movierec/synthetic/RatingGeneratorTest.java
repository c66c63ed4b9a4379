package io.movierec.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RatingGeneratorTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 50, 500, 999, 1000})
  void selectLargestMovesTheNLargestKeysToTheEnd(int n) {
    SplitMix64 rng = new SplitMix64(n);
    long[] keys = new long[1000];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = (rng.nextLong() & ~0xFFFFFFFFL) | i; // distinct, as the generator packs them
    }
    long[] sorted = keys.clone();
    Arrays.sort(sorted);

    RatingGenerator.selectLargest(keys, n);

    long[] last = Arrays.copyOfRange(keys, keys.length - n, keys.length);
    Arrays.sort(last);
    assertThat(last).containsExactly(Arrays.copyOfRange(sorted, sorted.length - n, sorted.length));
  }

  @Test
  void selectLargestHandlesKeysInOrderAndReversed() {
    long[] ascending = new long[100];
    Arrays.setAll(ascending, i -> i);
    long[] descending = new long[100];
    Arrays.setAll(descending, i -> 99 - i);

    RatingGenerator.selectLargest(ascending, 10);
    RatingGenerator.selectLargest(descending, 10);

    assertThat(Arrays.copyOfRange(ascending, 90, 100))
        .containsExactlyInAnyOrder(90, 91, 92, 93, 94, 95, 96, 97, 98, 99);
    assertThat(Arrays.copyOfRange(descending, 90, 100))
        .containsExactlyInAnyOrder(90, 91, 92, 93, 94, 95, 96, 97, 98, 99);
  }
}
