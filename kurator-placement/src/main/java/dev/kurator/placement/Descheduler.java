package dev.kurator.placement;

import dev.kurator.core.TargetCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Karmada's descheduler rule ({@code pkg/descheduler}): replicas that stay unschedulable in a member cluster are
 * taken back from that cluster so that the scheduler places them elsewhere (it sees the replica sum fall short and
 * scales up on the other clusters). Only for Divided placements by dynamic weight or Aggregated.
 */
public final class Descheduler {

  /** Karmada's default {@code --descheduling-interval}, in minutes. */
  public static final int DEFAULT_INTERVAL_MINUTES = 2;
  /** Karmada's default {@code --unschedulable-threshold}: how long a pod must be pending, in minutes. */
  public static final int DEFAULT_UNSCHEDULABLE_THRESHOLD_MINUTES = 5;

  private Descheduler() {}

  /**
   * What one target cluster reports.
   *
   * @param cluster               cluster name
   * @param specReplicas          replicas assigned to it
   * @param readyReplicas         replicas ready there, null when unknown
   * @param unschedulableReplicas replicas pending for longer than the threshold
   */
  public record ClusterReplicas(String cluster, int specReplicas, Integer readyReplicas, int unschedulableReplicas) {
    public ClusterReplicas {
      Objects.requireNonNull(cluster, "cluster");
    }
  }

  /**
   * The new assignment, in input order: a cluster with {@code ready < spec} and {@code u > 0} unschedulable
   * replicas (with {@code spec >= u}) keeps {@code spec - u}, or {@code ready} if that is more (and at most spec).
   */
  public static List<TargetCluster> adjust(List<ClusterReplicas> clusters) {
    List<TargetCluster> out = new ArrayList<>(clusters.size());
    for (ClusterReplicas c : clusters) {
      int spec = c.specReplicas();
      int ready = c.readyReplicas() == null ? -1 : c.readyReplicas();
      int target = spec;
      if (ready < spec) {
        int unschedulable = c.unschedulableReplicas();
        if (unschedulable > 0 && spec >= unschedulable) {
          target = spec - unschedulable;
          if (target < ready && ready <= spec) {
            target = ready;
          }
        }
      }
      out.add(new TargetCluster(c.cluster(), target));
    }
    return out;
  }
}
