package dev.kurator.placement;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ResourceSummary;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;

/** Cluster snapshots for tests. */
final class TestClusters {

  private TestClusters() {}

  /** A ready cluster in {@code region} that serves Deployments and has room for {@code cpus} one-CPU replicas. */
  static ClusterSnapshot.Builder cluster(String name, String region, int cpus) {
    return ClusterSnapshot.builder(name).region(region).provider("aws").zones(java.util.List.of(region + "a"))
        .apiEnablements(Map.of("apps/v1", Set.of("Deployment")), true)
        .resourceSummary(new ResourceSummary(Map.of("cpu", new Quantity(String.valueOf(cpus)),
            "pods", new Quantity("110")), Map.of(), Map.of()));
  }

  static ClusterSnapshot of(String name, String region, int cpus) {
    return cluster(name, region, cpus).build();
  }

  /** A Deployment asking one CPU per replica. */
  static Workload deployment(String name, int replicas) {
    return Workload.deployment("default", name).uid("").replicas(replicas).requests(Map.of("cpu", "1")).build();
  }
}
