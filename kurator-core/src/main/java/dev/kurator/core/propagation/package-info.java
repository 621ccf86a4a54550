/**
 * Propagation: resource templates plus a per-cluster {@link dev.kurator.core.Assignment} plus overrides, converged on
 * every selected member; replica interpreters for divided workloads.
 */
package dev.kurator.core.propagation;
