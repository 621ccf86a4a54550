package dev.kurator.telemetry.health;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One workload metric across the fleet.
 *
 * @param name     what was measured, e.g. {@code request-success-rate}
 * @param unit     {@code percent} or {@code milliseconds}
 * @param clusters value per cluster that had data (NaN where the metric is undefined, e.g. no requests)
 * @param fleet    the fleet-wide value computed from the summed parts (not an average of cluster values); NaN when
 *                 no cluster had data
 * @param warnings partial-response warnings of the underlying fleet queries
 */
public record FleetMetric(String name, String unit, Map<String, Double> clusters, double fleet, List<String> warnings) {

  public FleetMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    clusters = Map.copyOf(Objects.requireNonNull(clusters, "clusters"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
  }

  /** The value of one cluster, empty when it had no data. */
  public OptionalDouble cluster(String name) {
    Double v = clusters.get(name);
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
