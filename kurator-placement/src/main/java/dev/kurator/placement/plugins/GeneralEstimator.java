package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ResourceSummary;
import dev.kurator.placement.internal.Quantities;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ReplicaEstimator;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Karmada's {@code general-estimator}: replicas that fit in a cluster's resource summary, or (with resource models)
 * on a first-fit simulation of model nodes. Always registered by {@code Scheduler.withDefaults()}.
 *
 * <p>Summary path: {@code min(allocatable.pods - allocated.pods - allocating.pods,
 * min over requested resources r of (allocatable_r - allocated_r - allocating_r) / request_r)}, CPU in milli-units,
 * other resources in whole units; a missing summary gives 0.
 */
public final class GeneralEstimator implements ReplicaEstimator {

  /** Plugin name. */
  public static final String NAME = "general-estimator";
  private static final long MODEL_NODE_PODS = 110;

  /** Demand already promised to a cluster but not yet in its summary (Karmada's assumed workloads). */
  public record Assumed(int replicas, Map<String, Quantity> requests) {}

  private final boolean resourceModeling;

  /** The estimator with Karmada's default gates (resource modelling on). */
  public GeneralEstimator() {
    this(true);
  }

  /** @param resourceModeling whether the resource-model path is used (gate {@code CustomizedClusterResourceModeling}) */
  public GeneralEstimator(boolean resourceModeling) {
    this.resourceModeling = resourceModeling;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long maxReplicas(PluginContext context, ClusterSnapshot cluster) {
    return maxAvailableReplicas(cluster.resourceSummary(), cluster.resourceModels(), context.workload().requests(),
        List.of(), false, resourceModeling);
  }

  /**
   * Karmada's {@code maxAvailableReplicas} for one cluster.
   *
   * @param summary              resource summary, null gives 0
   * @param models               resource models (for the model path)
   * @param requests             per-replica requests, null when the workload has none
   * @param assumed              in-flight demand
   * @param overcommitProtection add assumed demand to {@code allocating} (gate {@code SchedulingOvercommitProtection})
   * @param modeling             use resource models when the summary has modelings
   */
  public static long maxAvailableReplicas(ResourceSummary summary, List<ResourceSummary.ResourceModel> models,
      Map<String, Quantity> requests, List<Assumed> assumed, boolean overcommitProtection, boolean modeling) {
    if (summary == null) {
      return 0;
    }
    Map<String, BigDecimal> allocating = new HashMap<>();
    summary.allocating().forEach((k, v) -> allocating.put(k, Quantities.amount(v)));
    if (overcommitProtection) {
      for (Assumed a : assumed) {
        allocating.merge("pods", BigDecimal.valueOf(a.replicas()), BigDecimal::add);
        a.requests().forEach((k, v) -> allocating.merge(k,
            Quantities.amount(v).multiply(BigDecimal.valueOf(a.replicas())), BigDecimal::add));
      }
    }
    long allowedPods = allowedPods(summary, allocating);
    if (allowedPods <= 0) {
      return 0;
    }
    if (requests == null) {
      return allowedPods;
    }
    if (modeling && !summary.allocatableModelings().isEmpty()) {
      long byModels = byResourceModels(models, summary.allocatableModelings(), requests, assumed);
      if (byModels >= 0) {
        return Math.min(allowedPods, byModels);
      }
    }
    return Math.min(allowedPods, bySummary(summary, allocating, requests));
  }

  /** Karmada's {@code getAllowedPodNumber}: pods left, never negative. */
  public static long allowedPods(ResourceSummary summary, Map<String, BigDecimal> allocating) {
    BigDecimal left = Quantities.amount(summary.allocatable().get("pods"))
        .subtract(Quantities.amount(summary.allocated().get("pods")))
        .subtract(allocating.getOrDefault("pods", BigDecimal.ZERO));
    long v = Quantities.value(left);
    return Math.max(v, 0);
  }

  /** Replicas that fit in the summary by resources alone (pods not counted). */
  public static long bySummary(ResourceSummary summary, Map<String, BigDecimal> allocating,
      Map<String, Quantity> requests) {
    long max = Long.MAX_VALUE;
    for (Map.Entry<String, Quantity> e : requests.entrySet()) {
      BigDecimal req = Quantities.amount(e.getValue());
      if (Quantities.value(req) <= 0) {
        continue;
      }
      Quantity alloc = summary.allocatable().get(e.getKey());
      if (alloc == null) {
        return 0;
      }
      BigDecimal avail = Quantities.amount(alloc).subtract(Quantities.amount(summary.allocated().get(e.getKey())))
          .subtract(allocating.getOrDefault(e.getKey(), BigDecimal.ZERO));
      if (Quantities.value(avail) <= 0) {
        return 0;
      }
      long n = Quantities.units(e.getKey(), avail) / Quantities.units(e.getKey(), req);
      max = Math.min(max, n);
    }
    return max;
  }

  /**
   * Karmada's {@code getMaximumReplicasBasedOnResourceModels}: first-fit over virtual nodes of each grade (capacity
   * = each range's minimum, 110 pods), after placing the assumed demand; -1 when there are no models.
   */
  public static long byResourceModels(List<ResourceSummary.ResourceModel> models,
      List<ResourceSummary.AllocatableModeling> modelings, Map<String, Quantity> requests, List<Assumed> assumed) {
    if (models.isEmpty() || modelings.isEmpty()) {
      return -1;
    }
    Map<Integer, ResourceSummary.ResourceModel> byGrade = new HashMap<>();
    for (ResourceSummary.ResourceModel m : models) {
      byGrade.put(m.grade(), m);
    }
    List<ResourceSummary.AllocatableModeling> sorted = new ArrayList<>(modelings);
    sorted.sort(Comparator.comparingInt(ResourceSummary.AllocatableModeling::grade));
    List<Map<String, Long>> nodes = new ArrayList<>();
    for (ResourceSummary.AllocatableModeling am : sorted) {
      ResourceSummary.ResourceModel m = byGrade.get(am.grade());
      if (m == null) {
        continue;
      }
      for (int i = 0; i < am.count(); i++) {
        Map<String, Long> cap = new HashMap<>();
        m.ranges().forEach((res, range) -> cap.put(res, Quantities.units(res, Quantities.amount(range.min()))));
        cap.put("pods", MODEL_NODE_PODS);
        nodes.add(cap);
      }
    }
    for (Assumed a : assumed) {
      Map<String, Long> unit = units(a.requests());
      for (int r = 0; r < a.replicas(); r++) {
        placeFirstFit(nodes, unit);
      }
    }
    Map<String, Long> unit = units(requests);
    long count = 0;
    while (placeFirstFit(nodes, unit)) {
      count++;
    }
    return count;
  }

  private static Map<String, Long> units(Map<String, Quantity> requests) {
    Map<String, Long> unit = new HashMap<>();
    requests.forEach((k, v) -> unit.put(k, Quantities.units(k, Quantities.amount(v))));
    unit.merge("pods", 1L, Long::sum);
    return unit;
  }

  private static boolean placeFirstFit(List<Map<String, Long>> nodes, Map<String, Long> unit) {
    for (Map<String, Long> node : nodes) {
      boolean fits = true;
      for (Map.Entry<String, Long> e : unit.entrySet()) {
        if (e.getValue() > 0 && node.getOrDefault(e.getKey(), 0L) < e.getValue()) {
          fits = false;
          break;
        }
      }
      if (fits) {
        unit.forEach((k, v) -> node.merge(k, -v, Long::sum));
        return true;
      }
    }
    return false;
  }
}
