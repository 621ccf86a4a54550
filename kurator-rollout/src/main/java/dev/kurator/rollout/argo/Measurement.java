package dev.kurator.rollout.argo;

import java.util.List;
import java.util.Optional;

/**
 * A raw measurement from a metric provider: a result vector (a scalar is a one-element vector), or an error.
 *
 * @param values the result; NaN is allowed
 * @param error set when the provider failed
 */
public record Measurement(List<Double> values, Optional<String> error) {
  public Measurement {
    values = List.copyOf(values);
    java.util.Objects.requireNonNull(error, "error");
  }

  /** A scalar result. */
  public static Measurement of(double value) {
    return new Measurement(List.of(value), Optional.empty());
  }

  /** A provider or evaluation error. */
  public static Measurement error(String message) {
    return new Measurement(List.of(), Optional.of(message));
  }
}
