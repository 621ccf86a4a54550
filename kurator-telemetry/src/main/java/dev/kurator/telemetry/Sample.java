package dev.kurator.telemetry;

import java.util.Objects;

/**
 * One element of an instant vector: a series' labels and its value at the evaluation time.
 *
 * @param metric the series labels
 * @param point  time and value
 */
public record Sample(Labels metric, Point point) {

  public Sample {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(point, "point");
  }

  /** Shorthand for {@code new Sample(metric, new Point(timestampMillis, value))}. */
  public static Sample of(Labels metric, long timestampMillis, double value) {
    return new Sample(metric, new Point(timestampMillis, value));
  }

  /** The value. */
  public double value() {
    return point.value();
  }

  /** A copy with other labels. */
  public Sample withMetric(Labels other) {
    return new Sample(other, point);
  }
}
