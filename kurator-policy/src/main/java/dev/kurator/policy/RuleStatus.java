package dev.kurator.policy;

import java.util.Locale;

/** Outcome of one rule on one resource, as in the wgpolicyk8s.io PolicyReport {@code result} field. */
public enum RuleStatus {
  /** Evaluated and compliant. */
  PASS,
  /** Pattern or deny violated. */
  FAIL,
  /** A failure of a policy annotated {@code policies.kyverno.io/scored: "false"}. */
  WARN,
  /** Variable substitution or another evaluation error. */
  ERROR,
  /** Preconditions false, a policy exception, or a conditional or global anchor not met. */
  SKIP;

  /** The lowercase word used in reports and CLI tests. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a report word such as {@code pass}.
   *
   * @throws IllegalArgumentException for an unknown word
   */
  public static RuleStatus fromWord(String word) {
    return valueOf(word.trim().toUpperCase(Locale.ROOT));
  }
}
