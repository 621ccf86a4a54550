package dev.kurator.rollout;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One metric check of a canary analysis ({@code spec.analysis.metrics[]}).
 *
 * @param name the metric's name; {@code request-success-rate} (percent of non-5xx, 0-100) and
 *     {@code request-duration} (P99 in milliseconds) are built in
 * @param interval the query window; Flagger's default is one minute
 * @param min inclusive lower bound of {@code thresholdRange}, if any
 * @param max inclusive upper bound of {@code thresholdRange}, if any
 * @param threshold the deprecated scalar {@code threshold}, if any
 * @param query an inline query, if any
 * @param templateRef a {@code MetricTemplate} reference ({@code namespace/name} or {@code name}), if any
 */
public record MetricCheck(String name, Duration interval, OptionalDouble min, OptionalDouble max,
                          OptionalDouble threshold, Optional<String> query, Optional<String> templateRef) {

  /** The built-in success-rate metric. */
  public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
  /** The built-in P99 latency metric, in milliseconds. */
  public static final String REQUEST_DURATION = "request-duration";
  /** Flagger's default metric interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  public MetricCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(templateRef, "templateRef");
  }

  /** A check with a {@code thresholdRange}; pass null for an open bound. */
  public static MetricCheck range(String name, Double min, Double max) {
    return new MetricCheck(name, DEFAULT_INTERVAL, opt(min), opt(max), OptionalDouble.empty(), Optional.empty(),
        Optional.empty());
  }

  /** True for the two metrics Flagger ships. */
  public boolean isBuiltin() {
    return REQUEST_SUCCESS_RATE.equals(name) || REQUEST_DURATION.equals(name);
  }

  /**
   * Whether {@code value} passes: bounds are inclusive; the legacy threshold fails the success rate when it is above
   * the value and any other metric when the value is above it.
   */
  public boolean accepts(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (min.isPresent() && value < min.getAsDouble()) {
      return false;
    }
    if (max.isPresent() && value > max.getAsDouble()) {
      return false;
    }
    if (threshold.isPresent() && min.isEmpty() && max.isEmpty()) {
      double t = threshold.getAsDouble();
      return REQUEST_SUCCESS_RATE.equals(name) ? t <= value : value <= t;
    }
    return true;
  }

  private static OptionalDouble opt(Double d) {
    return d == null ? OptionalDouble.empty() : OptionalDouble.of(d);
  }
}
