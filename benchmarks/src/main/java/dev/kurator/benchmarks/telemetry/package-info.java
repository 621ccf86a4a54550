/** Benchmarks of the telemetry module: fan-out merge and HA deduplication. */
package dev.kurator.benchmarks.telemetry;
