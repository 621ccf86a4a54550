package dev.kurator.core.propagation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Per-cluster drift found by {@link Propagation#diff}, which writes nothing.
 *
 * @param propagation the propagation's name
 * @param drift       member name to the objects that differ (empty list when in sync)
 * @param errors      member name to why it could not be read (unreachable, not ready, not a member)
 */
public record PropagationDiff(String propagation, Map<String, List<Drift>> drift, Map<String, String> errors) {

  public PropagationDiff {
    Objects.requireNonNull(propagation, "propagation");
    Map<String, List<Drift>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(drift, "drift").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    drift = Collections.unmodifiableMap(copy);
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(errors, "errors")));
  }

  /** Whether every cluster was read and nothing differs. */
  public boolean inSync() {
    return errors.isEmpty() && drift.values().stream().allMatch(List::isEmpty);
  }

  /** The drift on one cluster (empty when in sync or not examined). */
  public List<Drift> drift(String cluster) {
    return drift.getOrDefault(cluster, List.of());
  }
}
