/** Benchmarks of the policy engine: resources evaluated per second and latency per resource. */
package dev.kurator.benchmarks.policy;
