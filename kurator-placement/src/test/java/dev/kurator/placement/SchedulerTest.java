package dev.kurator.placement;

import static dev.kurator.placement.TestClusters.deployment;
import static dev.kurator.placement.TestClusters.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.TargetCluster;
import dev.kurator.core.ValidationException;
import dev.kurator.placement.ClusterExplanation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private final Scheduler scheduler = Scheduler.withDefaults();

  private static Placement dynamic(SpreadConstraint... spread) {
    Placement.Builder b = Placement.builder().replicaScheduling(ReplicaScheduling.dividedDynamic());
    for (SpreadConstraint s : spread) {
      b.spread(s);
    }
    return b.build();
  }

  @Test
  void dividesByAvailableReplicasWithinTheBestRegions() {
    List<ClusterSnapshot> fleet = List.of(of("eu-1", "eu", 6), of("eu-2", "eu", 3), of("us-1", "us", 2),
        of("ap-1", "ap", 1));
    Placement placement = dynamic(SpreadConstraint.byField(SpreadField.REGION, 1, 1),
        SpreadConstraint.byField(SpreadField.CLUSTER, 2, 2));

    Decision d = scheduler.schedule(deployment("web", 6), placement, fleet, Assignment.none());

    assertThat(d.succeeded()).isTrue();
    assertThat(d.assignment().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("eu-1", 4, "eu-2", 2));
    assertThat(d.explanation("us-1")).get().extracting(ClusterExplanation::verdict).isEqualTo(Verdict.NOT_SELECTED);
    assertThat(d.explanation("eu-1").get().availableReplicas()).isEqualTo(6);
    assertThat(d.explanation("eu-1").get().replicas()).isEqualTo(4);
  }

  @Test
  void duplicatedPlacementPutsAllReplicasOnEveryFeasibleCluster() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 1), of("b", "eu", 1));
    Decision d = scheduler.schedule(deployment("web", 3), Placement.empty(), fleet, Assignment.none());
    assertThat(d.assignment().asMap()).containsExactly(Map.entry("a", 3), Map.entry("b", 3));
  }

  @Test
  void nothingFitsSaysWhyForEachCluster() {
    List<ClusterSnapshot> fleet = List.of(
        TestClusters.cluster("tainted", "eu", 4).taints(List.of(new Taint("gpu", "true", TaintEffect.NO_SCHEDULE)))
            .build(),
        TestClusters.cluster("no-api", "eu", 4).apiEnablements(Map.of("v1", Set.of("ConfigMap")), true).build(),
        of("other", "us", 4));
    Placement placement = Placement.builder().clusterAffinity(ClusterAffinity.labels(
        new LabelSelector(Map.of(), List.of(SelectorRequirement.of("region", "NotIn", "us"))))).build();
    placement = placement.toBuilder().clusterAffinity(new ClusterAffinity(null, new FieldSelector(
        List.of(SelectorRequirement.of("region", "In", "eu"))), List.of(), List.of())).build();

    Decision d = scheduler.schedule(deployment("web", 2), placement, fleet, Assignment.none());

    assertThat(d.status()).isEqualTo(Decision.Status.NO_CLUSTER_FIT);
    assertThat(d.assignment()).isEqualTo(Assignment.none());
    assertThat(d.message()).startsWith("0/3 clusters are available")
        .contains("tainted: TaintToleration: cluster(s) had untolerated taint {gpu=true:NoSchedule}")
        .contains("no-api: APIEnablement: cluster(s) did not have the API resource")
        .contains("other: ClusterAffinity: cluster(s) did not match the placement cluster affinity constraint");
    assertThatThrownBy(d::throwIfFailed).isInstanceOf(SchedulingException.class)
        .hasMessageContaining("tainted: TaintToleration");
    assertThat(d.explain()).contains("CLUSTER").contains("filtered").contains("TaintToleration");
  }

  @Test
  void toleratedTaintsAndExistingPlacementsPassTheTaintFilter() {
    ClusterSnapshot tainted = TestClusters.cluster("t", "eu", 4)
        .taints(List.of(new Taint("maintenance", "", TaintEffect.NO_SCHEDULE))).build();
    Decision sticky = scheduler.schedule(deployment("web", 1), Placement.empty(), List.of(tainted),
        Assignment.ofReplicas(Map.of("t", 1)));
    assertThat(sticky.assignment().clusterNames()).containsExactly("t");

    Placement tolerant = Placement.builder().toleration(Toleration.exists("maintenance", null)).build();
    assertThat(scheduler.schedule(deployment("web", 1), tolerant, List.of(tainted), Assignment.none())
        .succeeded()).isTrue();
  }

  @Test
  void notReadyClusterCountsAsTaintedNotReady() {
    ClusterSnapshot down = TestClusters.cluster("down", "eu", 4).ready(false).build();
    Decision d = scheduler.schedule(deployment("web", 1), Placement.empty(), List.of(down, of("up", "eu", 4)),
        Assignment.none());
    assertThat(d.assignment().clusterNames()).containsExactly("up");
    assertThat(d.explanation("down").get().reason()).contains("cluster.karmada.io/not-ready");
  }

  @Test
  void steadyScaleUpKeepsExistingReplicasAndDividesTheDeltaByFreeCapacity() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 10), of("b", "eu", 10), of("c", "eu", 10));
    Assignment previous = Assignment.ofReplicas(new java.util.LinkedHashMap<>(Map.of("a", 2, "b", 4, "c", 6)));
    Decision d = scheduler.schedule(deployment("web", 24), dynamic(), fleet, previous);
    assertThat(d.assignment().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 6, "b", 8, "c", 10));

    Decision down = scheduler.schedule(deployment("web", 6), dynamic(), fleet, previous);
    assertThat(down.assignment().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 3));
  }

  @Test
  void staticWeightsMatchClustersByAffinity() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 1), of("b", "us", 1));
    Placement p = Placement.builder().replicaScheduling(ReplicaScheduling.dividedStatic(WeightPreference.of(List.of(
        new StaticClusterWeight(new ClusterAffinity(null, new FieldSelector(List.of(
            SelectorRequirement.of("region", "In", "eu"))), List.of(), List.of()), 3),
        new StaticClusterWeight(ClusterAffinity.clusterNames("b"), 1))))).build();
    Decision d = scheduler.schedule(deployment("web", 8), p, fleet, Assignment.none());
    assertThat(d.assignment().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 6, "b", 2));
  }

  @Test
  void capacityShortageIsUnschedulable() {
    Decision d = scheduler.schedule(deployment("web", 10), dynamic(), List.of(of("a", "eu", 2)), Assignment.none());
    assertThat(d.status()).isEqualTo(Decision.Status.UNSCHEDULABLE);
    assertThat(d.message()).contains("not enough to schedule");
    assertThat(d.explanation("a").get().verdict()).isEqualTo(Verdict.NOT_SELECTED);
  }

  @Test
  void affinityGroupsFailOverInOrderAndDoNotFailBack() {
    Placement p = Placement.builder()
        .clusterAffinity(ClusterAffinityTerm.of("primary", ClusterAffinity.clusterNames("a")))
        .clusterAffinity(ClusterAffinityTerm.of("backup", ClusterAffinity.clusterNames("b")))
        .replicaScheduling(ReplicaScheduling.dividedDynamic()).build();
    ClusterSnapshot fullA = of("a", "eu", 0);
    Decision failover = scheduler.schedule(deployment("web", 2), p, List.of(fullA, of("b", "eu", 4)),
        BindingState.initial());
    assertThat(failover.affinityName()).isEqualTo("backup");
    assertThat(failover.assignment().clusterNames()).containsExactly("b");

    BindingState state = BindingState.of(failover.assignment()).withObservedAffinityName(failover.affinityName());
    List<ClusterSnapshot> recovered = List.of(of("a", "eu", 4), of("b", "eu", 4));
    assertThat(scheduler.schedule(deployment("web", 2), p, recovered, state).affinityName()).isEqualTo("backup");

    Decision rebalanced = scheduler.schedule(deployment("web", 2), p, recovered, state.withRescheduleTriggered(true));
    assertThat(rebalanced.affinityName()).isEqualTo("primary");
    assertThat(rebalanced.assignment().clusterNames()).containsExactly("a");
  }

  @Test
  void overflowAffinitiesFillThePrimaryTierFirst() {
    Placement p = Placement.builder()
        .clusterAffinity(new ClusterAffinityTerm("main", ClusterAffinity.clusterNames("a"),
            List.of(new OverflowAffinity("burst", ClusterAffinity.clusterNames("b")))))
        .replicaScheduling(ReplicaScheduling.dividedDynamic()).build();
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 2), of("b", "us", 10), of("c", "us", 10));
    Decision d = scheduler.schedule(deployment("web", 5), p, fleet, BindingState.initial());
    assertThat(d.assignment().targets()).containsExactly(new TargetCluster("a", 2), new TargetCluster("b", 3));
  }

  @Test
  void evictingClustersAreNotChosen() {
    BindingState state = BindingState.initial().withEvictingClusters(Set.of("a"));
    Decision d = scheduler.schedule(deployment("web", 1), Placement.empty(), List.of(of("a", "eu", 4),
        of("b", "eu", 4)), state);
    assertThat(d.assignment().clusterNames()).containsExactly("b");
    assertThat(d.explanation("a").get().plugin()).isEqualTo("ClusterEviction");
  }

  @Test
  void nonWorkloadsGoEverywhereWithZeroReplicas() {
    Workload cm = Workload.builder("v1", "ConfigMap", "default", "cfg").build();
    ClusterSnapshot a = TestClusters.cluster("a", "eu", 1).apiEnablements(Map.of("v1", Set.of("ConfigMap")), true)
        .build();
    Decision d = scheduler.schedule(cm, Placement.empty(), List.of(a), Assignment.none());
    assertThat(d.assignment().targets()).containsExactly(new TargetCluster("a", 0));
  }

  @Test
  void repeatedClusterNamesAreRejected() {
    assertThatThrownBy(() -> scheduler.schedule(deployment("web", 1), Placement.empty(),
        List.of(of("a", "eu", 1), of("a", "us", 1)), Assignment.none()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("clusters[1].name: was \"a\"");
  }

  @Test
  void explainPrintsOneRowPerClusterWithScoresAndShares() {
    Decision d = scheduler.schedule(deployment("web", 4), dynamic(), List.of(of("a", "eu", 3), of("b", "eu", 1)),
        Assignment.ofReplicas(Map.of("a", 1)));
    String table = d.explain();
    assertThat(table.lines()).hasSize(4);
    assertThat(table).contains("default/web: SCHEDULED");
    assertThat(table.lines().skip(2).findFirst().orElseThrow()).startsWith("a").contains("selected").contains("100");
    assertThat(d.explanation("a").get().scores()).containsEntry("ClusterLocality", 100L);
  }

  @Test
  void emptyWorkloadPropagationKeepsSelectedClustersWithZeroReplicas() {
    Workload scaledToZero = Workload.deployment("default", "web").replicas(0).requests(Map.of("cpu", "1")).build();
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 2), of("b", "eu", 2));
    assertThat(scheduler.schedule(scaledToZero, dynamic(), fleet, Assignment.none()).assignment().targets())
        .isEmpty();
    Decision kept = scheduler.emptyWorkloadPropagation(true).schedule(scaledToZero, dynamic(), fleet,
        Assignment.none());
    assertThat(kept.assignment().targets()).containsExactly(new TargetCluster("a", 0), new TargetCluster("b", 0));
    assertThat(kept.explanation("a").get().verdict()).isEqualTo(Verdict.SELECTED);
  }

  @Test
  void whenEveryAffinityGroupFailsTheObservedGroupIsKept() {
    Placement p = Placement.builder()
        .clusterAffinity(ClusterAffinityTerm.of("primary", ClusterAffinity.clusterNames("a")))
        .clusterAffinity(ClusterAffinityTerm.of("backup", ClusterAffinity.clusterNames("b")))
        .replicaScheduling(ReplicaScheduling.dividedDynamic()).build();
    Decision d = scheduler.schedule(deployment("web", 2), p, List.of(of("c", "eu", 4)),
        BindingState.initial().withObservedAffinityName("backup"));
    assertThat(d.status()).isEqualTo(Decision.Status.NO_CLUSTER_FIT);
    assertThat(d.affinityName()).isEqualTo("backup");
    assertThat(d.explanation("c").get().plugin()).isEqualTo("ClusterAffinity");
  }
}
