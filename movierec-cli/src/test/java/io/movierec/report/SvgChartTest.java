package io.movierec.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SvgChartTest {

  @Test
  void picksOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(SvgChart.niceStep(0.13)).isEqualTo(0.2);
    assertThat(SvgChart.niceStep(3.2)).isEqualTo(5);
    assertThat(SvgChart.niceStep(700)).isEqualTo(1000);
  }

  @Test
  void breaksALineAtANaN() {
    String svg =
        new SvgChart("t", "x", "y")
            .line(
                "s",
                "#000000",
                new double[] {1, 2, 3, 4, 5},
                new double[] {1, 2, Double.NaN, 4, 5},
                1,
                false)
            .render();
    assertThat(svg.split("<polyline", -1)).hasSize(3);
  }

  @Test
  void labelsTicksOfASmallRangeWithEnoughDecimals() {
    String svg =
        new SvgChart("t", "x", "y")
            .line("s", "#000000", new double[] {1, 2}, new double[] {0.81, 0.83}, 1, false)
            .render();
    assertThat(svg).contains(">0.815<");
  }

  @Test
  void labelsOnlyMarkersFarEnoughApart() {
    SvgChart chart =
        new SvgChart("t", "x", "y")
            .line("s", "#000000", new double[] {0, 1000}, new double[] {1, 2}, 1, false);
    for (int i = 1; i < 100; i++) {
      chart.marker(i * 10, "m" + i);
    }
    String svg = chart.render();
    assertThat(svg.split("stroke-dasharray", -1)).hasSize(100);
    assertThat(svg).contains(">m1<").doesNotContain(">m2<");
  }

  @Test
  void rejectsSeriesOfDifferentLengths() {
    assertThatThrownBy(
            () ->
                new SvgChart("t", "x", "y")
                    .line("s", "#000000", new double[] {1, 2}, new double[] {1}, 1, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 x values");
  }
}
