package dev.kurator.placement;

import java.util.Objects;

/**
 * A named overflow tier of a {@link ClusterAffinityTerm}: clusters used only when the earlier tiers are full.
 *
 * @param affinityName unique name of the tier
 * @param affinity     which clusters belong to the tier
 */
public record OverflowAffinity(String affinityName, ClusterAffinity affinity) {
  public OverflowAffinity {
    Objects.requireNonNull(affinityName, "affinityName");
    Objects.requireNonNull(affinity, "affinity");
  }
}
