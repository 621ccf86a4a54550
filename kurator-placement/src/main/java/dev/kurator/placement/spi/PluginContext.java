package dev.kurator.placement.spi;

import dev.kurator.placement.BindingState;
import dev.kurator.placement.ClusterAffinity;
import dev.kurator.placement.ClusterAffinityTerm;
import dev.kurator.placement.Placement;
import dev.kurator.placement.Workload;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What plugins see of one scheduling attempt.
 *
 * @param workload     the resource being placed
 * @param placement    its placement
 * @param affinityTerm the {@code clusterAffinities} term being tried, null when the placement has none
 * @param state            the binding state (previous assignment, eviction tasks)
 * @param previousReplicas replicas per cluster of the previous assignment; null derives it from {@code state}
 */
public record PluginContext(Workload workload, Placement placement, ClusterAffinityTerm affinityTerm,
    BindingState state, Map<String, Integer> previousReplicas) {

  public PluginContext {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(state, "state");
    if (previousReplicas == null) {
      Map<String, Integer> m = new HashMap<>();
      state.previous().targets().forEach(t -> m.put(t.name(), t.replicas()));
      previousReplicas = m;
    }
    previousReplicas = Map.copyOf(previousReplicas);
  }

  public PluginContext(Workload workload, Placement placement, ClusterAffinityTerm affinityTerm, BindingState state) {
    this(workload, placement, affinityTerm, state, null);
  }

  /** The affinity in force: the term's affinity, else the placement's, else null (no constraint). */
  public ClusterAffinity effectiveAffinity() {
    return affinityTerm != null ? affinityTerm.affinity() : placement.clusterAffinity();
  }

  /** Whether the resource is currently placed on {@code cluster} (Karmada: in {@code spec.clusters}). */
  public boolean isScheduledOn(String cluster) {
    return previousReplicas.containsKey(cluster);
  }

  /** Replicas the resource currently has on {@code cluster}. */
  public int assignedTo(String cluster) {
    return previousReplicas.getOrDefault(cluster, 0);
  }
}
