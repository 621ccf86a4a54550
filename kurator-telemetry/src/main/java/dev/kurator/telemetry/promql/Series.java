package dev.kurator.telemetry.promql;

import java.util.Arrays;
import java.util.Objects;

/**
 * One series: labels plus float samples in ascending timestamp order (ms). Immutable: arrays are copied in.
 *
 * <p>A storage may also mark timestamps that hold native-histogram samples, which this engine declines to evaluate
 * (a query reading one fails with {@link QueryException.ErrorType#UNSUPPORTED}).
 */
public final class Series {
  /** Bit pattern of the Prometheus staleness marker (a NaN). */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  /** The staleness marker value; compare with {@link #isStale(double)}, never with {@code ==}. */
  public static final double STALE_NAN = Double.longBitsToDouble(STALE_NAN_BITS);

  private static final long[] NO_TIMESTAMPS = new long[0];

  private final Labels labels;
  private final long[] timestamps;
  private final double[] values;
  private final long[] histogramTimestamps;

  private Series(Labels labels, long[] timestamps, double[] values, long[] histogramTimestamps) {
    this.labels = labels;
    this.timestamps = timestamps;
    this.values = values;
    this.histogramTimestamps = histogramTimestamps;
  }

  /**
   * Creates a series.
   *
   * @param labels identifying labels
   * @param timestamps sample times (ms), strictly ascending
   * @param values sample values, same length
   * @throws IllegalArgumentException when lengths differ or timestamps do not ascend
   */
  public static Series of(Labels labels, long[] timestamps, double[] values) {
    return of(labels, timestamps, values, NO_TIMESTAMPS);
  }

  /**
   * Creates a series that also has native-histogram samples at the given times.
   *
   * @param histogramTimestamps ascending times (ms) of native-histogram samples
   * @throws IllegalArgumentException when lengths differ or timestamps do not ascend
   */
  public static Series of(Labels labels, long[] timestamps, double[] values, long[] histogramTimestamps) {
    Objects.requireNonNull(labels, "labels");
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(
          "series " + labels + ": " + timestamps.length + " timestamps but " + values.length + " values");
    }
    for (int i = 1; i < timestamps.length; i++) {
      if (timestamps[i] <= timestamps[i - 1]) {
        throw new IllegalArgumentException("series " + labels + ": timestamps[" + i + "] was " + timestamps[i]
            + ", must be greater than " + timestamps[i - 1]);
      }
    }
    return new Series(labels, timestamps.clone(), values.clone(), histogramTimestamps.clone());
  }

  /** Internal fast path: takes ownership of the arrays (callers must not modify them afterwards). */
  static Series wrap(Labels labels, long[] timestamps, double[] values) {
    return new Series(labels, timestamps, values, NO_TIMESTAMPS);
  }

  /** True when the value is the staleness marker. */
  public static boolean isStale(double v) {
    return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
  }

  /** The labels. */
  public Labels labels() {
    return labels;
  }

  /** Number of float samples. */
  public int size() {
    return timestamps.length;
  }

  /** Timestamp (ms) of sample {@code i}. */
  public long timestampAt(int i) {
    return timestamps[i];
  }

  /** Value of sample {@code i}. */
  public double valueAt(int i) {
    return values[i];
  }

  /** A copy of the timestamps (ms). */
  public long[] timestamps() {
    return timestamps.clone();
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** True when a native-histogram sample lies in {@code [minT, maxT]}. */
  public boolean hasHistogramIn(long minT, long maxT) {
    int i = Arrays.binarySearch(histogramTimestamps, minT);
    int idx = i >= 0 ? i : -i - 1;
    return idx < histogramTimestamps.length && histogramTimestamps[idx] <= maxT;
  }

  /** Index of the last sample with timestamp &lt;= t, or -1. */
  public int indexAtOrBefore(long t) {
    int i = Arrays.binarySearch(timestamps, t);
    return i >= 0 ? i : -i - 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Series s
        && labels.equals(s.labels)
        && Arrays.equals(timestamps, s.timestamps)
        && Arrays.equals(doubleBits(values), doubleBits(s.values));
  }

  private static long[] doubleBits(double[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Double.doubleToRawLongBits(v[i]);
    }
    return out;
  }

  @Override
  public int hashCode() {
    return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(labels.toString()).append(" [");
    for (int i = 0; i < timestamps.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(values[i]).append(" @").append(timestamps[i]);
    }
    return sb.append(']').toString();
  }
}
