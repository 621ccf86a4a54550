package dev.kurator.placement;

import java.util.List;
import java.util.Objects;

/**
 * One ordered failover group of {@code clusterAffinities}: the scheduler tries the terms in order and keeps the first
 * that fits; within a term, {@code overflowAffinities} are extra tiers filled in order once the primary is full.
 *
 * @param affinityName       unique name of the group
 * @param affinity           the group's primary clusters
 * @param overflowAffinities ordered overflow tiers, empty for none
 */
public record ClusterAffinityTerm(String affinityName, ClusterAffinity affinity,
    List<OverflowAffinity> overflowAffinities) {
  public ClusterAffinityTerm {
    Objects.requireNonNull(affinityName, "affinityName");
    Objects.requireNonNull(affinity, "affinity");
    overflowAffinities = overflowAffinities == null ? List.of() : List.copyOf(overflowAffinities);
  }

  /** A term without overflow tiers. */
  public static ClusterAffinityTerm of(String name, ClusterAffinity affinity) {
    return new ClusterAffinityTerm(name, affinity, List.of());
  }
}
