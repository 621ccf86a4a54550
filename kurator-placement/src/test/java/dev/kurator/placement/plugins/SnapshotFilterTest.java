package dev.kurator.placement.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.placement.BindingState;
import dev.kurator.placement.ClusterAffinity;
import dev.kurator.placement.Placement;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.Toleration;
import dev.kurator.placement.Workload;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScorePlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The in-tree plugins' snapshot methods give exactly the per-cluster verdicts and scores, cached or not. */
class SnapshotFilterTest {

  private static final List<FilterPlugin> FILTERS = List.of(new ClusterAffinityFilter(), new TaintTolerationFilter(),
      new ApiEnablementFilter(), new SpreadConstraintFilter(), new ClusterEvictionFilter(),
      new ComplianceZoneFilter());

  @Test
  void snapshotVerdictsEqualPerClusterVerdicts() {
    Random random = new Random(7);
    List<ClusterSnapshot> fleet = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<Taint> taints = switch (random.nextInt(5)) {
        case 0 -> List.of(new Taint("dedicated", "gpu", TaintEffect.NO_SCHEDULE));
        case 1 -> List.of(new Taint("maintenance", "", TaintEffect.NO_EXECUTE));
        case 2 -> List.of(new Taint("soft", "", TaintEffect.PREFER_NO_SCHEDULE));
        default -> List.of();
      };
      fleet.add(ClusterSnapshot.builder("c" + i)
          .labels(random.nextBoolean() ? Map.of(ComplianceZoneFilter.LABEL, "eu") : Map.of("env", "prod"))
          .provider(random.nextInt(8) == 0 ? "" : "aws")
          .region(random.nextInt(8) == 0 ? "" : "r" + random.nextInt(3))
          .zones(random.nextInt(8) == 0 ? List.of() : List.of("z" + random.nextInt(3)))
          .taints(taints)
          .ready(random.nextInt(6) != 0)
          .apiEnablements(random.nextInt(4) == 0 ? Map.of("v1", Set.of("ConfigMap"))
              : Map.of("apps/v1", Set.of("Deployment"), "v1", Set.of("ConfigMap")), random.nextInt(10) != 0)
          .build());
    }
    List<ClusterSnapshot> snapshot = List.copyOf(fleet);
    int[] all = new int[snapshot.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] some = {1, 4, 5, 9, 30, 31, 77, 150, 199};
    for (PluginContext ctx : contexts()) {
      for (FilterPlugin f : FILTERS) {
        for (int[] which : List.of(all, some)) {
          List<FilterResult> expected = new ArrayList<>();
          for (int i : which) {
            expected.add(f.filter(ctx, snapshot.get(i)));
          }
          // twice on the immutable snapshot (index built, then reused), once on a mutable copy
          for (List<ClusterSnapshot> clusters : List.of(snapshot, snapshot, new ArrayList<>(snapshot))) {
            FilterResult[] out = new FilterResult[which.length];
            if (f.filter(ctx, clusters, which, which.length, out)) {
              assertThat(expected).as("%s over %s", f.name(), ctx).allMatch(FilterResult::isSuccess);
            } else {
              assertThat(List.of(out)).as("%s over %s", f.name(), ctx).isEqualTo(expected);
            }
          }
        }
      }
    }
  }

  @Test
  void snapshotScoresEqualPerClusterScores() {
    List<ClusterSnapshot> fleet = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      fleet.add(ClusterSnapshot.builder("c" + i).region("r" + i % 3).build());
    }
    int[] which = {0, 1, 4, 5, 9, 12, 31, 39};
    for (PluginContext ctx : contexts()) {
      for (ScorePlugin plugin : List.<ScorePlugin>of(new ClusterAffinityFilter(), new ClusterLocalityScore())) {
        long[] expected = new long[which.length];
        for (int k = 0; k < which.length; k++) {
          expected[k] = plugin.score(ctx, fleet.get(which[k]));
        }
        long[] out = new long[which.length];
        plugin.score(ctx, List.copyOf(fleet), which, which.length, out);
        assertThat(out).as("%s over %s", plugin.name(), ctx).containsExactly(expected);
      }
    }
  }

  private static List<PluginContext> contexts() {
    Workload plain = Workload.deployment("default", "web").uid("").replicas(3).build();
    Workload zoned = Workload.builder("apps/v1", "Deployment", "default", "zoned").uid("").replicas(3)
        .complianceZones("eu").build();
    Workload configMap = Workload.builder("v1", "ConfigMap", "default", "cfg").uid("").build();
    Placement spread = Placement.builder().spread(SpreadConstraint.byField(SpreadField.REGION, 1, 2))
        .spread(SpreadConstraint.byField(SpreadField.ZONE, 1, 2))
        .spread(SpreadConstraint.byField(SpreadField.PROVIDER, 1, 2))
        .spread(SpreadConstraint.byField(SpreadField.CLUSTER, 1, 5)).build();
    Placement tolerant = Placement.builder().toleration(Toleration.exists("dedicated", null))
        .clusterAffinity(ClusterAffinity.clusterNames("c1", "c4", "c9", "c12")).build();
    BindingState placed = new BindingState(Assignment.of("c1", "c4", "c5", "c31"), "", false, Set.of("c9", "c30"));
    return List.of(
        new PluginContext(plain, Placement.builder().build(), null, BindingState.initial()),
        new PluginContext(plain, spread, null, placed),
        new PluginContext(zoned, tolerant, null, BindingState.initial()),
        new PluginContext(configMap, tolerant, null, placed),
        new PluginContext(configMap, spread, null, BindingState.initial()));
  }
}
