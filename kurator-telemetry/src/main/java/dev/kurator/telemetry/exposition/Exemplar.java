package dev.kurator.telemetry.exposition;

import dev.kurator.telemetry.Labels;
import java.util.Objects;

/**
 * An OpenMetrics exemplar: {@code # {trace_id="..."} value [timestamp]} after a sample.
 *
 * @param labels          the exemplar's labels
 * @param value           its value
 * @param timestampMillis its timestamp in milliseconds, or null when absent
 */
public record Exemplar(Labels labels, double value, Long timestampMillis) {
  public Exemplar {
    Objects.requireNonNull(labels, "labels");
  }
}
