package io.movierec.blend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.movierec.data.MalformedDataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingBlendTest {

  static final int INPUTS = RatingBlend.INPUTS.size();

  /** Rows of random inputs (the first a constant 1) and labels {@code x . weights}. */
  static double[][] rows(Random rnd, int n) {
    double[][] x = new double[n][INPUTS];
    for (double[] row : x) {
      row[0] = 1;
      for (int i = 1; i < INPUTS; i++) {
        row[i] = rnd.nextGaussian();
      }
    }
    return x;
  }

  static double[] labels(double[][] x, double[] weights) {
    double[] y = new double[x.length];
    for (int r = 0; r < x.length; r++) {
      for (int i = 0; i < INPUTS; i++) {
        y[r] += x[r][i] * weights[i];
      }
    }
    return y;
  }

  static double[] features(double[] row) {
    double[] f = new double[INPUTS - 2];
    System.arraycopy(row, 2, f, 0, f.length);
    return f;
  }

  static RatingBlend someBlend() {
    Random rnd = new Random(3);
    double[][] x = rows(rnd, 200);
    double[] y = new double[x.length];
    for (int r = 0; r < y.length; r++) {
      y[r] = 1 + rnd.nextInt(5);
    }
    return RatingBlend.fit(x, y);
  }

  @Test
  void fittingRecoversTheWeightsOfAnExactlyLinearTarget() {
    Random rnd = new Random(1);
    double[] truth = new double[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      truth[i] = rnd.nextGaussian();
    }
    double[][] x = rows(rnd, 500);

    RatingBlend blend = RatingBlend.fit(x, labels(x, truth));

    for (int i = 0; i < INPUTS; i++) {
      assertThat(blend.weights().get(i))
          .as(RatingBlend.INPUTS.get(i))
          .isCloseTo(truth[i], within(1e-4));
    }
  }

  @Test
  void aPredictionIsTheWeightedSumOfTheRankersPredictionAndTheFeatures() {
    Random rnd = new Random(2);
    double[] truth = {0.5, 0.8, 0.1, -0.2, 0.3, 0.05, 0.7};
    double[][] x = rows(rnd, 300);
    double[] y = labels(x, truth);
    RatingBlend blend = RatingBlend.fit(x, y);

    for (int r = 0; r < 20; r++) {
      assertThat(blend.predict((float) x[r][1], features(x[r])))
          .isCloseTo((float) y[r], within(1e-3f));
    }
  }

  @Test
  void predictionsAreClippedToTheRangeOfTheRatingsItWasFittedOn() {
    RatingBlend blend = someBlend();
    double[] big = new double[INPUTS - 2];
    java.util.Arrays.fill(big, 1e6);

    assertThat(blend.min()).isEqualTo(1f);
    assertThat(blend.max()).isEqualTo(5f);
    float p = blend.predict(1e6f, big);
    float q = blend.predict(-1e6f, big.clone());
    assertThat(p).isBetween(1f, 5f);
    assertThat(q).isBetween(1f, 5f);
    assertThat(Math.max(p, q)).isEqualTo(5f);
  }

  @Test
  void anInputThatNeverVariesStillGetsAFiniteWeight() {
    Random rnd = new Random(4);
    double[][] x = rows(rnd, 100);
    for (double[] row : x) {
      row[INPUTS - 1] = 0;
      row[INPUTS - 2] = row[INPUTS - 3]; // two equal inputs
    }

    RatingBlend blend = RatingBlend.fit(x, labels(x, new double[] {1, 1, 1, 1, 1, 1, 1}));

    assertThat(blend.weights()).allMatch(Double::isFinite);
  }

  @Test
  void fittingRejectsARowOfTheWrongLength() {
    assertThatThrownBy(() -> RatingBlend.fit(new double[][] {{1, 2}}, new double[] {3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 0 has 2 inputs");
  }

  @Test
  void fittingRejectsNoRows() {
    assertThatThrownBy(() -> RatingBlend.fit(new double[0][], new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no ratings");
  }

  @Test
  void aSavedBlendLoadsBackWithIdenticalWeightsAndRange(@TempDir Path dir) throws Exception {
    RatingBlend blend = someBlend();
    blend.save(dir.resolve("b.properties"));

    RatingBlend loaded = RatingBlend.load(dir.resolve("b.properties"));

    assertThat(loaded.weights()).isEqualTo(blend.weights());
    assertThat(loaded.min()).isEqualTo(blend.min());
    assertThat(loaded.max()).isEqualTo(blend.max());
  }

  /** {@code someBlend} saved, with line {@code key=...} replaced by {@code replacement}. */
  static Path edited(Path dir, String key, String replacement) throws Exception {
    Path f = dir.resolve("b.properties");
    someBlend().save(f);
    String text =
        Files.readString(f).replaceAll("(?m)^" + key.replace(".", "\\.") + "=.*$", replacement);
    Files.writeString(f, text);
    return f;
  }

  @Test
  void loadingNamesTheLineAndKeyOfAWeightThatIsNotANumber(@TempDir Path dir) throws Exception {
    Path f = edited(dir, "weight.ranker", "weight.ranker=abc");
    int line = Files.readAllLines(f).indexOf("weight.ranker=abc") + 1;

    assertThatThrownBy(() -> RatingBlend.load(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("b.properties line " + line + ", field weight.ranker")
        .hasMessageContaining("abc");
  }

  @Test
  void loadingRejectsAnUnknownKey(@TempDir Path dir) throws Exception {
    Path f = edited(dir, "max", "max=5.0\nweight.popularity=0.3");

    assertThatThrownBy(() -> RatingBlend.load(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("weight.popularity")
        .hasMessageContaining("is not a key");
  }

  @Test
  void loadingRejectsAFileWithoutEveryWeight(@TempDir Path dir) throws Exception {
    Path f = edited(dir, "weight.neighbour_residual", "");

    assertThatThrownBy(() -> RatingBlend.load(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("has no weight.neighbour_residual");
  }

  @Test
  void loadingRejectsAnotherFormat(@TempDir Path dir) throws Exception {
    Path f = edited(dir, "format", "format=movierec-rating-blend 9");

    assertThatThrownBy(() -> RatingBlend.load(f))
        .isInstanceOf(MalformedDataException.class)
        .hasMessageContaining("field format");
  }
}
