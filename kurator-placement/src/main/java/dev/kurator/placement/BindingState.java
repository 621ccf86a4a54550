package dev.kurator.placement;

import dev.kurator.core.Assignment;
import java.util.Objects;
import java.util.Set;

/**
 * What the scheduler remembers about a resource between decisions, as the parts of Karmada's
 * {@code ResourceBinding} the scheduler reads.
 *
 * @param previous             the current assignment ({@code spec.clusters}), {@link Assignment#none()} at first
 * @param observedAffinityName the {@code clusterAffinities} term in use ({@code schedulerObservedAffinityName}),
 *                             empty for the first
 * @param rescheduleTriggered  an explicit reschedule was asked ({@code rescheduleTriggeredAt} after the last
 *                             scheduling): divide afresh and restart at the first affinity term
 * @param evictingClusters     clusters of pending graceful-eviction tasks ({@code fromCluster}); never chosen
 */
public record BindingState(Assignment previous, String observedAffinityName, boolean rescheduleTriggered,
    Set<String> evictingClusters) {

  public BindingState {
    Objects.requireNonNull(previous, "previous");
    observedAffinityName = observedAffinityName == null ? "" : observedAffinityName;
    evictingClusters = evictingClusters == null ? Set.of() : Set.copyOf(evictingClusters);
  }

  /** A resource that was never scheduled. */
  public static BindingState initial() {
    return new BindingState(Assignment.none(), "", false, Set.of());
  }

  /** A resource currently placed as {@code previous}. */
  public static BindingState of(Assignment previous) {
    return new BindingState(previous, "", false, Set.of());
  }

  /** A copy with another observed affinity term (store {@link Decision#affinityName()} here). */
  public BindingState withObservedAffinityName(String name) {
    return new BindingState(previous, name, rescheduleTriggered, evictingClusters);
  }

  /** A copy asking (or not) for an explicit fresh reschedule, as Karmada's WorkloadRebalancer does. */
  public BindingState withRescheduleTriggered(boolean triggered) {
    return new BindingState(previous, observedAffinityName, triggered, evictingClusters);
  }

  /** A copy with the clusters of pending graceful-eviction tasks. */
  public BindingState withEvictingClusters(Set<String> clusters) {
    return new BindingState(previous, observedAffinityName, rescheduleTriggered, clusters);
  }

  /** Replicas currently assigned to {@code cluster} (0 when absent). */
  public int assignedTo(String cluster) {
    return previous.target(cluster).map(t -> t.replicas()).orElse(0);
  }
}
