package dev.kurator.telemetry.exposition;

import java.util.List;
import java.util.Objects;

/**
 * A metric family: its metadata and samples, in exposition order.
 *
 * @param name    the family name (for an OpenMetrics counter, without {@code _total})
 * @param type    the declared type; {@link MetricType#UNTYPED} when none was declared
 * @param help    the {@code # HELP} text (unescaped), empty when absent
 * @param unit    the {@code # UNIT} (OpenMetrics), empty when absent
 * @param samples the samples
 */
public record MetricFamily(String name, MetricType type, String help, String unit, List<ExpositionSample> samples) {
  public MetricFamily {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(unit, "unit");
    samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
  }
}
