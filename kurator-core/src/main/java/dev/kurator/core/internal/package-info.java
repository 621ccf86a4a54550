/**
 * Implementation of the Fleet API: fan-out, resilience, apply semantics, health probes and kubeconfig handling.
 * No compatibility promise; hosts use {@link dev.kurator.core} instead.
 */
package dev.kurator.core.internal;
