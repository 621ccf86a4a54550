package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.KyvernoPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A policy prepared for evaluation: its rules plus the generated Pod-controller rules, its default failure action and
 * scoring.
 *
 * @param source the loaded document
 * @param rules the rules in evaluation order, each original rule followed by its autogen rules
 * @param bindings admission-policy bindings that reference this policy
 */
public record CompiledPolicy(KyvernoPolicy source, List<JsonNode> rules, List<JsonNode> bindings,
    java.util.Map<String, JsonNode> rulesByName) {

  /** Indexes the rules by name. */
  public CompiledPolicy(KyvernoPolicy source, List<JsonNode> rules, List<JsonNode> bindings) {
    this(source, rules, bindings, index(rules));
  }

  private static java.util.Map<String, JsonNode> index(List<JsonNode> rules) {
    java.util.Map<String, JsonNode> m = new java.util.HashMap<>();
    for (JsonNode r : rules) {
      m.putIfAbsent(r.path("name").asText(), r);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Compiles a policy document. */
  public static CompiledPolicy of(KyvernoPolicy p, List<JsonNode> allBindings) {
    List<JsonNode> rules = new ArrayList<>();
    String controllers = p.annotation(Autogen.ANNOTATION, null);
    for (JsonNode rule : p.document().path("spec").path("rules")) {
      rules.add(rule);
    }
    List<JsonNode> generated = new ArrayList<>();
    for (JsonNode rule : rules) {
      generated.addAll(Autogen.generate(rule, controllers));
    }
    rules.addAll(generated);
    List<JsonNode> bindings = new ArrayList<>();
    for (JsonNode b : allBindings) {
      if (b.path("spec").path("policyName").asText().equals(p.name())) {
        bindings.add(b);
      }
    }
    return new CompiledPolicy(p, List.copyOf(rules), List.copyOf(bindings));
  }

  /** The policy name. */
  public String name() {
    return source.name();
  }

  /** The namespace of a namespaced Policy, else empty. */
  public String namespace() {
    return source.namespace();
  }

  /** True for a Kubernetes ValidatingAdmissionPolicy or a Kyverno CEL ValidatingPolicy. */
  public boolean isAdmissionPolicy() {
    return source.kind().equals("ValidatingAdmissionPolicy") || isValidatingPolicy();
  }

  /** True for a Kyverno {@code ValidatingPolicy} or {@code NamespacedValidatingPolicy} (policies.kyverno.io). */
  public boolean isValidatingPolicy() {
    return source.kind().endsWith("ValidatingPolicy") && !source.kind().equals("ValidatingAdmissionPolicy");
  }

  /** {@code spec.applyRules: One}. */
  public boolean applyOne() {
    return source.document().path("spec").path("applyRules").asText("All").equalsIgnoreCase("One");
  }

  /** False when {@code policies.kyverno.io/scored} is "false": failures are then reported as warn. */
  public boolean scored() {
    return !source.annotation("policies.kyverno.io/scored", "true").equalsIgnoreCase("false");
  }

  /** Whether a failure of the rule blocks admission for a resource in the namespace. */
  public boolean enforces(String ruleName, String namespace) {
    JsonNode rule = rulesByName.get(ruleName);
    if (isValidatingPolicy()) {
      for (JsonNode a : source.document().path("spec").path("validationActions")) {
        if (a.asText().equals("Deny")) {
          return true;
        }
      }
      return false;
    }
    if (isAdmissionPolicy()) {
      for (JsonNode b : bindings) {
        for (JsonNode a : b.path("spec").path("validationActions")) {
          if (a.asText().equals("Deny")) {
            return true;
          }
        }
      }
      return bindings.isEmpty();
    }
    JsonNode validate = rule == null ? null : rule.get("validate");
    if (validate == null) {
      return false;
    }
    for (JsonNode o : validate.path("failureActionOverrides")) {
      for (JsonNode ns : o.path("namespaces")) {
        if (Wildcard.match(ns.asText(), namespace)) {
          return o.path("action").asText().toLowerCase(Locale.ROOT).equals("enforce");
        }
      }
    }
    String action = validate.path("failureAction").asText("");
    if (action.isEmpty()) {
      action = source.document().path("spec").path("validationFailureAction").asText("Audit");
    }
    return action.toLowerCase(Locale.ROOT).equals("enforce");
  }
}
