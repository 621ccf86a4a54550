/**
 * Fleet-wide metric querying over Prometheus, Thanos-style, embedded in the host: the typed Prometheus HTTP API model
 * ({@link dev.kurator.telemetry.PrometheusJson}, {@link dev.kurator.telemetry.QueryData}), an HTTP client
 * ({@link dev.kurator.telemetry.PrometheusApi}), the fan-out querier ({@link dev.kurator.telemetry.FleetQuerier})
 * with partial responses and HA deduplication ({@link dev.kurator.telemetry.Deduplication}).
 */
package dev.kurator.telemetry;
