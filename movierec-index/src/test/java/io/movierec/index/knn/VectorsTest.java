package io.movierec.index.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorsTest {

  @Test
  void normalisesToUnitLengthWithoutTouchingTheInput() {
    float[] v = {3, 4};

    assertThat(Vectors.normalised(v, 2, "v")).containsExactly(0.6f, 0.8f);
    assertThat(v).containsExactly(3, 4);
  }

  @Test
  void normalisesVectorsWhoseSquaresOverflowAFloat() {
    float[] unit = Vectors.normalised(new float[] {3e30f, 4e30f}, 2, "v");

    assertThat(unit[0]).isCloseTo(0.6f, within(1e-6f));
    assertThat(unit[1]).isCloseTo(0.8f, within(1e-6f));
  }

  @Test
  void dotMultipliesASliceByAVector() {
    float[] a = {9, 1, 2, 3, 4, 5};
    float[] b = {1, 10, 100, 1000, 10000};

    assertThat(Vectors.dot(a, 1, b)).isEqualTo(54321f);
  }
}
