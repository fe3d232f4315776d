package dev.loglake.common.gold;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The exact distribution of latency samples: how many times each value was seen (an open-addressing
 * map from the value's bits to its count). ALB times have millisecond precision, so the size is
 * bounded by the distinct milliseconds seen, not by the number of requests: memory stays flat as
 * the input grows, and results are exact and the same in any merge order.
 *
 * <p>{@link #percentiles} is Spark's exact {@code percentile} (its {@code PercentileBase}): linear
 * interpolation between the closest ranks at position {@code (n - 1) * p}, with the same order of
 * floating-point operations, so the figures equal what {@code percentile(col, p)} returns.
 */
final class LatencyHistogram implements Serializable {

  private static final long serialVersionUID = 1L;
  /** No non-negative double has these bits (it is a NaN), so it marks a free slot. */
  private static final long FREE = -1L;

  private long[] keys;
  private long[] counts;
  private int size;
  private long total;

  LatencyHistogram() {
    // An API-hour of real traffic sees dozens to hundreds of distinct milliseconds.
    keys = new long[64];
    Arrays.fill(keys, FREE);
    counts = new long[64];
  }

  /** Adds one sample; the caller passes only measurements (not negative, not NaN). */
  void add(double value) {
    add(Double.doubleToLongBits(value + 0.0), 1L);
  }

  void addAll(LatencyHistogram other) {
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != FREE) {
        add(other.keys[i], other.counts[i]);
      }
    }
  }

  long count() {
    return total;
  }

  /** The largest sample, or null without samples. */
  Double max() {
    long best = FREE;
    for (long k : keys) {
      // Bits of non-negative doubles order like the doubles themselves.
      if (k != FREE && (best == FREE || k > best)) {
        best = k;
      }
    }
    return best == FREE ? null : Double.longBitsToDouble(best);
  }

  /** The exact percentiles {@code ps} (each in [0, 1]); nulls without samples. */
  Double[] percentiles(double... ps) {
    Double[] out = new Double[ps.length];
    if (total == 0) {
      return out;
    }
    double[] values = new double[size];
    long[] accumulated = new long[size];
    int n = 0;
    long[] sortedKeys = new long[size];
    for (long k : keys) {
      if (k != FREE) {
        sortedKeys[n++] = k;
      }
    }
    Arrays.sort(sortedKeys);
    long running = 0;
    for (int i = 0; i < size; i++) {
      values[i] = Double.longBitsToDouble(sortedKeys[i]);
      running += counts[slot(sortedKeys[i])];
      accumulated[i] = running;
    }
    long maxPosition = total - 1;
    for (int i = 0; i < ps.length; i++) {
      out[i] = percentile(values, accumulated, maxPosition * ps[i]);
    }
    return out;
  }

  private static double percentile(double[] values, long[] accumulated, double position) {
    long lower = (long) Math.floor(position);
    long higher = (long) Math.ceil(position);
    double lowerValue = values[firstReaching(accumulated, lower + 1)];
    if (higher == lower) {
      return lowerValue;
    }
    double higherValue = values[firstReaching(accumulated, higher + 1)];
    if (higherValue == lowerValue) {
      return lowerValue;
    }
    return (higher - position) * lowerValue + (position - lower) * higherValue;
  }

  /** The first index whose accumulated count is at least {@code count}. */
  private static int firstReaching(long[] accumulated, long count) {
    int lo = 0;
    int hi = accumulated.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (accumulated[mid] < count) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private void add(long key, long count) {
    int i = slot(key);
    if (keys[i] == FREE) {
      keys[i] = key;
      size++;
      if (size * 2 > keys.length) {
        counts[i] = count;
        total += count;
        grow();
        return;
      }
    }
    counts[i] += count;
    total += count;
  }

  /** The slot holding {@code key}, or the free slot where it belongs. */
  private int slot(long key) {
    int mask = keys.length - 1;
    long mixed = key * 0x9E3779B97F4A7C15L;
    int i = (int) (mixed ^ (mixed >>> 32)) & mask;
    while (keys[i] != FREE && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    Arrays.fill(keys, FREE);
    counts = new long[keys.length];
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != FREE) {
        int i = slot(oldKeys[j]);
        keys[i] = oldKeys[j];
        counts[i] = oldCounts[j];
      }
    }
  }
}
