package dev.kurator.placement.spi;

import dev.kurator.core.ClusterSnapshot;

/**
 * Estimates how many more replicas of the workload a cluster can take, as Karmada's {@code ReplicaEstimator}.
 * Results of all estimators are merged with {@code min}; {@link #UNKNOWN} abstains.
 */
public interface ReplicaEstimator extends SchedulerPlugin {

  /** Returned when the estimator cannot tell. */
  long UNKNOWN = -1;

  /** Replicas that still fit on {@code cluster}, or {@link #UNKNOWN}. A throwing estimator is skipped. */
  long maxReplicas(PluginContext context, ClusterSnapshot cluster);

  /**
   * Estimates several clusters of one snapshot at once: {@code out[k]} receives the estimate for
   * {@code clusters.get(which[k])}. The default calls {@link #maxReplicas(PluginContext, ClusterSnapshot)} for each;
   * override it to share work across a snapshot (the list is the same instance for as long as the host reuses its
   * snapshot). When it throws, the scheduler falls back to the per-cluster method, skipping the estimator only for
   * the clusters where that throws too.
   */
  default void maxReplicas(PluginContext context, java.util.List<ClusterSnapshot> clusters, int[] which,
      long[] out) {
    for (int k = 0; k < which.length; k++) {
      out[k] = maxReplicas(context, clusters.get(which[k]));
    }
  }
}
