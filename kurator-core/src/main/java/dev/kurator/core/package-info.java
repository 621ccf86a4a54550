/**
 * The Fleet API, and the value types the other modules share.
 *
 * <p>Describe the clusters once ({@link dev.kurator.core.MemberCluster}, built from clients, kubeconfig contexts or
 * Secrets by {@link dev.kurator.core.MemberClusters}), gather them in an immutable {@link dev.kurator.core.Fleet}
 * (held by a {@link dev.kurator.core.FleetRegistry} in long-running hosts), then work on the fleet as one:
 * {@code fleet.apply(...)}, {@code get}, {@code list} and {@code delete} run on all members or a
 * {@link dev.kurator.core.Selector}ion concurrently and return a {@link dev.kurator.core.FleetResult} with one
 * {@link dev.kurator.core.Outcome} per cluster and resource. {@code fleet.health()} probes every member;
 * {@code fleet.snapshot()} describes them as {@link dev.kurator.core.ClusterSnapshot}s for placement.
 *
 * <p>Each call to a member is guarded by the fleet's {@link dev.kurator.core.Resilience}: a timeout, retries with
 * backoff for retryable failures, and a circuit breaker per member. Bad input is rejected with a
 * {@link dev.kurator.core.ValidationException} naming every field path and value before any cluster is touched.
 *
 * <p>Shared values: {@link dev.kurator.core.ClusterSnapshot}, {@link dev.kurator.core.Taint},
 * {@link dev.kurator.core.ResourceSummary}, {@link dev.kurator.core.Assignment} and
 * {@link dev.kurator.core.TargetCluster}.
 */
package dev.kurator.core;
