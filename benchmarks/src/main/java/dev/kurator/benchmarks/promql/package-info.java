/** Benchmarks of the PromQL engine, against a real Prometheus, and of fleet pushdown. */
package dev.kurator.benchmarks.promql;
