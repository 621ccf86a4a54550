package dev.kurator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.placement.plugins.ApiEnablementFilter;
import dev.kurator.placement.plugins.CarbonAwareScore;
import dev.kurator.placement.plugins.ClusterAffinityFilter;
import dev.kurator.placement.plugins.ClusterEvictionFilter;
import dev.kurator.placement.plugins.ClusterLocalityScore;
import dev.kurator.placement.plugins.ComplianceZoneFilter;
import dev.kurator.placement.plugins.CostAwareScore;
import dev.kurator.placement.plugins.GeneralEstimator;
import dev.kurator.placement.plugins.SpreadConstraintFilter;
import dev.kurator.placement.plugins.TaintTolerationFilter;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ReplicaEstimator;
import dev.kurator.placement.spi.SchedulerPlugin;
import dev.kurator.placement.spi.ScorePlugin;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every in-tree plugin keeps (and host plugins should): a stable non-blank name, a verdict or score for
 * any cluster, including bare ones, and no dependence on call order.
 */
class PluginContractTest {

  static Stream<SchedulerPlugin> plugins() {
    return Stream.of(new ClusterAffinityFilter(), new TaintTolerationFilter(), new ApiEnablementFilter(),
        new SpreadConstraintFilter(), new ClusterEvictionFilter(), new ComplianceZoneFilter(),
        new ClusterLocalityScore(), new CostAwareScore(), new CarbonAwareScore(), new GeneralEstimator());
  }

  private static final List<ClusterSnapshot> CLUSTERS = List.of(
      ClusterSnapshot.builder("bare").build(),
      TestClusters.of("full", "eu", 4),
      TestClusters.cluster("odd", "", 0).ready(false).zones(List.of())
          .taints(List.of(new Taint("x", "y", TaintEffect.NO_EXECUTE)))
          .labels(Map.of(ComplianceZoneFilter.LABEL, "z", CostAwareScore.LABEL, "-1")).build());

  private static final List<PluginContext> CONTEXTS = List.of(
      new PluginContext(TestClusters.deployment("web", 3), Placement.empty(), null, BindingState.initial()),
      new PluginContext(Workload.builder("v1", "ConfigMap", "", "cfg").complianceZones("z").build(),
          Placement.builder().spread(SpreadConstraint.byField(SpreadField.ZONE, 1, 2))
              .spread(SpreadConstraint.byField(SpreadField.CLUSTER, 1, 2)).build(), null,
          BindingState.of(Assignment.of("full")).withEvictingClusters(Set.of("odd"))));

  @ParameterizedTest
  @MethodSource("plugins")
  void hasAStableNonBlankName(SchedulerPlugin plugin) {
    assertThat(plugin.name()).isNotBlank().isEqualTo(plugin.name());
  }

  @ParameterizedTest
  @MethodSource("plugins")
  void answersForEveryClusterAndIsDeterministic(SchedulerPlugin plugin) {
    for (PluginContext ctx : CONTEXTS) {
      for (ClusterSnapshot c : CLUSTERS) {
        if (plugin instanceof FilterPlugin f) {
          FilterResult r = f.filter(ctx, c);
          assertThat(r).isNotNull().isEqualTo(f.filter(ctx, c));
          assertThat(r.isSuccess() || !r.reason().isEmpty()).as("a rejection says why").isTrue();
        }
        if (plugin instanceof ScorePlugin s) {
          assertThat(s.score(ctx, c)).isBetween(0L, ScorePlugin.MAX_SCORE).isEqualTo(s.score(ctx, c));
        }
        if (plugin instanceof ReplicaEstimator e) {
          long v = e.maxReplicas(ctx, c);
          assertThat(v).isGreaterThanOrEqualTo(ReplicaEstimator.UNKNOWN);
          long[] out = new long[1];
          e.maxReplicas(ctx, List.copyOf(CLUSTERS), new int[] {CLUSTERS.indexOf(c)}, out);
          assertThat(out[0]).as("batch and single estimates agree").isEqualTo(v);
        }
      }
    }
  }

  @Test
  void snapshotEstimatesMatchKarmadasPerClusterFormula() {
    java.util.Random random = new java.util.Random(7);
    List<ClusterSnapshot> fleet = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, io.fabric8.kubernetes.api.model.Quantity> alloc = new java.util.HashMap<>();
      alloc.put("pods", new io.fabric8.kubernetes.api.model.Quantity(String.valueOf(random.nextInt(30))));
      if (random.nextInt(5) > 0) {
        alloc.put("cpu", new io.fabric8.kubernetes.api.model.Quantity(random.nextInt(16000) + "m"));
      }
      if (random.nextInt(5) > 0) {
        alloc.put("memory", new io.fabric8.kubernetes.api.model.Quantity(random.nextInt(64) + "Gi"));
      }
      Map<String, io.fabric8.kubernetes.api.model.Quantity> used = Map.of(
          "cpu", new io.fabric8.kubernetes.api.model.Quantity(random.nextInt(4000) + "m"),
          "memory", new io.fabric8.kubernetes.api.model.Quantity(random.nextInt(8) + "Gi"),
          "pods", new io.fabric8.kubernetes.api.model.Quantity(String.valueOf(random.nextInt(10))));
      fleet.add(ClusterSnapshot.builder("c" + i).resourceSummary(i % 17 == 0 ? null
          : new dev.kurator.core.ResourceSummary(alloc, random.nextBoolean() ? used : Map.of(), used)).build());
    }
    List<ClusterSnapshot> snapshot = List.copyOf(fleet);
    Workload w = Workload.deployment("ns", "w").replicas(3).requests(Map.of("cpu", "750m", "memory", "1.5Gi"))
        .build();
    PluginContext ctx = new PluginContext(w, Placement.empty(), null, BindingState.initial());
    int[] all = java.util.stream.IntStream.range(0, snapshot.size()).toArray();
    long[] out = new long[all.length];
    new GeneralEstimator().maxReplicas(ctx, snapshot, all, out);
    for (int i = 0; i < all.length; i++) {
      ClusterSnapshot c = snapshot.get(i);
      assertThat(out[i]).as(c.name()).isEqualTo(GeneralEstimator.maxAvailableReplicas(c.resourceSummary(),
          c.resourceModels(), w.requests(), List.of(), false, true));
    }
  }
}
