package dev.kurator.rollout;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metric readings taken for one analysis execution.
 *
 * @param values readings by metric name; a configured metric absent from the map was not measured and passes
 * @param failure set when the provider failed as a whole (every check of this execution fails)
 */
public record MetricSample(Map<String, MetricValue> values, Optional<String> failure) {

  public MetricSample {
    values = Map.copyOf(values);
    Objects.requireNonNull(failure, "failure");
  }

  /** Readings by metric name. */
  public static MetricSample of(Map<String, MetricValue> values) {
    return new MetricSample(values, Optional.empty());
  }

  /** No readings: every check passes. */
  public static MetricSample empty() {
    return new MetricSample(Map.of(), Optional.empty());
  }

  /** The provider failed for this execution. */
  public static MetricSample failed(String reason) {
    return new MetricSample(Map.of(), Optional.of(reason));
  }

  /**
   * Evaluates {@code check} against this sample.
   *
   * @return empty when it passes, else why it failed
   */
  public Optional<String> verdict(MetricCheck check) {
    if (failure.isPresent()) {
      return Optional.of("metric " + check.name() + " failed: " + failure.get());
    }
    MetricValue v = values.get(check.name());
    if (v == null) {
      return Optional.empty();
    }
    if (v instanceof MetricValue.NoValues) {
      return Optional.of("Halt advancement no values found for metric " + check.name()
          + " probably the workload is not receiving traffic");
    }
    if (v instanceof MetricValue.Error e) {
      return Optional.of("metric " + check.name() + " query failed: " + e.message());
    }
    double value = ((MetricValue.Value) v).value();
    return check.accepts(value) ? Optional.empty()
        : Optional.of("Halt advancement " + check.name() + " " + value + " outside its threshold range");
  }
}
