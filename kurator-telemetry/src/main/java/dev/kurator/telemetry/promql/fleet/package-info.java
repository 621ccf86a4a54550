/**
 * Fleet-wide PromQL: global evaluation over raw samples fetched from every cluster, and pushdown of decomposable
 * aggregations ({@link dev.kurator.telemetry.promql.fleet.FleetPromqlEngine}).
 */
package dev.kurator.telemetry.promql.fleet;
