package dev.kurator.core;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a member cluster can still take, as Karmada's {@code Cluster.status.resourceSummary}: resource name (e.g.
 * {@code cpu}, {@code memory}, {@code pods}, {@code nvidia.com/gpu}) to quantity.
 *
 * @param allocatable          sum of the nodes' allocatable resources
 * @param allocating           requests of pods that are not yet bound to a node
 * @param allocated            requests of bound, non-terminal pods
 * @param allocatableModelings how many nodes fall into each grade of the cluster's {@link ResourceModel}s, ascending
 *                             by grade; empty when the cluster has no resource models
 */
public record ResourceSummary(
    Map<String, Quantity> allocatable,
    Map<String, Quantity> allocating,
    Map<String, Quantity> allocated,
    List<AllocatableModeling> allocatableModelings) {

  public ResourceSummary {
    allocatable = Map.copyOf(Objects.requireNonNull(allocatable, "allocatable"));
    allocating = Map.copyOf(Objects.requireNonNull(allocating, "allocating"));
    allocated = Map.copyOf(Objects.requireNonNull(allocated, "allocated"));
    allocatableModelings = List.copyOf(Objects.requireNonNull(allocatableModelings, "allocatableModelings"));
  }

  public ResourceSummary(Map<String, Quantity> allocatable, Map<String, Quantity> allocating,
      Map<String, Quantity> allocated) {
    this(allocatable, allocating, allocated, List.of());
  }

  /** Count of nodes in one resource-model grade, as Karmada's {@code AllocatableModeling}. */
  public record AllocatableModeling(int grade, int count) {}

  /**
   * One grade of a cluster's resource models, as Karmada's {@code Cluster.spec.resourceModels}: for each resource a
   * half-open range {@code [min, max)}.
   */
  public record ResourceModel(int grade, Map<String, Range> ranges) {
    public ResourceModel {
      ranges = Map.copyOf(Objects.requireNonNull(ranges, "ranges"));
    }
  }

  /** The {@code [min, max)} range of one resource in a {@link ResourceModel} grade. */
  public record Range(Quantity min, Quantity max) {
    public Range {
      Objects.requireNonNull(min, "min");
      Objects.requireNonNull(max, "max");
    }
  }
}
