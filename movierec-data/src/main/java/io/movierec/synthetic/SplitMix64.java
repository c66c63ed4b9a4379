package io.movierec.synthetic;

/**
 * The random numbers of the generator: Steele, Lea and Flood's SplitMix64, written out here so that
 * the same seed gives the same numbers on every JVM and platform (the JDK's generators do not
 * promise their algorithm, and {@link Math#log} may differ in the last bit between platforms, so
 * this class uses {@link StrictMath}). Not thread-safe; each generation step owns its instance.
 */
final class SplitMix64 {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private long state;
  private double spareGaussian;
  private boolean hasSpareGaussian;

  SplitMix64(long seed) {
    this.state = seed;
  }

  /**
   * An independent stream for one part of the generation, so that, for instance, the movies do not
   * change when only the number of ratings does.
   */
  static SplitMix64 stream(long seed, int streamId) {
    return new SplitMix64(mix(seed + GOLDEN_GAMMA * (2L * streamId + 1)));
  }

  /** 64 random bits. */
  long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound); {@code bound} must be positive (the bias is below 2^-31 per draw). */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 33) * bound) >>> 31);
  }

  /** True with probability {@code p}. */
  boolean nextBoolean(double p) {
    return nextDouble() < p;
  }

  /** Standard normal, by Marsaglia's polar method. */
  double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double x;
    double y;
    double s;
    do {
      x = 2 * nextDouble() - 1;
      y = 2 * nextDouble() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s == 0);
    double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spareGaussian = y * f;
    hasSpareGaussian = true;
    return x * f;
  }

  /** An index drawn with probability proportional to {@code weights[i]} (all non-negative). */
  int nextWeighted(double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double r = nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Shuffles {@code a[from, to)} in place (Fisher-Yates). */
  void shuffle(int[] a, int from, int to) {
    for (int i = to - 1; i > from; i--) {
      int j = from + nextInt(i - from + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
