package dev.kurator.telemetry.exposition;

import dev.kurator.telemetry.Labels;
import java.util.Objects;

/**
 * One sample line.
 *
 * @param name            the sample's metric name, suffix included (e.g. {@code http_requests_total},
 *                        {@code latency_bucket})
 * @param labels          the sample's labels (without {@code __name__})
 * @param value           the value; NaN and infinities allowed
 * @param timestampMillis the timestamp in milliseconds (OpenMetrics seconds converted), or null when absent
 * @param exemplar        the exemplar (OpenMetrics only), or null
 */
public record ExpositionSample(String name, Labels labels, double value, Long timestampMillis, Exemplar exemplar) {
  public ExpositionSample {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(labels, "labels");
  }

  /** The labels with {@code __name__} set, as Prometheus stores the series. */
  public Labels seriesLabels() {
    return labels.with(Labels.METRIC_NAME, name);
  }
}
