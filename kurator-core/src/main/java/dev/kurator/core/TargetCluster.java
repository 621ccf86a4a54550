package dev.kurator.core;

import java.util.Objects;

/**
 * One cluster of an {@link Assignment} with its replica count, as Karmada's {@code TargetCluster}. For duplicated
 * workloads {@code replicas} is the workload's own count; for non-workloads it is 0.
 */
public record TargetCluster(String name, int replicas) {
  public TargetCluster {
    Objects.requireNonNull(name, "name");
    if (replicas < 0) {
      throw ValidationException.of("targetCluster[" + name + "].replicas", replicas, "must be >= 0");
    }
  }
}
