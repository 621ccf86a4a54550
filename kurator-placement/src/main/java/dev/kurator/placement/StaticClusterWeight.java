package dev.kurator.placement;

import java.util.Objects;

/**
 * A static weight for the clusters matching {@code targetCluster}; a cluster matching several rules takes the
 * largest weight.
 *
 * @param targetCluster which clusters the weight applies to
 * @param weight        the weight, at least 1
 */
public record StaticClusterWeight(ClusterAffinity targetCluster, long weight) {
  public StaticClusterWeight {
    Objects.requireNonNull(targetCluster, "targetCluster");
  }
}
