package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ResourceSummary;
import dev.kurator.placement.internal.Quantities;
import dev.kurator.placement.internal.SnapshotCache;
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
    ResourceSummary summary = cluster.resourceSummary();
    Map<String, Quantity> requests = context.workload().requests();
    if (summary == null) {
      return 0;
    }
    if (resourceModeling && !summary.allocatableModelings().isEmpty()) {
      return maxAvailableReplicas(summary, cluster.resourceModels(), requests, List.of(), false, true);
    }
    Free free = free(summary);
    if (free.allowedPods <= 0) {
      return 0;
    }
    if (requests == null) {
      return free.allowedPods;
    }
    long max = free.allowedPods;
    Units req = requestUnits(requests);
    for (int i = 0; i < req.names.length; i++) {
      long[] f = free.resources.get(req.names[i]);
      if (f == null || f[0] <= 0) {
        return 0;
      }
      max = Math.min(max, f[1] / req.units[i]);
    }
    return max;
  }

  @Override
  public void maxReplicas(PluginContext context, List<ClusterSnapshot> clusters, int[] which, long[] out) {
    Columns cols = columns.getIfImmutable(clusters);
    if (cols == null) {
      ReplicaEstimator.super.maxReplicas(context, clusters, which, out);
      return;
    }
    Map<String, Quantity> requests = context.workload().requests();
    Units req = requests == null ? null : requestUnits(requests);
    long[][] value = new long[req == null ? 0 : req.names.length][];
    long[][] units = new long[value.length][];
    for (int r = 0; r < value.length; r++) {
      long[][] col = cols.resources.get(req.names[r]);
      value[r] = col == null ? null : col[0];
      units[r] = col == null ? null : col[1];
    }
    for (int k = 0; k < which.length; k++) {
      int i = which[k];
      if (cols.slow[i]) {
        out[k] = maxReplicas(context, clusters.get(i));
        continue;
      }
      long max = cols.allowedPods[i];
      if (max <= 0 || req == null) {
        out[k] = Math.max(max, 0);
        continue;
      }
      for (int r = 0; r < value.length && max > 0; r++) {
        if (value[r] == null || value[r][i] <= 0) {
          max = 0;
        } else {
          max = Math.min(max, units[r][i] / req.units[r]);
        }
      }
      out[k] = max;
    }
  }

  /**
   * Free resources of a whole immutable snapshot as columns: allowed pods per cluster, and per resource name the
   * whole units ({@code [0]}) and comparison units ({@code [1]}) free per cluster ({@code 0} where a cluster lacks
   * the resource). {@code slow} marks clusters that need the per-cluster path (resource models).
   */
  private record Columns(long[] allowedPods, Map<String, long[][]> resources, boolean[] slow) {}

  private final SnapshotCache<Columns> columns = new SnapshotCache<>(this::columns);

  private Columns columns(List<ClusterSnapshot> clusters) {
    int n = clusters.size();
    long[] pods = new long[n];
    boolean[] slow = new boolean[n];
    Map<String, long[][]> res = new HashMap<>();
    for (int i = 0; i < n; i++) {
      ResourceSummary s = clusters.get(i).resourceSummary();
      if (s == null) {
        continue;
      }
      if (resourceModeling && !s.allocatableModelings().isEmpty()) {
        slow[i] = true;
        continue;
      }
      Free f = free(s);
      pods[i] = f.allowedPods;
      int idx = i;
      f.resources.forEach((name, v) -> {
        long[][] col = res.computeIfAbsent(name, k -> new long[2][n]);
        col[0][idx] = v[0];
        col[1][idx] = v[1];
      });
    }
    return new Columns(pods, res, slow);
  }

  /** Free resources of one summary: allowed pods and, per resource, {whole units, comparison units}. */
  private record Free(long allowedPods, Map<String, long[]> resources) {}

  /** Identity key: summaries are immutable values, so the derived numbers can be kept per instance. */
  private record Identity(Object ref) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity other && other.ref == ref;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ref);
    }
  }

  private static final int CACHE_LIMIT = 50_000;
  private final Map<Identity, Free> freeCache = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<Identity, Units> requestCache = new java.util.concurrent.ConcurrentHashMap<>();

  /** Per-replica requests in comparison units, requests of zero left out. */
  private record Units(String[] names, long[] units) {}

  private Free free(ResourceSummary summary) {
    Identity key = new Identity(summary);
    Free f = freeCache.get(key);
    if (f == null) {
      Map<String, BigDecimal> allocating = new HashMap<>();
      summary.allocating().forEach((k, v) -> allocating.put(k, Quantities.amount(v)));
      Map<String, long[]> res = new HashMap<>();
      summary.allocatable().forEach((k, v) -> {
        BigDecimal avail = Quantities.amount(v).subtract(Quantities.amount(summary.allocated().get(k)))
            .subtract(allocating.getOrDefault(k, BigDecimal.ZERO));
        res.put(k, new long[] {Quantities.value(avail), Quantities.units(k, avail)});
      });
      f = new Free(allowedPods(summary, allocating), res);
      if (freeCache.size() > CACHE_LIMIT) {
        freeCache.clear();
      }
      freeCache.put(key, f);
    }
    return f;
  }

  private Units requestUnits(Map<String, Quantity> requests) {
    Identity key = new Identity(requests);
    Units units = requestCache.get(key);
    if (units == null) {
      List<String> names = new ArrayList<>();
      List<Long> values = new ArrayList<>();
      for (Map.Entry<String, Quantity> e : requests.entrySet()) {
        BigDecimal req = Quantities.amount(e.getValue());
        if (Quantities.value(req) > 0) {
          names.add(e.getKey());
          values.add(Quantities.units(e.getKey(), req));
        }
      }
      units = new Units(names.toArray(new String[0]), values.stream().mapToLong(Long::longValue).toArray());
      if (requestCache.size() > CACHE_LIMIT) {
        requestCache.clear();
      }
      requestCache.put(key, units);
    }
    return units;
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
