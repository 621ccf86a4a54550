package dev.kurator.placement;

import static dev.kurator.placement.TestClusters.deployment;
import static dev.kurator.placement.TestClusters.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.TargetCluster;
import dev.kurator.core.ValidationException;
import dev.kurator.placement.ClusterExplanation.Verdict;
import dev.kurator.placement.spi.DivisionStrategy;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ReplicaEstimator;
import dev.kurator.placement.spi.ScorePlugin;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginSpiTest {

  private static final List<ClusterSnapshot> FLEET = List.of(of("a", "eu", 4), of("b", "eu", 4), of("c", "us", 4));

  private static FilterPlugin filter(String name, java.util.function.Predicate<String> rejects) {
    return new FilterPlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
        return rejects.test(cluster.name()) ? FilterResult.unschedulable(name + " says no") : FilterResult.SUCCESS;
      }
    };
  }

  private static ScorePlugin score(String name, java.util.function.ToLongFunction<String> f) {
    return new ScorePlugin() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long score(PluginContext context, ClusterSnapshot cluster) {
        return f.applyAsLong(cluster.name());
      }
    };
  }

  @Test
  void duplicateNamesAreRejected() {
    Scheduler s = Scheduler.withDefaults();
    assertThatThrownBy(() -> s.plugin(filter("TaintToleration", n -> false)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("name: was \"TaintToleration\", must be unique");
  }

  @Test
  void pluginsRunInRegistrationOrderAndTheFirstRejectionIsReported() {
    Scheduler s = Scheduler.empty().plugin(filter("First", "a"::equals)).plugin(filter("Second", n -> true));
    assertThat(s.plugins()).containsExactly("First", "Second");
    Decision d = s.schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none());
    assertThat(d.explanation("a").get().plugin()).isEqualTo("First");
    assertThat(d.explanation("b").get().plugin()).isEqualTo("Second");
    assertThat(d.status()).isEqualTo(Decision.Status.NO_CLUSTER_FIT);
  }

  @Test
  void pluginsCanBeDisabledAndEnabledByName() {
    Scheduler s = Scheduler.withDefaults().plugin(filter("NoC", "c"::equals));
    Scheduler off = s.disable("NoC");
    assertThat(off.plugins()).doesNotContain("NoC");
    assertThat(off.schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none())
        .assignment().clusterNames()).containsExactly("a", "b", "c");
    assertThat(off.enable("NoC").schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none())
        .assignment().clusterNames()).containsExactly("a", "b");
    assertThatThrownBy(() -> s.disable("Nope")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("plugin: was \"Nope\", must name a registered plugin");
  }

  @Test
  void aThrowingFilterGivesAnErrorVerdictForThatClusterOnly() {
    FilterPlugin flaky = new FilterPlugin() {
      @Override
      public String name() {
        return "Flaky";
      }

      @Override
      public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
        if (cluster.name().equals("b")) {
          throw new IllegalStateException("backend down");
        }
        return FilterResult.SUCCESS;
      }
    };
    Decision d = Scheduler.withDefaults().plugin(flaky)
        .schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none());
    assertThat(d.assignment().clusterNames()).containsExactly("a", "c");
    ClusterExplanation b = d.explanation("b").orElseThrow();
    assertThat(b.verdict()).isEqualTo(Verdict.ERROR);
    assertThat(b.plugin()).isEqualTo("Flaky");
    assertThat(b.reason()).contains("backend down");
  }

  @Test
  void aFilterWhoseSnapshotMethodThrowsIsAskedClusterByCluster() {
    List<String> asked = new java.util.ArrayList<>();
    FilterPlugin batchy = new FilterPlugin() {
      @Override
      public String name() {
        return "Batchy";
      }

      @Override
      public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
        asked.add(cluster.name());
        return cluster.name().equals("a") ? FilterResult.unschedulable("not a") : FilterResult.SUCCESS;
      }

      @Override
      public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
          FilterResult[] out) {
        throw new IllegalStateException("snapshot index unavailable");
      }
    };
    Decision d = Scheduler.withDefaults().plugin(batchy)
        .schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none());
    assertThat(asked).containsExactly("a", "b", "c");
    assertThat(d.assignment().clusterNames()).containsExactly("b", "c");
    assertThat(d.explanation("a").orElseThrow().reason()).isEqualTo("not a");
    assertThat(d.explanation("a").orElseThrow().verdict()).isEqualTo(Verdict.FILTERED);
  }

  @Test
  void aSnapshotMethodDecidesForTheClustersItIsGivenOnly() {
    List<String> given = new java.util.ArrayList<>();
    FilterPlugin batchy = new FilterPlugin() {
      @Override
      public String name() {
        return "Batchy";
      }

      @Override
      public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
        throw new AssertionError("the snapshot method is used");
      }

      @Override
      public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
          FilterResult[] out) {
        for (int k = 0; k < count; k++) {
          given.add(clusters.get(which[k]).name());
          out[k] = FilterResult.SUCCESS;
        }
        return false;
      }
    };
    Decision d = Scheduler.withDefaults().plugin(filter("NoB", "b"::equals)).plugin(batchy)
        .schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none());
    assertThat(given).containsExactly("a", "c");
    assertThat(d.assignment().clusterNames()).containsExactly("a", "c");
  }

  @Test
  void aThrowingScorePluginGivesAnErrorVerdictForThatCluster() {
    Decision d = Scheduler.withDefaults().plugin(score("Boom", n -> {
      if (n.equals("a")) {
        throw new IllegalArgumentException("no data");
      }
      return 1;
    })).schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none());
    assertThat(d.assignment().clusterNames()).containsExactly("b", "c");
    assertThat(d.explanation("a").get().verdict()).isEqualTo(Verdict.ERROR);
  }

  @Test
  void scoresAreSummedAndOrderTheClustersForSpreadSelection() {
    Placement oneCluster = Placement.builder().spread(SpreadConstraint.byField(SpreadField.CLUSTER, 1, 1)).build();
    Decision d = Scheduler.withDefaults().plugin(score("PreferC", n -> n.equals("c") ? 50 : 0))
        .plugin(score("AlsoC", n -> n.equals("c") ? 10 : 5))
        .schedule(deployment("web", 1), oneCluster, FLEET, Assignment.none());
    assertThat(d.assignment().clusterNames()).containsExactly("c");
    assertThat(d.explanation("c").get().totalScore()).isEqualTo(60);
    assertThat(d.explanation("c").get().scores()).containsKeys("ClusterAffinity", "ClusterLocality", "PreferC",
        "AlsoC");
  }

  @Test
  void estimatorsAreMergedWithMinAndUnknownAbstains() {
    ReplicaEstimator two = estimator("Two", 2);
    ReplicaEstimator unknown = estimator("Unknown", ReplicaEstimator.UNKNOWN);
    Placement dyn = Placement.builder().replicaScheduling(ReplicaScheduling.dividedDynamic()).build();
    Decision d = Scheduler.withDefaults().plugin(two).plugin(unknown)
        .schedule(deployment("web", 6), dyn, FLEET, Assignment.none());
    assertThat(d.assignment().asMap().values()).containsOnly(2);
    assertThat(d.explanation("a").get().availableReplicas()).isEqualTo(2);
  }

  private static ReplicaEstimator estimator(String name, long value) {
    return new ReplicaEstimator() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long maxReplicas(PluginContext context, ClusterSnapshot cluster) {
        return value;
      }
    };
  }

  @Test
  void aDivisionStrategyReplacesTheBuiltInOneForItsKind() {
    DivisionStrategy allOnFirst = new DivisionStrategy() {
      @Override
      public String name() {
        return "AllOnFirst";
      }

      @Override
      public DivisionKind kind() {
        return DivisionKind.STATIC_WEIGHT;
      }

      @Override
      public List<TargetCluster> divide(List<ScoredCluster> clusters, int desired, List<TargetCluster> previous,
          PluginContext context) {
        List<TargetCluster> out = new ArrayList<>();
        out.add(new TargetCluster(clusters.get(0).name(), desired));
        return out;
      }
    };
    Placement st = Placement.builder().replicaScheduling(ReplicaScheduling.dividedStatic(null)).build();
    Decision d = Scheduler.withDefaults().plugin(allOnFirst)
        .schedule(deployment("web", 5), st, FLEET, Assignment.none());
    assertThat(d.assignment().targets()).containsExactly(new TargetCluster("a", 5));
  }

  @Test
  void serviceLoaderDiscoveryAddsPluginsButExplicitOnesWin() {
    Scheduler discovered = Scheduler.withDefaults().discoverPlugins(getClass().getClassLoader());
    assertThat(discovered.plugins()).contains(DiscoverableRejectC.NAME);
    assertThat(discovered.schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none())
        .assignment().clusterNames()).containsExactly("a", "b");

    Scheduler explicit = Scheduler.withDefaults().plugin(filter(DiscoverableRejectC.NAME, n -> false))
        .discoverPlugins(getClass().getClassLoader());
    assertThat(explicit.schedule(deployment("web", 1), Placement.empty(), FLEET, Assignment.none())
        .assignment().clusterNames()).containsExactly("a", "b", "c");
  }
}
