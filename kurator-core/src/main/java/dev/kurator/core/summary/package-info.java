/**
 * Cluster resource summaries for capacity-aware placement: Karmada's {@code resourceSummary} computed from Nodes and
 * Pods ({@link dev.kurator.core.summary.ResourceSummaries}) and the per-node estimate of how many replicas of a pod
 * template fit ({@link dev.kurator.core.summary.ReplicaEstimator}).
 */
package dev.kurator.core.summary;
