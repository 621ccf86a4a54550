package dev.kurator.rollout;

import java.util.Objects;

/** One metric reading: a number, "no values found" (empty result or NaN), or a query error. */
public sealed interface MetricValue {

  /** A number. */
  record Value(double value) implements MetricValue {}

  /** The query returned nothing or NaN; Flagger halts advancement and counts a failed check. */
  record NoValues() implements MetricValue {}

  /** The query failed. */
  record Error(String message) implements MetricValue {
    public Error {
      Objects.requireNonNull(message, "message");
    }
  }

  /** {@code v} as a reading; NaN becomes {@link NoValues}, as Flagger's Prometheus provider does. */
  static MetricValue of(double v) {
    return Double.isNaN(v) ? new NoValues() : new Value(v);
  }

  /** The shared "no values found" reading. */
  static MetricValue noValues() {
    return new NoValues();
  }
}
