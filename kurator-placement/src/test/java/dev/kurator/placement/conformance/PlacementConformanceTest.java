package dev.kurator.placement.conformance;

import static dev.kurator.placement.conformance.VectorModel.candidates;
import static dev.kurator.placement.conformance.VectorModel.num;
import static dev.kurator.placement.conformance.VectorModel.present;
import static dev.kurator.placement.conformance.VectorModel.strings;
import static dev.kurator.placement.conformance.VectorModel.targets;
import static dev.kurator.placement.conformance.VectorModel.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ResourceSummary;
import dev.kurator.core.TargetCluster;
import dev.kurator.placement.BindingState;
import dev.kurator.placement.ClusterAffinityTerm;
import dev.kurator.placement.Descheduler;
import dev.kurator.placement.DivisionKind;
import dev.kurator.placement.GracefulEviction;
import dev.kurator.placement.LabelSelector;
import dev.kurator.placement.Placement;
import dev.kurator.placement.PropagationPolicies;
import dev.kurator.placement.PropagationPolicy;
import dev.kurator.placement.ReplicaScheduling;
import dev.kurator.placement.Rescheduling;
import dev.kurator.placement.ResourceSelector;
import dev.kurator.placement.SchedulingException;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.Workload;
import dev.kurator.placement.internal.ClusterMatcher;
import dev.kurator.placement.internal.Dispenser;
import dev.kurator.placement.internal.ReplicaAssigner;
import dev.kurator.placement.internal.SpreadSelector;
import dev.kurator.placement.internal.Webster;
import dev.kurator.placement.plugins.ApiEnablementFilter;
import dev.kurator.placement.plugins.ClusterAffinityFilter;
import dev.kurator.placement.plugins.ClusterEvictionFilter;
import dev.kurator.placement.plugins.ClusterLocalityScore;
import dev.kurator.placement.plugins.GeneralEstimator;
import dev.kurator.placement.plugins.SpreadConstraintFilter;
import dev.kurator.placement.plugins.TaintTolerationFilter;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScoredCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import dev.kurator.testing.conformance.TestResources;
import org.junit.jupiter.api.Test;

/**
 * Runs Karmada's placement vectors ({@code conformance/placement/vectors.json} and every {@code *.json} in the
 * directory named by {@code kurator.conformance.placement.dir}) against the engine's algorithms.
 */
class PlacementConformanceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** A vector the engine declines, with the reason. */
  static final class Unsupported extends RuntimeException {
    Unsupported(String reason) {
      super(reason);
    }
  }

  @Test
  void allVectorsPass() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(TestResources.file(PlacementConformanceTest.class, "/conformance/placement/vectors.json"));
    String extra = System.getProperty("kurator.conformance.placement.dir");
    if (extra != null && !extra.isBlank()) {
      try (Stream<Path> s = Files.list(Path.of(extra))) {
        s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
      }
    }
    int passed = 0;
    List<String> failures = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (Path f : files) {
      JsonNode root = JSON.readTree(f.toFile());
      JsonNode vectors = root.isArray() ? root : root.get("vectors");
      for (JsonNode v : vectors) {
        String id = text(v, "id", "?");
        try {
          String diff = run(v);
          if (diff == null) {
            passed++;
          } else {
            failures.add(id + ": " + diff);
          }
        } catch (Unsupported u) {
          unsupported.add(id + ": " + u.getMessage());
        } catch (RuntimeException e) {
          failures.add(id + ": threw " + e);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("placement conformance: ").append(passed).append(" passed, ").append(failures.size())
        .append(" failed, ").append(unsupported.size()).append(" unsupported\n");
    failures.forEach(l -> out.append(l).append('\n'));
    unsupported.forEach(l -> out.append("unsupported ").append(l).append('\n'));
    System.out.print(out);
    assertThat(files).as("vector files").isNotEmpty();
    assertThat(failures).as("failed vectors").isEmpty();
  }

  /** Runs one vector; returns null when it passes, else the first difference. */
  static String run(JsonNode v) {
    String algorithm = text(v, "algorithm", "");
    JsonNode in = v.get("input");
    JsonNode exp = v.get("expected");
    boolean wantError = exp.path("error").asBoolean(false);
    Object actual;
    try {
      actual = compute(algorithm, in);
    } catch (SchedulingException e) {
      if (!wantError) {
        return "unexpected error " + e.getMessage();
      }
      return checkError(e, exp);
    }
    if (wantError) {
      if (actual instanceof Long l && l == -1 && exp.has("max_replicas")) {
        return null;
      }
      return "expected an error, got " + actual;
    }
    return compare(actual, exp);
  }

  private static String checkError(SchedulingException e, JsonNode exp) {
    String contains = text(exp, "error_contains", null);
    if (contains != null && !e.getMessage().contains(contains)) {
      return "error \"" + e.getMessage() + "\" does not contain \"" + contains + "\"";
    }
    String type = text(exp, "error_type", null);
    if (type != null) {
      SchedulingException.Reason want = switch (type) {
        case "UnschedulableError" -> SchedulingException.Reason.UNSCHEDULABLE;
        case "FitError" -> SchedulingException.Reason.NO_CLUSTER_FIT;
        default -> null;
      };
      if (want != null && want != e.reason()) {
        return "error type " + e.reason() + ", expected " + type;
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static String compare(Object actual, JsonNode exp) {
    if (exp.has("assignment")) {
      List<TargetCluster> got = (List<TargetCluster>) actual;
      Map<String, Integer> want = new TreeMap<>();
      exp.get("assignment").fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().asInt()));
      Map<String, Integer> have = new TreeMap<>();
      for (TargetCluster t : got) {
        if (have.put(t.name(), t.replicas()) != null) {
          return "duplicate cluster " + t.name() + " in " + got;
        }
      }
      if (!want.equals(have)) {
        return "assignment " + have + ", expected " + want;
      }
      if (present(exp.get("order"))) {
        List<String> order = strings(exp.get("order"));
        List<String> names = got.stream().map(TargetCluster::name).toList();
        if (!order.equals(names)) {
          return "order " + names + ", expected " + order;
        }
      }
      return null;
    }
    if (exp.has("target_clusters")) {
      List<Map<String, Object>> want = new ArrayList<>();
      for (JsonNode t : exp.get("target_clusters")) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", text(t, "cluster", ""));
        m.put("replicas", (int) num(t, "replicas", 0));
        m.put("components", present(t.get("components")) ? t.get("components").toString() : null);
        want.add(m);
      }
      return Objects.equals(actual, want) ? null : "target clusters " + actual + ", expected " + want;
    }
    if (exp.has("parties")) {
      List<Webster.Party> got = (List<Webster.Party>) actual;
      if (exp.get("parties").isNull()) {
        return got == null ? null : "parties " + got + ", expected null";
      }
      if (got == null) {
        return "parties null, expected " + exp.get("parties");
      }
      List<String> want = new ArrayList<>();
      exp.get("parties").forEach(p -> want.add(text(p, "name", "") + "(" + num(p, "votes", 0) + "):"
          + num(p, "seats", 0)));
      List<String> have = got.stream().map(Webster.Party::toString).toList();
      return want.equals(have) ? null : "parties " + have + ", expected " + want;
    }
    if (exp.has("selected") && !exp.has("order_significant") && exp.get("selected").isTextual()) {
      return null;
    }
    if (exp.has("selected")) {
      List<String> got = (List<String>) actual;
      if (exp.get("selected").isNull()) {
        return got == null ? null : "selected " + got + ", expected null";
      }
      if (got == null) {
        return "selected null, expected " + exp.get("selected");
      }
      List<String> want = strings(exp.get("selected"));
      boolean ordered = exp.path("order_significant").asBoolean(true);
      boolean same = ordered ? want.equals(got) : new HashSet<>(want).equals(new HashSet<>(got))
          && want.size() == got.size();
      return same ? null : "selected " + got + ", expected " + want;
    }
    if (exp.has("selected_policy")) {
      String want = exp.get("selected_policy").isNull() ? null : exp.get("selected_policy").asText();
      return Objects.equals(want, actual) ? null : "selected policy " + actual + ", expected " + want;
    }
    if (exp.has("sorted_clusters")) {
      Map<String, Object> got = (Map<String, Object>) actual;
      Map<String, Object> want = new LinkedHashMap<>();
      exp.fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().isArray()
          ? strings(e.getValue()) : e.getValue().asLong()));
      for (Map.Entry<String, Object> e : want.entrySet()) {
        if (!Objects.equals(e.getValue(), got.get(e.getKey()))) {
          return e.getKey() + " " + got.get(e.getKey()) + ", expected " + e.getValue();
        }
      }
      return null;
    }
    if (exp.has("code")) {
      FilterResult r = (FilterResult) actual;
      String code = r.isSuccess() ? "Success" : r.code() == FilterResult.Code.ERROR ? "Error" : "Unschedulable";
      if (!code.equals(text(exp, "code", ""))) {
        return "code " + code + " (" + r.reason() + "), expected " + text(exp, "code", "");
      }
      String contains = text(exp, "reason_contains", null);
      return contains == null || r.reason().contains(contains) ? null
          : "reason \"" + r.reason() + "\" does not contain \"" + contains + "\"";
    }
    for (String key : List.of("matches", "changed", "task_kept", "group1_score_ge_group2")) {
      if (exp.has(key)) {
        boolean want = exp.get(key).asBoolean();
        return Objects.equals(want, actual) ? null : key + " " + actual + ", expected " + want;
      }
    }
    for (String key : List.of("score", "max_replicas", "value", "retry_after_minutes")) {
      if (exp.has(key)) {
        long want = exp.get(key).asLong();
        return Objects.equals(want, actual) ? null : key + " " + actual + ", expected " + want;
      }
    }
    throw new Unsupported("unknown expected shape " + exp);
  }

  private static Object compute(String algorithm, JsonNode in) {
    String uid = text(in, "uid", "");
    switch (algorithm) {
      case "webster.allocate_seats": {
        Map<String, Long> votes = longMap(in.get("party_votes"));
        Map<String, Long> init = present(in.get("initial_assignments")) ? longMap(in.get("initial_assignments")) : null;
        String tb = text(in, "tie_breaker", "default");
        Webster.TieBreaker tie = switch (tb) {
          case "default" -> null;
          case "custom:a.name<b.name" -> (a, b) -> a.name().compareTo(b.name());
          case "custom:a.name>b.name" -> (a, b) -> b.name().compareTo(a.name());
          default -> throw new Unsupported("tie breaker " + tb);
        };
        return Webster.allocate(num(in, "new_seats", 0), votes, init, tie);
      }
      case "dispenser.allocate_by_weight":
        return Dispenser.allocateByWeight((int) num(in, "num_replicas", 0),
            present(in.get("initial_assignment")) ? targets(in.get("initial_assignment")) : null,
            longMap(in.get("weights")), uid);
      case "dispenser.spread_by_target_clusters":
        return Dispenser.spreadByTargetClusters((int) num(in, "num_replicas", 0), targets(in.get("target_clusters")),
            present(in.get("initial_assignment")) ? targets(in.get("initial_assignment")) : null, uid);
      case "assign.static_weight":
        return ReplicaAssigner.staticWeight(candidates(in.get("candidates")), (int) num(in, "replicas", 0),
            VectorModel.replicaScheduling(wrapWeights(in.get("weight_preference"))).weightPreference(), uid,
            PlacementConformanceTest::nameMatches);
      case "assign.dynamic_divide": {
        List<ReplicaAssigner.Cap> caps = new ArrayList<>();
        for (TargetCluster t : targets(in.get("available_clusters"))) {
          caps.add(new ReplicaAssigner.Cap(t.name(), t.replicas()));
        }
        List<TargetCluster> scheduled = targets(in.get("scheduled_clusters"));
        return ReplicaAssigner.divideDynamic(caps, (int) num(in, "target_replicas", 0), scheduled, scheduled,
            "Aggregated".equals(text(in, "strategy", "")), uid);
      }
      case "assign.dynamic": {
        ReplicaScheduling rs = VectorModel.replicaScheduling(in.get("replica_scheduling"));
        DivisionKind kind = rs.kind();
        return ReplicaAssigner.dynamic(candidates(in.get("candidates")), (int) num(in, "replicas", 0),
            targets(in.get("previous_assignment")), kind == DivisionKind.AGGREGATED,
            "Fresh".equals(text(in, "assignment_mode", "Steady")), uid);
      }
      case "assign.dynamic_scale_up": {
        ReplicaScheduling rs = VectorModel.replicaScheduling(in.get("replica_scheduling"));
        List<ScoredCluster> cands = candidates(in.get("candidates"));
        Set<String> names = new HashSet<>();
        cands.forEach(c -> names.add(c.name()));
        List<TargetCluster> scheduled = new ArrayList<>();
        int assigned = 0;
        for (TargetCluster t : targets(in.get("previous_assignment"))) {
          if (names.contains(t.name())) {
            scheduled.add(t);
            assigned += t.replicas();
          }
        }
        return ReplicaAssigner.scaleUp(cands, (int) num(in, "replicas", 0), scheduled, assigned,
            rs.kind() == DivisionKind.AGGREGATED, uid);
      }
      case "assign.duplicated":
        return ReplicaAssigner.duplicated(candidates(in.get("candidates")), (int) num(in, "replicas", 0));
      case "assign.replicas":
        return assignReplicas(in, uid);
      case "assign.attach_zero_replicas_clusters":
        return ReplicaAssigner.attachZeroReplicaClusters(strings(in.get("selected_clusters")),
            targets(in.get("target_clusters")));
      case "select.best_clusters": {
        Placement placement = VectorModel.placement(in.get("placement"));
        int need = (int) num(in, "need_replicas", 0);
        SpreadSelector.Grouped g = SpreadSelector.groupSorted(candidates(in.get("clusters")), placement, need);
        return names(SpreadSelector.selectBest(placement, g, need));
      }
      case "select.by_region": {
        JsonNode sc = in.get("spread_constraints");
        List<SpreadSelector.Group> regions = new ArrayList<>();
        for (JsonNode r : in.get("regions")) {
          List<ScoredCluster> cl = candidates(r.get("clusters"));
          long avail = cl.stream().mapToLong(ScoredCluster::available).sum();
          regions.add(new SpreadSelector.Group(text(r, "name", ""), num(r, "score", 0), avail, cl));
        }
        return names(SpreadSelector.selectByRegion(regions, constraint(SpreadField.REGION, sc.get("region")),
            constraint(SpreadField.CLUSTER, sc.get("cluster"))));
      }
      case "select.groups": {
        List<SpreadSelector.GroupInfo> groups = new ArrayList<>();
        for (JsonNode g : in.get("groups")) {
          groups.add(new SpreadSelector.GroupInfo(text(g, "name", ""), num(g, "value", 0), num(g, "weight", 0)));
        }
        List<SpreadSelector.GroupInfo> got = SpreadSelector.selectGroups(groups, (int) num(in, "min_groups", 0),
            (int) num(in, "max_groups", 0), num(in, "target", 0));
        return got == null ? null : got.stream().map(SpreadSelector.GroupInfo::name).toList();
      }
      case "select.clusters": {
        Placement placement = VectorModel.placement(in.get("placement"));
        String observed = text(in.path("status"), "scheduler_observed_affinity_name", "");
        int replicas = (int) num(in, "replicas", 0);
        List<ScoredCluster> cands = new ArrayList<>();
        for (JsonNode c : in.get("cluster_scores")) {
          ClusterSnapshot snap = VectorModel.cluster(c);
          long alloc = replicas == 0 ? Integer.MAX_VALUE : num(c, "allocatable_replicas", replicas);
          cands.add(new ScoredCluster(snap.name(), num(c, "score", 0), alloc, alloc,
              ReplicaAssigner.overflowOrder(snap, placement, observed), snap.provider(), snap.region(),
              snap.zones()));
        }
        return names(SpreadSelector.selectBest(placement, SpreadSelector.group(cands, placement, replicas), replicas));
      }
      case "group.clusters_with_score": {
        Placement placement = VectorModel.placement(in.get("placement"));
        long alloc = num(in, "allocatable_replicas_per_cluster", 0);
        List<ScoredCluster> cands = new ArrayList<>();
        for (JsonNode c : in.get("cluster_scores")) {
          ScoredCluster base = VectorModel.candidate(c);
          cands.add(new ScoredCluster(base.name(), base.score(), alloc, alloc, 0, base.provider(), base.region(),
              base.zones()));
        }
        SpreadSelector.Grouped g = SpreadSelector.group(cands, placement, (int) num(in, "replicas", 0));
        Map<String, Object> out = new HashMap<>();
        out.put("sorted_clusters", names(g.clusters()));
        out.put("zone_count", (long) g.zones().size());
        out.put("region_count", (long) g.regions().size());
        out.put("provider_count", (long) g.providers().size());
        return out;
      }
      case "group.score_compare": {
        Placement placement = Placement.empty().toBuilder()
            .replicaScheduling(VectorModel.replicaScheduling(in.get("replica_scheduling"))).buildUnchecked();
        int replicas = (int) num(in, "replicas", 0);
        int min = (int) num(in, "min_groups", 0);
        long s1 = SpreadSelector.groupScore(candidates(in.get("group1")), placement, replicas, min, 0);
        long s2 = SpreadSelector.groupScore(candidates(in.get("group2")), placement, replicas, min, 0);
        return s1 >= s2;
      }
      case "group.score_duplicate":
        return SpreadSelector.groupScoreDuplicated(candidates(in.get("clusters")), num(in, "replicas", 0));
      case "sort.clusters": {
        List<ScoredCluster> cands = new ArrayList<>(candidates(in.get("clusters")));
        cands.sort(ScoredCluster.ORDER);
        return names(cands);
      }
      case "filter.cluster_affinity_matches":
        return ClusterMatcher.matches(VectorModel.cluster(in.get("cluster")), VectorModel.affinity(in.get("affinity")));
      case "filter.match_zones":
        return ClusterMatcher.matchZones(VectorModel.requirement(in.get("requirement")), strings(in.get("zones")));
      case "plugin.api_enablement.filter":
        return filter(new ApiEnablementFilter(), in);
      case "plugin.cluster_affinity.filter":
        return filter(new ClusterAffinityFilter(), in);
      case "plugin.cluster_eviction.filter":
        return filter(new ClusterEvictionFilter(), in);
      case "plugin.spread_constraint.filter":
        return filter(new SpreadConstraintFilter(), in);
      case "plugin.taint_toleration.filter":
        return filter(new TaintTolerationFilter(), in);
      case "plugin.cluster_locality.score":
        return new ClusterLocalityScore().score(pluginContext(in), VectorModel.cluster(in.get("cluster")));
      case "estimator.general.allowed_pod_number": {
        ResourceSummary s = summary(in.get("resource_summary"));
        return s == null ? 0L : GeneralEstimator.allowedPods(s, allocating(s));
      }
      case "estimator.general.cluster_summary": {
        ResourceSummary s = summary(in.get("resource_summary"));
        return GeneralEstimator.bySummary(s, allocating(s), requests(in.get("replica_requirements")));
      }
      case "estimator.general.max_available_replicas": {
        Map<String, Boolean> gates = VectorModel.gates(in);
        return GeneralEstimator.maxAvailableReplicas(summary(in.get("resource_summary")),
            models(in.get("resource_models")), requests(in.get("replica_requirements")),
            assumed(in.get("assumed_workloads")), gates.get("SchedulingOvercommitProtection"),
            gates.get("CustomizedClusterResourceModeling"));
      }
      case "estimator.general.resource_models": {
        List<ResourceSummary.AllocatableModeling> modelings = new ArrayList<>();
        if (present(in.get("allocatable_modelings"))) {
          in.get("allocatable_modelings").forEach(m -> modelings.add(
              new ResourceSummary.AllocatableModeling((int) num(m, "grade", 0), (int) num(m, "count", 0))));
        }
        return GeneralEstimator.byResourceModels(models(in.get("resource_models")), modelings,
            requests(in.get("replica_requirements")), assumed(in.get("assumed_workloads")));
      }
      case "descheduler.update_schedule_result": {
        List<Descheduler.ClusterReplicas> cl = new ArrayList<>();
        for (JsonNode c : in.get("clusters")) {
          cl.add(new Descheduler.ClusterReplicas(text(c, "cluster", ""), (int) num(c, "spec_replicas", 0),
              present(c.get("ready_replicas")) ? c.get("ready_replicas").asInt() : null,
              (int) num(c, "unschedulable_replicas", 0)));
        }
        return Descheduler.adjust(cl);
      }
      case "policy.select_propagation_policy":
        return selectPolicy(in);
      case "reschedule.is_binding_replicas_changed":
        return Rescheduling.replicasChanged(VectorModel.replicaScheduling(in.get("replica_scheduling")),
            (int) num(in, "replicas", 0), targets(in.get("clusters")));
      case "eviction.assess_single_task": {
        JsonNode o = in.path("options");
        Map<String, String> health = VectorModel.stringMap(o.get("observed_health"));
        GracefulEviction.Options opts = new GracefulEviction.Options(
            Duration.ofMinutes(num(o, "timeout_minutes", GracefulEviction.DEFAULT_TIMEOUT.toMinutes())),
            o.path("has_scheduled").asBoolean(false), strings(o.get("schedule_result")), health);
        return GracefulEviction.keep(task(in.get("task")), opts, NOW);
      }
      case "eviction.next_retry": {
        List<GracefulEviction.Task> tasks = new ArrayList<>();
        in.get("tasks").forEach(t -> tasks.add(task(t)));
        return GracefulEviction.nextRetry(tasks, Duration.ofMinutes(num(in, "timeout_minutes", 10)), NOW).toMinutes();
      }
      default:
        throw new Unsupported("algorithm " + algorithm);
    }
  }

  private static Object assignReplicas(JsonNode in, String uid) {
    Placement placement = VectorModel.placement(in.get("placement"));
    int replicas = (int) num(in, "replicas", 0);
    boolean reqs = in.path("replica_requirements_present").asBoolean(false);
    JsonNode components = in.get("components");
    int componentCount = present(components) ? components.size() : 0;
    boolean workload = (replicas > 0 || reqs) && componentCount <= 1;
    String observed = text(in.path("status"), "scheduler_observed_affinity_name", "");
    List<ScoredCluster> cands = candidates(in.get("candidates"));
    List<TargetCluster> result = ReplicaAssigner.assign(cands, new ReplicaAssigner.Request(replicas, workload,
        placement, targets(in.get("previous_assignment")), observed, false, uid,
        PlacementConformanceTest::nameMatches, Map.of()));
    if (workload || componentCount == 0) {
      return result;
    }
    SpreadConstraint cluster = placement.spreadConstraint(SpreadField.CLUSTER);
    boolean withComponents = VectorModel.gates(in).get("MultiplePodTemplatesScheduling") && cluster != null
        && cluster.minGroups() == 1 && cluster.maxGroups() == 1;
    List<Map<String, Object>> out = new ArrayList<>();
    for (TargetCluster t : result) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cluster", t.name());
      m.put("replicas", t.replicas());
      m.put("components", withComponents ? components.toString() : null);
      out.add(m);
    }
    return out;
  }

  private static boolean nameMatches(String cluster, dev.kurator.placement.ClusterAffinity affinity) {
    return ClusterMatcher.matches(cluster, Map.of(), "", "", List.of(), affinity);
  }

  private static JsonNode wrapWeights(JsonNode weights) {
    var node = JSON.createObjectNode();
    node.put("replica_scheduling_type", "Divided");
    node.put("replica_division_preference", "Weighted");
    if (present(weights)) {
      node.set("weight_preference", weights);
    }
    return node;
  }

  private static SpreadConstraint constraint(SpreadField field, JsonNode n) {
    return n == null ? new SpreadConstraint(field, null, 0, 0)
        : new SpreadConstraint(field, null, (int) num(n, "min_groups", 0), (int) num(n, "max_groups", 0));
  }

  private static List<String> names(List<ScoredCluster> list) {
    return list == null ? null : list.stream().map(ScoredCluster::name).toList();
  }

  private static Map<String, Long> longMap(JsonNode n) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (present(n)) {
      if (n.isArray()) {
        n.forEach(t -> out.put(text(t, "cluster", text(t, "name", "")), num(t, "replicas", 0)));
      } else {
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
      }
    }
    return out;
  }

  private static PluginContext pluginContext(JsonNode in) {
    JsonNode b = in.path("binding");
    Placement placement = VectorModel.placement(b.get("placement"));
    JsonNode res = b.get("resource");
    Workload w = Workload.builder(text(res, "api_version", "v1"), text(res, "kind", "ConfigMap"),
        text(res, "namespace", ""), text(res, "name", "resource")).replicas((int) num(b, "replicas", 0)).build();
    Set<String> evicting = new HashSet<>();
    if (present(b.get("graceful_eviction_tasks"))) {
      b.get("graceful_eviction_tasks").forEach(t -> evicting.add(text(t, "from_cluster", "")));
    }
    List<TargetCluster> prev = targets(b.get("clusters"));
    String observed = text(in.path("status"), "scheduler_observed_affinity_name", "");
    BindingState state = new BindingState(new Assignment(prev), observed, false, evicting);
    ClusterAffinityTerm term = placement.clusterAffinity() == null ? placement.affinityTerm(observed) : null;
    return new PluginContext(w, placement, term, state);
  }

  private static FilterResult filter(FilterPlugin plugin, JsonNode in) {
    return plugin.filter(pluginContext(in), VectorModel.cluster(in.get("cluster")));
  }

  private static ResourceSummary summary(JsonNode n) {
    if (!present(n)) {
      return null;
    }
    List<ResourceSummary.AllocatableModeling> modelings = new ArrayList<>();
    if (present(n.get("allocatable_modelings"))) {
      n.get("allocatable_modelings").forEach(m -> modelings.add(
          new ResourceSummary.AllocatableModeling((int) num(m, "grade", 0), (int) num(m, "count", 0))));
    }
    return new ResourceSummary(quantities(n.get("allocatable")), quantities(n.get("allocating")),
        quantities(n.get("allocated")), modelings);
  }

  private static Map<String, BigDecimal> allocating(ResourceSummary s) {
    Map<String, BigDecimal> m = new HashMap<>();
    s.allocating().forEach((k, v) -> m.put(k, v.getNumericalAmount()));
    return m;
  }

  private static Map<String, Quantity> quantities(JsonNode n) {
    Map<String, Quantity> out = new HashMap<>();
    if (present(n)) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), new Quantity(e.getValue().asText())));
    }
    return out;
  }

  private static Map<String, Quantity> requests(JsonNode n) {
    if (!present(n)) {
      return null;
    }
    return quantities(n.get("resource_request"));
  }

  private static List<ResourceSummary.ResourceModel> models(JsonNode n) {
    List<ResourceSummary.ResourceModel> out = new ArrayList<>();
    if (present(n)) {
      for (JsonNode m : n) {
        Map<String, ResourceSummary.Range> ranges = new HashMap<>();
        m.path("ranges").forEach(r -> ranges.put(text(r, "name", ""), new ResourceSummary.Range(
            new Quantity(text(r, "min", "0")), new Quantity(text(r, "max", "0")))));
        out.add(new ResourceSummary.ResourceModel((int) num(m, "grade", 0), ranges));
      }
    }
    return out;
  }

  private static List<GeneralEstimator.Assumed> assumed(JsonNode n) {
    List<GeneralEstimator.Assumed> out = new ArrayList<>();
    if (present(n)) {
      for (JsonNode w : n) {
        w.path("components").forEach(c -> out.add(new GeneralEstimator.Assumed((int) num(c, "replicas", 0),
            quantities(c.get("resource_request")))));
      }
    }
    return out;
  }

  private static GracefulEviction.Task task(JsonNode t) {
    Instant created = present(t.get("created_minutes_ago"))
        ? NOW.minus(Duration.ofMinutes(t.get("created_minutes_ago").asLong())) : null;
    Long grace = present(t.get("grace_period_seconds")) ? t.get("grace_period_seconds").asLong() : null;
    Boolean suppress = present(t.get("suppress_deletion")) ? t.get("suppress_deletion").asBoolean() : null;
    return new GracefulEviction.Task(text(t, "from_cluster", ""), created, grace, suppress);
  }

  private static String selectPolicy(JsonNode in) {
    JsonNode r = in.get("resource");
    Workload resource = Workload.builder(text(r, "api_version", ""), text(r, "kind", ""), text(r, "namespace", ""),
        text(r, "name", "")).labels(VectorModel.stringMap(r.get("labels"))).build();
    List<PropagationPolicy> policies = new ArrayList<>();
    for (JsonNode p : in.path("policies")) {
      List<ResourceSelector> selectors = new ArrayList<>();
      for (JsonNode s : p.path("resource_selectors")) {
        LabelSelector ls = null;
        if (present(s.get("label_selector"))) {
          JsonNode l = s.get("label_selector");
          ls = new LabelSelector(VectorModel.stringMap(l.get("match_labels")),
              VectorModel.requirements(l.get("match_expressions")));
        }
        selectors.add(new ResourceSelector(text(s, "api_version", ""), text(s, "kind", ""),
            text(s, "namespace", ""), text(s, "name", ""), ls));
      }
      String ns = text(p, "namespace", "");
      policies.add(new PropagationPolicy(ns.isEmpty() ? PropagationPolicy.CLUSTER_KIND : PropagationPolicy.KIND,
          text(p, "name", ""), ns, (int) num(p, "priority", 0), selectors, Placement.empty(), null));
    }
    return PropagationPolicies.claim(resource, policies).map(PropagationPolicy::name).orElse(null);
  }
}
