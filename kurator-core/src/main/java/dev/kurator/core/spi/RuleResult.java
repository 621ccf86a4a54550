package dev.kurator.core.spi;

import java.util.Objects;

/**
 * The result of one rule of one policy, as in a Kyverno policy report entry.
 *
 * @param policy  policy name
 * @param rule    rule name within the policy
 * @param status  pass, fail, warn, error or skip
 * @param message human-readable explanation, may be empty
 */
public record RuleResult(String policy, String rule, Status status, String message) {

  /** Rule result status, with Kyverno's policy report words. */
  public enum Status { PASS, FAIL, WARN, ERROR, SKIP }

  public RuleResult {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(status, "status");
    message = message == null ? "" : message;
  }

  /** A passing result without message. */
  public static RuleResult pass(String policy, String rule) {
    return new RuleResult(policy, rule, Status.PASS, "");
  }

  /** A failing result that denies admission, explained by {@code message}. */
  public static RuleResult fail(String policy, String rule, String message) {
    return new RuleResult(policy, rule, Status.FAIL, message);
  }

  /** Whether this result does not block admission (anything but fail and error). */
  public boolean allowed() {
    return status != Status.FAIL && status != Status.ERROR;
  }

  /** For example {@code require-labels/check-team: fail (label team is required)}. */
  @Override
  public String toString() {
    return policy + "/" + rule + ": " + status.name().toLowerCase(java.util.Locale.ROOT)
        + (message.isEmpty() ? "" : " (" + message + ")");
  }
}
