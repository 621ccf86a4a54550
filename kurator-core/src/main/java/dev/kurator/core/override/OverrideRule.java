package dev.kurator.core.override;

import java.util.Objects;

/**
 * One rule of a policy, as Karmada's {@code RuleWithCluster}: the overriders apply on the clusters the target selects.
 *
 * @param targetCluster which clusters, null for all
 * @param overriders    what changes
 */
public record OverrideRule(ClusterAffinity targetCluster, Overriders overriders) {

  public OverrideRule {
    Objects.requireNonNull(overriders, "overriders");
  }

  /** A rule for every cluster. */
  public static OverrideRule forAll(Overriders overriders) {
    return new OverrideRule(null, overriders);
  }

  /** A rule for the clusters {@code target} selects. */
  public static OverrideRule on(ClusterAffinity target, Overriders overriders) {
    return new OverrideRule(Objects.requireNonNull(target, "target"), overriders);
  }
}
