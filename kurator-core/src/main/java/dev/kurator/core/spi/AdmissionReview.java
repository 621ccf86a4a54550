package dev.kurator.core.spi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gate's verdict on one variant.
 *
 * @param allowed whether the variant may be written
 * @param mutated the object to write instead of the requested one, or null to write it unchanged
 * @param results one entry per rule evaluated (passes, warnings and failures), in evaluation order
 */
public record AdmissionReview(boolean allowed, GenericKubernetesResource mutated, List<RuleResult> results) {

  public AdmissionReview {
    results = List.copyOf(Objects.requireNonNull(results, "results"));
    if (!allowed && mutated != null) {
      throw new IllegalArgumentException("a denied review cannot carry a mutated object");
    }
  }

  /** Allowed, unchanged, with no rule results. */
  public static AdmissionReview allow() {
    return new AdmissionReview(true, null, List.of());
  }

  /** Allowed, unchanged, with these rule results (e.g. passes and warnings). */
  public static AdmissionReview allow(List<RuleResult> results) {
    return new AdmissionReview(true, null, results);
  }

  /** Allowed, writing {@code mutated} instead of the requested object. */
  public static AdmissionReview mutate(GenericKubernetesResource mutated, List<RuleResult> results) {
    return new AdmissionReview(true, Objects.requireNonNull(mutated, "mutated"), results);
  }

  /** Denied, with the rule results that explain why (at least one should be a failure). */
  public static AdmissionReview deny(List<RuleResult> results) {
    return new AdmissionReview(false, null, results);
  }

  /** The mutated object, when the gate changed it. */
  public Optional<GenericKubernetesResource> mutatedObject() {
    return Optional.ofNullable(mutated);
  }
}
