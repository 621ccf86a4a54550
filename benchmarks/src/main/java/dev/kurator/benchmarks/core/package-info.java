/**
 * Benchmarks of the Fleet API: {@link dev.kurator.benchmarks.core.FanOutBenchmark} compares the concurrent fan-out
 * of one apply over 50 embedded clusters with the same apply run one cluster after another.
 */
package dev.kurator.benchmarks.core;
