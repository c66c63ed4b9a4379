package io.movierec.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in microseconds, counted lock-free in log-linear buckets: exact below 16 µs, then 8
 * buckets per power of two, so a percentile is within 12.5% of the true value (and never above the
 * largest latency seen). Recording is one atomic increment and one atomic max; any number of
 * threads may record while another reads.
 */
final class LatencyHistogram {

  private static final int LINEAR = 16; // values 0..15 have a bucket each
  private static final int SUB_BITS = 3; // 8 buckets per power of two
  private static final int MAX_EXPONENT = 42; // 2^42 µs is 51 days; longer latencies share a bucket
  private static final int BUCKETS = LINEAR + (MAX_EXPONENT - 3) * (1 << SUB_BITS);

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
  private final AtomicLong max = new AtomicLong();

  /** Counts one latency of {@code micros} microseconds (negative counts as 0). */
  void record(long micros) {
    long v = Math.max(0, micros);
    counts.incrementAndGet(bucket(v));
    max.accumulateAndGet(v, Math::max);
  }

  static int bucket(long v) {
    if (v < LINEAR) {
      return (int) v;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(v); // >= 4
    if (exponent > MAX_EXPONENT) {
      return BUCKETS - 1;
    }
    int sub = (int) (v >>> (exponent - SUB_BITS)) & ((1 << SUB_BITS) - 1);
    return LINEAR + (exponent - 4) * (1 << SUB_BITS) + sub;
  }

  /** The largest value that falls in bucket {@code b}. */
  static long upperBound(int b) {
    if (b < LINEAR) {
      return b;
    }
    int exponent = 4 + (b - LINEAR) / (1 << SUB_BITS);
    int sub = (b - LINEAR) % (1 << SUB_BITS);
    long width = 1L << (exponent - SUB_BITS);
    return (1L << exponent) + (sub + 1) * width - 1;
  }

  /** A consistent-enough view of the counts: what {@code /metrics} reports. */
  Snapshot snapshot() {
    long[] c = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      c[i] = counts.get(i);
      total += c[i];
    }
    return new Snapshot(c, total, max.get());
  }

  /** Counts copied at one moment. */
  record Snapshot(long[] counts, long total, long maxMicros) {

    /**
     * The latency below which a fraction {@code q} of the requests fell, in microseconds: the upper
     * bound of the bucket holding the q-quantile, capped at the maximum seen; 0 when empty.
     */
    long quantileMicros(double q) {
      if (total == 0) {
        return 0;
      }
      long rank = Math.max(1, (long) Math.ceil(q * total));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= rank) {
          return Math.min(upperBound(i), maxMicros);
        }
      }
      return maxMicros;
    }
  }
}
