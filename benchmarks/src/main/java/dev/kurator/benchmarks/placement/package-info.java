/** Placement engine benchmarks: scheduling decisions per second and latency percentiles over large fleets. */
package dev.kurator.benchmarks.placement;
