package dev.kurator.placement.spi;

import java.util.Comparator;
import java.util.List;

/**
 * A feasible cluster after filtering, scoring and estimation, as Karmada's {@code ClusterDetailInfo}.
 *
 * @param name          cluster name
 * @param score         sum of score-plugin scores
 * @param allocatable   replicas the estimators say still fit ({@code AllocatableReplicas})
 * @param available     {@code allocatable} plus replicas the workload already has there ({@code AvailableReplicas})
 * @param overflowOrder 0 for the primary affinity, i+1 for overflow tier i, 1000 otherwise
 * @param provider      cluster provider, empty when unknown
 * @param region        cluster region, empty when unknown
 * @param zones         cluster zones
 */
public record ScoredCluster(String name, long score, long allocatable, long available, int overflowOrder,
    String provider, String region, List<String> zones) {

  /** Overflow order of a cluster outside every tier. */
  public static final int NO_TIER = 1000;

  public ScoredCluster {
    provider = provider == null ? "" : provider;
    region = region == null ? "" : region;
    zones = zones == null ? List.of() : zones;
  }

  /** Karmada's {@code sortClusters} total order: overflow tier, score desc, available desc, name. */
  public static final Comparator<ScoredCluster> ORDER = (a, b) -> {
    if (a.overflowOrder != b.overflowOrder) {
      return Integer.compare(a.overflowOrder, b.overflowOrder);
    }
    if (a.score != b.score) {
      return Long.compare(b.score, a.score);
    }
    if (a.available != b.available) {
      return Long.compare(b.available, a.available);
    }
    return a.name.compareTo(b.name);
  };
}
