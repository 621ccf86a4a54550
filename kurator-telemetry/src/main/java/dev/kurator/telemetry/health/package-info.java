/**
 * Fleet health and SLO helpers for rollout and placement: workload success rate and p99 latency per cluster and
 * fleet-wide from Flagger's built-in queries ({@link dev.kurator.telemetry.health.WorkloadHealth}), cluster capacity
 * and usage ({@link dev.kurator.telemetry.health.FleetCapacity}), and error-budget burn
 * ({@link dev.kurator.telemetry.health.SloEvaluator}). Pure arithmetic lives in
 * {@link dev.kurator.telemetry.health.BucketQuantile} and {@link dev.kurator.telemetry.health.SloEvaluator#evaluate}.
 */
package dev.kurator.telemetry.health;
