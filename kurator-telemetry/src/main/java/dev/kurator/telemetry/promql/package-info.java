/**
 * A PromQL engine: {@link dev.kurator.telemetry.promql.Expr#parse parser}, evaluator
 * ({@link dev.kurator.telemetry.promql.PromqlEngine}) and the storage interface it reads through
 * ({@link dev.kurator.telemetry.promql.SeriesSource}). Times are milliseconds since the epoch.
 */
package dev.kurator.telemetry.promql;
