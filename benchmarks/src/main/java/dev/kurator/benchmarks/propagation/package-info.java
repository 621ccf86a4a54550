/** Benchmarks of propagation planning and overrides (pure, no I/O). */
package dev.kurator.benchmarks.propagation;
