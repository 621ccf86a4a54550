package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.RuleStatus;
import dev.kurator.policy.RuleType;

/** CEL validation: {@code validate.cel} in Kyverno rules and Kubernetes ValidatingAdmissionPolicy. */
final class CelRules {
  private CelRules() {}

  static RuleResponse validateCel(String rule, JsonNode cel, JsonNode ruleNode, EvalContext ctx, JsonNode resource,
      EvalInput in) {
    return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "CEL not available");
  }

  static RuleResponse validatingAdmissionPolicy(CompiledPolicy policy, EvalInput in) {
    return null;
  }
}
