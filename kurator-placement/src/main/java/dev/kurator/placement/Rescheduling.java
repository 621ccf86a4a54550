package dev.kurator.placement;

import dev.kurator.core.TargetCluster;
import java.util.List;

/** Karmada's rescheduling triggers ({@code pkg/scheduler}, {@code pkg/util/binding.go}). */
public final class Rescheduling {

  private Rescheduling() {}

  /**
   * {@code IsBindingReplicasChanged}: Duplicated placements changed when any cluster's replicas differ from
   * {@code replicas}; Divided when the sum differs; otherwise never.
   */
  public static boolean replicasChanged(ReplicaScheduling scheduling, int replicas, List<TargetCluster> clusters) {
    if (scheduling == null || scheduling.type() == null) {
      return false;
    }
    if (scheduling.type() == ReplicaSchedulingType.DUPLICATED) {
      for (TargetCluster t : clusters) {
        if (t.replicas() != replicas) {
          return true;
        }
      }
      return false;
    }
    int sum = 0;
    for (TargetCluster t : clusters) {
      sum += t.replicas();
    }
    return sum != replicas;
  }
}
