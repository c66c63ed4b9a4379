package io.movierec.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void percentilesAreWithinAnEighthOfTheExactValues() {
    LatencyHistogram h = new LatencyHistogram();
    for (int v = 1; v <= 10_000; v++) {
      h.record(v * 37L);
    }
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.total()).isEqualTo(10_000);
    assertThat(s.quantileMicros(0.50)).isBetween(5_000 * 37L, (long) (5_000 * 37 * 1.125));
    assertThat(s.quantileMicros(0.99)).isBetween(9_900 * 37L, (long) (9_900 * 37 * 1.125));
    assertThat(s.quantileMicros(1.0)).isEqualTo(s.maxMicros()).isEqualTo(370_000);
  }

  @Test
  void everyValueFallsInABucketWhoseUpperBoundIsAtLeastTheValue() {
    for (long v = 0; v < 5_000_000; v = v * 3 / 2 + 1) {
      int b = LatencyHistogram.bucket(v);
      assertThat(LatencyHistogram.upperBound(b)).as("%d", v).isGreaterThanOrEqualTo(v);
      if (b > 0) {
        assertThat(LatencyHistogram.upperBound(b - 1)).as("%d", v).isLessThan(v);
      }
    }
  }

  @Test
  void anEmptyHistogramReportsZero() {
    assertThat(new LatencyHistogram().snapshot().quantileMicros(0.99)).isZero();
  }
}
