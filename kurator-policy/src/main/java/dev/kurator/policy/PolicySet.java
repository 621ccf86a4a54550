package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Loaded policies and policy exceptions.
 *
 * @param policies ClusterPolicy, Policy and ValidatingAdmissionPolicy documents, in load order
 * @param exceptions PolicyException documents (kyverno.io/v2)
 * @param bindings ValidatingAdmissionPolicyBinding documents
 */
public record PolicySet(List<KyvernoPolicy> policies, List<JsonNode> exceptions, List<JsonNode> bindings) {

  /** Copies the lists. */
  public PolicySet {
    policies = List.copyOf(policies);
    exceptions = List.copyOf(exceptions);
    bindings = List.copyOf(bindings);
  }

  /** A set of policies only. */
  public static PolicySet of(List<KyvernoPolicy> policies) {
    return new PolicySet(policies, List.of(), List.of());
  }

  /** This set plus another. */
  public PolicySet plus(PolicySet other) {
    List<KyvernoPolicy> p = new ArrayList<>(policies);
    p.addAll(other.policies);
    List<JsonNode> e = new ArrayList<>(exceptions);
    e.addAll(other.exceptions);
    List<JsonNode> b = new ArrayList<>(bindings);
    b.addAll(other.bindings);
    return new PolicySet(p, e, b);
  }
}
