package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** PolicyException (kyverno.io/v2) matching: a matching exception turns the rule into skip. */
final class PolicyExceptions {
  private PolicyExceptions() {}

  static boolean excepts(java.util.List<JsonNode> exceptions, CompiledPolicy policy, String rule,
      Matching.Subject subject, EvalContext ctx) {
    for (JsonNode ex : exceptions) {
      JsonNode spec = ex.path("spec");
      boolean named = false;
      for (JsonNode e : spec.path("exceptions")) {
        String pn = e.path("policyName").asText();
        if (!Wildcard.match(pn, policy.name()) && !Wildcard.match(pn, policy.source().reportName())) {
          continue;
        }
        for (JsonNode r : e.path("ruleNames")) {
          if (Wildcard.match(r.asText(), rule)) {
            named = true;
          }
        }
      }
      if (!named) {
        continue;
      }
      com.fasterxml.jackson.databind.node.ObjectNode asRule = Json.NODES.objectNode();
      asRule.set("match", spec.get("match"));
      if (spec.get("match") == null || !Matching.applies(asRule, subject)) {
        continue;
      }
      if (spec.has("conditions")) {
        try {
          if (!Conditions.evaluate(spec.get("conditions"), ctx).holds()) {
            continue;
          }
        } catch (RuntimeException e) {
          continue;
        }
      }
      return true;
    }
    return false;
  }
}
