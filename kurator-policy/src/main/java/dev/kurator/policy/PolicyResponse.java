package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What one policy did to one resource.
 *
 * @param policy the policy
 * @param results one result per rule that matched (rules that do not match give none)
 * @param patchedResource the resource after this policy's mutate rules (the input when nothing changed)
 * @param generated objects the policy's generate rules produce
 */
public record PolicyResponse(KyvernoPolicy policy, List<RuleResult> results, JsonNode patchedResource,
    List<JsonNode> generated) {

  /** Rejects nulls and copies lists. */
  public PolicyResponse {
    Objects.requireNonNull(policy, "policy");
    results = List.copyOf(results);
    Objects.requireNonNull(patchedResource, "patchedResource");
    generated = List.copyOf(generated);
  }

  /** Results that block admission. */
  public List<RuleResult> blocking() {
    return results.stream().filter(RuleResult::blocks).toList();
  }
}
