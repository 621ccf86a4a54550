package dev.kurator.core.spi;

/**
 * Reviews every (cluster, resource) variant of a fan-out apply before anything is written, as a Kubernetes
 * validating/mutating admission webhook would, but ahead of the write and for the whole fleet at once.
 *
 * <p>Used as {@code fleet.apply(resources).through(gate).onAllClusters()}. If the gate denies any variant, nothing
 * is written to any cluster and the result names, per cluster, the rules that denied it. An allowed review may carry
 * a mutated object, which is what gets written to that cluster. A gate that throws counts as a denial of that
 * variant (fail closed), reported with the exception's message.
 *
 * <p>Implementations must be thread-safe: variants of different clusters are reviewed concurrently.
 */
public interface AdmissionGate {

  /** A short name shown in results, e.g. {@code kyverno}. */
  String name();

  /**
   * Reviews one variant.
   *
   * @param request the cluster, the operation, the object to write and the live object, if any
   * @return allowed or denied, the object to write (possibly mutated) and one result per rule evaluated
   */
  AdmissionReview review(AdmissionRequest request);
}
