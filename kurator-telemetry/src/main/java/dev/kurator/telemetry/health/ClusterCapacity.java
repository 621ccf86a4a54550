package dev.kurator.telemetry.health;

import java.util.Objects;

/**
 * What one cluster can run and what it uses, at one instant. A value is NaN when the cluster exported no such
 * series.
 *
 * @param cluster           the member cluster
 * @param cpuAllocatable    allocatable CPU in cores (kube-state-metrics {@code kube_node_status_allocatable})
 * @param cpuUsed           CPU used by containers in cores ({@code rate(container_cpu_usage_seconds_total[5m])})
 * @param memoryAllocatable allocatable memory in bytes
 * @param memoryUsed        container working-set memory in bytes ({@code container_memory_working_set_bytes})
 */
public record ClusterCapacity(
    String cluster, double cpuAllocatable, double cpuUsed, double memoryAllocatable, double memoryUsed) {

  public ClusterCapacity {
    Objects.requireNonNull(cluster, "cluster");
  }

  /** CPU used / allocatable, 0..1 (NaN when unknown). */
  public double cpuUtilisation() {
    return cpuUsed / cpuAllocatable;
  }

  /** Memory used / allocatable, 0..1 (NaN when unknown). */
  public double memoryUtilisation() {
    return memoryUsed / memoryAllocatable;
  }

  /** Allocatable minus used CPU in cores. */
  public double cpuFree() {
    return cpuAllocatable - cpuUsed;
  }

  /** Allocatable minus used memory in bytes. */
  public double memoryFree() {
    return memoryAllocatable - memoryUsed;
  }
}
