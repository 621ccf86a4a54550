package dev.kurator.core;

import java.util.Map;
import java.util.stream.Collectors;

/** Thrown by {@link FleetResult#throwIfAnyFailed()}: carries the failure of every cluster that failed. */
public class FleetOperationException extends KuratorException {

  private final transient Map<String, ClusterFailure> failures;

  public FleetOperationException(String fleet, Map<String, ClusterFailure> failures) {
    super(message(fleet, failures), failures.values().stream().flatMap(f -> f.cause().stream()).findFirst()
        .orElse(null));
    this.failures = Map.copyOf(failures);
  }

  /** Cluster name to what failed there. */
  public Map<String, ClusterFailure> failures() {
    return failures;
  }

  private static String message(String fleet, Map<String, ClusterFailure> failures) {
    return "fleet \"" + fleet + "\": " + failures.size() + (failures.size() == 1 ? " cluster" : " clusters")
        + " failed: " + failures.values().stream().map(ClusterFailure::toString).collect(Collectors.joining(" | "));
  }
}
