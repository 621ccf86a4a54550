package dev.kurator.telemetry.health;

import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.Point;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cluster capacity and usage across the fleet from kube-state-metrics and cAdvisor series, for placement decisions
 * (e.g. a score by free CPU) and dashboards.
 */
public final class FleetCapacity {

  /** Which capacity or usage series. */
  public enum Measure {
    /** Allocatable CPU, cores. */
    CPU_ALLOCATABLE("sum(kube_node_status_allocatable{resource=\"cpu\"})"),
    /** Used CPU, cores. */
    CPU_USED("sum(rate(container_cpu_usage_seconds_total{container!=\"\"}[5m]))"),
    /** Allocatable memory, bytes. */
    MEMORY_ALLOCATABLE("sum(kube_node_status_allocatable{resource=\"memory\"})"),
    /** Used (working-set) memory, bytes. */
    MEMORY_USED("sum(container_memory_working_set_bytes{container!=\"\"})");

    private final String query;

    Measure(String query) {
      this.query = query;
    }

    /** The PromQL each cluster evaluates. */
    public String query() {
      return query;
    }
  }

  /**
   * Capacity of every cluster that answered, plus the fan-out warnings.
   *
   * @param clusters per cluster, in the order clusters answered
   * @param warnings partial-response warnings
   */
  public record Snapshot(List<ClusterCapacity> clusters, List<String> warnings) {
    public Snapshot {
      clusters = List.copyOf(clusters);
      warnings = List.copyOf(warnings);
    }
  }

  private final FleetQuerier querier;

  private FleetCapacity(FleetQuerier querier) {
    this.querier = Objects.requireNonNull(querier, "querier");
  }

  /** Capacity helpers over {@code querier}. */
  public static FleetCapacity of(FleetQuerier querier) {
    return new FleetCapacity(querier);
  }

  /** Capacity and usage of the selected clusters at {@code at}. */
  public Snapshot at(Instant at, ClusterSelector clusters) {
    Map<Measure, Map<String, Double>> values = new LinkedHashMap<>();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    List<String> warnings = new ArrayList<>();
    for (Measure m : Measure.values()) {
      QueryResult r = querier.query(m.query(), at, clusters);
      Map<String, Double> v = WorkloadHealth.perCluster(r, querier.clusterLabel());
      values.put(m, v);
      names.addAll(v.keySet());
      warnings.addAll(r.warnings());
    }
    List<ClusterCapacity> out = new ArrayList<>();
    for (String c : names) {
      out.add(new ClusterCapacity(c, values.get(Measure.CPU_ALLOCATABLE).getOrDefault(c, Double.NaN),
          values.get(Measure.CPU_USED).getOrDefault(c, Double.NaN),
          values.get(Measure.MEMORY_ALLOCATABLE).getOrDefault(c, Double.NaN),
          values.get(Measure.MEMORY_USED).getOrDefault(c, Double.NaN)));
    }
    return new Snapshot(out, List.copyOf(new LinkedHashSet<>(warnings)));
  }

  /** {@link #at(Instant, ClusterSelector)} over every cluster. */
  public Snapshot at(Instant at) {
    return at(at, ClusterSelector.all());
  }

  /**
   * One measure over time, per cluster ({@code /api/v1/query_range}).
   *
   * @return cluster name to its points, ascending
   */
  public Map<String, List<Point>> series(
      Measure measure, Instant start, Instant end, Duration step, ClusterSelector clusters) {
    QueryResult r = querier.queryRange(measure.query(), start, end, step, clusters);
    Map<String, List<Point>> out = new LinkedHashMap<>();
    for (Series s : r.matrix()) {
      out.put(s.metric().get(querier.clusterLabel()).orElse(""), s.points());
    }
    return out;
  }
}
