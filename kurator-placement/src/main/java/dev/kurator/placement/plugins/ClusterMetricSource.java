package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import java.util.OptionalDouble;

/**
 * Supplies one number per cluster (price, carbon intensity, ...) to a score plugin. Implement it to read a billing
 * API or a carbon-intensity feed; {@link #fromLabel(String)} reads a cluster label.
 */
@FunctionalInterface
public interface ClusterMetricSource {

  /** The value for {@code cluster}, empty when unknown. */
  OptionalDouble value(ClusterSnapshot cluster);

  /** Reads the value from a numeric cluster label; a missing or non-numeric label is unknown. */
  static ClusterMetricSource fromLabel(String label) {
    return cluster -> {
      String v = cluster.labels().get(label);
      if (v == null) {
        return OptionalDouble.empty();
      }
      try {
        return OptionalDouble.of(Double.parseDouble(v));
      } catch (NumberFormatException e) {
        return OptionalDouble.empty();
      }
    };
  }
}
