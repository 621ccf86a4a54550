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
}
