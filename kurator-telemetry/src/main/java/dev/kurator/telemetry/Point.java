package dev.kurator.telemetry;

/**
 * One sample value at one time.
 *
 * @param timestampMillis Unix time in milliseconds (Prometheus's resolution)
 * @param value           the value; may be NaN or infinite
 */
public record Point(long timestampMillis, double value) {

  /** Prometheus's stale marker, a NaN with this exact bit pattern. */
  public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

  /** Whether the value is Prometheus's stale marker rather than an ordinary NaN. */
  public boolean isStaleMarker() {
    return Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
  }

  @Override
  public boolean equals(Object o) {
    // Bit-wise value comparison, so that NaN equals NaN (as Prometheus's tests compare samples).
    return o instanceof Point p && p.timestampMillis == timestampMillis
        && Double.doubleToLongBits(p.value) == Double.doubleToLongBits(value);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(timestampMillis) * 31 + Double.hashCode(value);
  }
}
