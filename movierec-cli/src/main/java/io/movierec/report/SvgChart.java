package io.movierec.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart written as a self-contained SVG element: a title, a legend, axes with ticks at round
 * numbers, grid lines, one or more series and optional vertical markers. NaN values break a line.
 * Not thread-safe; build one per chart.
 */
final class SvgChart {

  /** Width of a chart in SVG units (CSS pixels at 100 %). */
  static final int WIDTH = 960;

  /** Height of a full-size chart. */
  static final int HEIGHT = 360;

  private static final int LEFT = 72;
  private static final int RIGHT = 24;
  private static final int TOP = 44;
  private static final int BOTTOM = 52;
  private static final int TARGET_TICKS = 6;
  private static final int MARKER_LABEL_GAP = 60;

  private record Series(
      String name, String color, double[] x, double[] y, double strokeWidth, boolean dots) {}

  private record Marker(double x, String label) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private final List<Marker> markers = new ArrayList<>();
  private int height = HEIGHT;
  private boolean integerX;
  private double xMin = Double.NaN;
  private double xMax = Double.NaN;

  SvgChart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Sets the height (default {@value #HEIGHT}). */
  SvgChart height(int height) {
    this.height = height;
    return this;
  }

  /**
   * Adds a line. With {@code dots}, every point also gets a dot whose tooltip reads {@code "<x
   * label> x: y"}.
   */
  SvgChart line(
      String name, String color, double[] x, double[] y, double strokeWidth, boolean dots) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          name + ": " + x.length + " x values but " + y.length + " y values");
    }
    series.add(new Series(name, color, x, y, strokeWidth, dots));
    return this;
  }

  /** Ticks on the x axis only at whole numbers, and half a unit of room either side of the data. */
  SvgChart integerX() {
    this.integerX = true;
    return this;
  }

  /** Fixes the x range instead of taking it from the data. */
  SvgChart xRange(double min, double max) {
    this.xMin = min;
    this.xMax = max;
    return this;
  }

  /**
   * A dashed vertical line at {@code x}, labelled at its top unless the previous marker's label is
   * too close.
   */
  SvgChart marker(double x, String label) {
    markers.add(new Marker(x, label));
    return this;
  }

  /** The {@code <svg>} element. */
  String render() {
    StringBuilder s = new StringBuilder(16_384);
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n",
            WIDTH,
            height,
            WIDTH,
            height,
            Markup.escape(title)));
    s.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" fill=\"#ffffff\"/>\n");
    text(s, LEFT, 24, "start", "title", title);
    legend(s);

    double[] xr = range(true);
    double[] yr = range(false);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = height - TOP - BOTTOM;
    if (xr == null || yr == null) {
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                  + "fill=\"none\" stroke=\"#999999\"/>\n",
              LEFT,
              TOP,
              plotW,
              plotH));
      text(s, LEFT + plotW / 2.0, TOP + plotH / 2.0, "middle", "note", "no data");
      return s.append("</svg>\n").toString();
    }
    Scale sx = new Scale(xr[0], xr[1], LEFT, LEFT + plotW);
    Scale sy = new Scale(yr[0], yr[1], TOP + plotH, TOP);

    // grid and y ticks
    double yStep = yr[2];
    for (double v : ticks(yr[0], yr[1], yStep)) {
      double py = sy.map(v);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" " + "stroke=\"#e3e3e3\"/>\n",
              LEFT,
              py,
              LEFT + plotW,
              py));
      text(s, LEFT - 8, py + 4, "end", "tick", label(v, yStep));
    }
    // x ticks
    double xStep = xr[2];
    for (double v : ticks(xr[0], xr[1], xStep)) {
      double px = sx.map(v);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" " + "stroke=\"#666666\"/>\n",
              px,
              TOP + plotH,
              px,
              TOP + plotH + 5));
      text(s, px, TOP + plotH + 20, "middle", "tick", label(v, xStep));
    }
    // frame and axis labels
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                + "fill=\"none\" stroke=\"#666666\"/>\n",
            LEFT,
            TOP,
            plotW,
            plotH));
    text(s, LEFT + plotW / 2.0, height - 10, "middle", "axis", xLabel);
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" "
                + "class=\"axis\" transform=\"rotate(-90 16 %.1f)\">%s</text>\n",
            TOP + plotH / 2.0,
            TOP + plotH / 2.0,
            Markup.escape(yLabel)));

    double lastLabel = Double.NEGATIVE_INFINITY;
    for (Marker m : markers) {
      double px = sx.map(m.x());
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                  + "stroke=\"#888888\" stroke-dasharray=\"4 3\"/>\n",
              px,
              TOP,
              px,
              TOP + plotH));
      if (px - lastLabel >= MARKER_LABEL_GAP) { // labels closer than that would overlap
        text(s, px + 4, TOP + 12, "start", "marker", m.label());
        lastLabel = px;
      }
    }
    for (Series line : series) {
      polylines(s, line, sx, sy);
    }
    for (Series line : series) {
      if (line.dots()) {
        dots(s, line, sx, sy);
      }
    }
    return s.append("</svg>\n").toString();
  }

  private void legend(StringBuilder s) {
    double x = WIDTH - RIGHT;
    for (int i = series.size() - 1; i >= 0; i--) {
      Series line = series.get(i);
      double textWidth = 7.2 * line.name().length();
      x -= textWidth;
      text(s, x, 24, "start", "legend", line.name());
      x -= 26;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"20\" "
                  + "stroke=\"%s\" stroke-width=\"3\"/>\n",
              x,
              x + 20,
              line.color()));
      x -= 18;
    }
  }

  private static void polylines(StringBuilder s, Series line, Scale sx, Scale sy) {
    StringBuilder points = new StringBuilder();
    int inRun = 0;
    for (int i = 0; i <= line.x().length; i++) {
      boolean ok =
          i < line.x().length && Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i]);
      if (ok) {
        points
            .append(inRun == 0 ? "" : " ")
            .append(
                String.format(Locale.ROOT, "%.1f,%.1f", sx.map(line.x()[i]), sy.map(line.y()[i])));
        inRun++;
      } else if (inRun > 0) {
        s.append("<polyline fill=\"none\" stroke=\"")
            .append(line.color())
            .append("\" stroke-width=\"")
            .append(line.strokeWidth())
            .append("\" stroke-linejoin=\"round\" points=\"")
            .append(points)
            .append("\"/>\n");
        points.setLength(0);
        inRun = 0;
      }
    }
  }

  private void dots(StringBuilder s, Series line, Scale sx, Scale sy) {
    for (int i = 0; i < line.x().length; i++) {
      if (Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i])) {
        s.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
                    + "fill=\"%s\"><title>%s %s: %s</title></circle>\n",
                sx.map(line.x()[i]),
                sy.map(line.y()[i]),
                line.color(),
                Markup.escape(xLabel),
                Markup.escape(plain(line.x()[i])),
                Markup.escape(
                    line.name() + " " + String.format(Locale.ROOT, "%.4f", line.y()[i]))));
      }
    }
  }

  /**
   * {min, max, tick step} of one axis, or null when no series has a finite value. The y range is
   * widened to whole ticks; the x range is the data's (or the fixed one).
   */
  private double[] range(boolean xAxis) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series line : series) {
      for (int i = 0; i < line.x().length; i++) {
        if (Double.isFinite(line.x()[i]) && Double.isFinite(line.y()[i])) {
          double v = xAxis ? line.x()[i] : line.y()[i];
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (min > max) {
      return null;
    }
    if (xAxis && Double.isFinite(xMin)) {
      min = xMin;
      max = xMax;
    }
    if (xAxis && integerX) {
      min -= 0.5;
      max += 0.5;
    }
    if (max - min < 1e-12) {
      double pad = Math.abs(min) > 1e-12 ? Math.abs(min) * 0.05 : 0.5;
      min -= pad;
      max += pad;
    }
    double step = niceStep((max - min) / TARGET_TICKS);
    if (xAxis && integerX) {
      step = Math.max(1, Math.round(step));
      return new double[] {min, max, step};
    }
    if (xAxis) {
      return new double[] {min, max, step};
    }
    return new double[] {Math.floor(min / step) * step, Math.ceil(max / step) * step, step};
  }

  /** 1, 2 or 5 times a power of ten, the nearest at or above {@code rough}. */
  static double niceStep(double rough) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static List<Double> ticks(double min, double max, double step) {
    List<Double> out = new ArrayList<>();
    long first = (long) Math.ceil(min / step - 1e-9);
    long last = (long) Math.floor(max / step + 1e-9);
    for (long k = first; k <= last; k++) {
      out.add(k * step);
    }
    return out;
  }

  /** A tick label with as many decimals as the step needs. */
  private static String label(double v, double step) {
    int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
    String s =
        String.format(Locale.ROOT, (Math.abs(v) >= 10_000 ? "%,." : "%.") + decimals + "f", v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static void text(
      StringBuilder s, double x, double y, String anchor, String cls, String content) {
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" " + "class=\"%s\">%s</text>\n",
            x,
            y,
            anchor,
            cls,
            Markup.escape(content)));
  }

  /** Maps data values linearly onto SVG coordinates. */
  private record Scale(double min, double max, double from, double to) {
    double map(double v) {
      return from + (v - min) / (max - min) * (to - from);
    }
  }
}
