package dev.kurator.core.propagation;

import dev.kurator.core.KuratorException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Per-cluster outcome of {@link Propagation#sync}. One failing cluster is a row here, never an exception.
 *
 * @param propagation the propagation's name
 * @param clusters    member name to its outcome: every selected cluster and every cluster copies were removed from
 */
public record PropagationResult(String propagation, Map<String, ClusterSync> clusters) {

  public PropagationResult {
    Objects.requireNonNull(propagation, "propagation");
    clusters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(clusters, "clusters")));
  }

  /** Whether no cluster was written to and none failed (a re-run with nothing changed). */
  public boolean unchangedEverywhere() {
    return clusters.values().stream().allMatch(ClusterSync::unchanged);
  }

  /** Clusters whose status is not OK. */
  public Map<String, ClusterSync> failures() {
    return clusters.entrySet().stream().filter(e -> e.getValue().status() != ClusterSync.Status.OK)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** The outcome on one cluster. */
  public ClusterSync cluster(String name) {
    ClusterSync s = clusters.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no outcome for cluster " + name + "; clusters: " + clusters.keySet());
    }
    return s;
  }

  /**
   * Throws when any cluster did not reach its desired state.
   *
   * @throws KuratorException naming each failed cluster and why
   */
  public PropagationResult throwIfAnyFailed() {
    Map<String, ClusterSync> f = failures();
    if (!f.isEmpty()) {
      throw new KuratorException("propagation " + propagation + " failed on " + f.values().stream()
          .map(s -> s.cluster() + " (" + s.status() + (s.error().isEmpty() ? "" : ": " + s.error()) + ")")
          .collect(Collectors.joining(", ")));
    }
    return this;
  }
}
