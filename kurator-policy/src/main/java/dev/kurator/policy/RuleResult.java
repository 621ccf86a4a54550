package dev.kurator.policy;

import java.util.Objects;

/**
 * The verdict of one rule on one resource.
 *
 * @param policy the policy name ({@code namespace/name} for a namespaced {@code Policy})
 * @param rule the rule name, {@code autogen-} prefixed for generated Pod-controller rules; empty for admission
 *     policies without rules
 * @param type the rule body kind
 * @param status the outcome
 * @param message the human-readable reason
 * @param enforce true when a failure must block admission ({@code failureAction: Enforce})
 */
public record RuleResult(String policy, String rule, RuleType type, RuleStatus status, String message,
    boolean enforce) {

  /** Rejects nulls. */
  public RuleResult {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** True when this result blocks admission: an Enforce-mode failure or error. */
  public boolean blocks() {
    return enforce && (status == RuleStatus.FAIL || status == RuleStatus.ERROR);
  }
}
