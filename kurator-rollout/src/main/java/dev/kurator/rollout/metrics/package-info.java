/**
 * Prometheus-backed metric provider for rollouts: Flagger's built-in {@code request-success-rate} and
 * {@code request-duration} checks and {@code MetricTemplate} queries, answered per member cluster through a
 * {@link dev.kurator.telemetry.FleetQuerier}. Entry point: {@link dev.kurator.rollout.metrics.PrometheusMetrics}.
 */
package dev.kurator.rollout.metrics;
