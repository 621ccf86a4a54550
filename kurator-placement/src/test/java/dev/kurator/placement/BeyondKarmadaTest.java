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
import dev.kurator.placement.plugins.CarbonAwareScore;
import dev.kurator.placement.plugins.ClusterMetricSource;
import dev.kurator.placement.plugins.ComplianceZoneFilter;
import dev.kurator.placement.plugins.CostAwareScore;
import dev.kurator.placement.spi.DivisionStrategy;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class BeyondKarmadaTest {

  private static final Placement DYNAMIC = Placement.builder()
      .replicaScheduling(ReplicaScheduling.dividedDynamic()).build();

  @Test
  void batchSchedulingNeverOverCommitsACluster() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 4), of("b", "eu", 4));
    List<SchedulingRequest> requests = List.of(
        SchedulingRequest.of(deployment("one", 5), DYNAMIC),
        SchedulingRequest.of(deployment("two", 3), DYNAMIC),
        SchedulingRequest.of(deployment("three", 1), DYNAMIC));

    BatchDecision batch = Scheduler.withDefaults().scheduleBatch(requests, fleet);

    assertThat(batch.decisions()).hasSize(3);
    assertThat(batch.decisions().get(0).succeeded()).isTrue();
    assertThat(batch.decisions().get(1).succeeded()).isTrue();
    Map<String, Integer> used = new HashMap<>();
    batch.decisions().stream().filter(Decision::succeeded)
        .forEach(d -> d.assignment().targets().forEach(t -> used.merge(t.name(), t.replicas(), Integer::sum)));
    assertThat(used.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
    assertThat(used).allSatisfy((cluster, replicas) -> assertThat(replicas).isLessThanOrEqualTo(4));
    assertThat(batch.decisions().get(2).status()).isEqualTo(Decision.Status.UNSCHEDULABLE);
    assertThat(batch.failures()).extracting(Decision::resource).containsExactly("default/three");
  }

  @Test
  void withoutBatchingIndependentDecisionsWouldOverCommit() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 4));
    Scheduler s = Scheduler.withDefaults();
    assertThat(s.schedule(deployment("one", 4), DYNAMIC, fleet, Assignment.none()).succeeded()).isTrue();
    assertThat(s.schedule(deployment("two", 4), DYNAMIC, fleet, Assignment.none()).succeeded()).isTrue();
    assertThat(s.scheduleBatch(List.of(SchedulingRequest.of(deployment("one", 4), DYNAMIC),
        SchedulingRequest.of(deployment("two", 4), DYNAMIC)), fleet).allScheduled()).isFalse();
  }

  @Test
  void batchDuplicatedWorkloadsOnlyLandWhereEveryReplicaFits() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 4), of("b", "eu", 2));
    BatchDecision batch = Scheduler.withDefaults().scheduleBatch(List.of(
        SchedulingRequest.of(deployment("dup", 3), Placement.empty())), fleet);
    Decision d = batch.decisions().get(0);
    assertThat(d.assignment().clusterNames()).containsExactly("a");
    assertThat(d.explanation("b").get().plugin()).isEqualTo("BatchCapacity");
  }

  @Test
  void gangIsAllOrNothing() {
    List<ClusterSnapshot> fleet = List.of(of("a", "eu", 4));
    List<SchedulingRequest> fits = List.of(SchedulingRequest.of(deployment("ps", 1), DYNAMIC),
        SchedulingRequest.of(deployment("worker", 3), DYNAMIC));
    assertThat(Scheduler.withDefaults().scheduleGang(fits, fleet).allScheduled()).isTrue();

    List<SchedulingRequest> tooBig = List.of(SchedulingRequest.of(deployment("ps", 1), DYNAMIC),
        SchedulingRequest.of(deployment("worker", 4), DYNAMIC));
    BatchDecision gang = Scheduler.withDefaults().scheduleGang(tooBig, fleet);
    assertThat(gang.decisions()).extracting(Decision::status)
        .containsExactly(Decision.Status.GANG_REJECTED, Decision.Status.UNSCHEDULABLE);
    assertThat(gang.decisions()).allSatisfy(d -> assertThat(d.assignment()).isEqualTo(Assignment.none()));
    assertThat(gang.decisions().get(0).message()).contains("default/worker");
  }

  private static ClusterSnapshot zoned(String name, String zone) {
    return TestClusters.cluster(name, "eu", 4).labels(zone == null ? Map.of()
        : Map.of(ComplianceZoneFilter.LABEL, zone)).build();
  }

  @Test
  void complianceZonesAreNeverViolatedEvenWithThePluginDisabled() {
    List<ClusterSnapshot> fleet = List.of(zoned("gdpr", "eu-gdpr"), zoned("us", "us"), zoned("none", null));
    Workload w = Workload.deployment("default", "pii").replicas(2).complianceZones("eu-gdpr").build();
    Scheduler s = Scheduler.withDefaults().disable(ComplianceZoneFilter.NAME);

    Decision d = s.schedule(w, Placement.empty(), fleet, Assignment.ofReplicas(Map.of("us", 2)));

    assertThat(d.assignment().clusterNames()).containsExactly("gdpr");
    assertThat(d.explanation("us").get().verdict()).isEqualTo(Verdict.FILTERED);
    assertThat(d.explanation("us").get().reason()).contains("\"us\" is not one of [eu-gdpr]");
    assertThat(d.explanation("none").get().reason()).contains("has no kurator.dev/compliance-zone label");
  }

  @Test
  void aDivisionStrategyCannotPlaceOutsideTheCandidates() {
    DivisionStrategy rogue = new DivisionStrategy() {
      @Override
      public String name() {
        return "Rogue";
      }

      @Override
      public DivisionKind kind() {
        return DivisionKind.DUPLICATED;
      }

      @Override
      public List<TargetCluster> divide(List<ScoredCluster> clusters, int desired, List<TargetCluster> previous,
          PluginContext context) {
        return List.of(new TargetCluster("us", desired));
      }
    };
    List<ClusterSnapshot> fleet = List.of(zoned("gdpr", "eu-gdpr"), zoned("us", "us"));
    Workload w = Workload.deployment("default", "pii").replicas(1).complianceZones("eu-gdpr").build();
    Decision d = Scheduler.withDefaults().plugin(rogue).schedule(w, Placement.empty(), fleet, Assignment.none());
    assertThat(d.status()).isEqualTo(Decision.Status.ERROR);
    assertThat(d.assignment()).isEqualTo(Assignment.none());
  }

  @Test
  void costScoreFollowsTheDocumentedFormula() {
    CostAwareScore cost = new CostAwareScore();
    PluginContext ctx = new PluginContext(deployment("w", 1), Placement.empty(), null, BindingState.initial());
    assertThat(cost.score(ctx, labelled(CostAwareScore.LABEL, "0.25"))).isEqualTo(75);
    assertThat(cost.score(ctx, labelled(CostAwareScore.LABEL, "0"))).isEqualTo(100);
    assertThat(cost.score(ctx, labelled(CostAwareScore.LABEL, "3"))).isZero();
    assertThat(cost.score(ctx, labelled(CostAwareScore.LABEL, "cheap"))).isZero();
    assertThat(new CostAwareScore(c -> OptionalDouble.empty(), 1, 50).score(ctx, of("x", "eu", 1))).isEqualTo(50);
    assertThatThrownBy(() -> new CostAwareScore(c -> OptionalDouble.empty(), 0, 0))
        .isInstanceOf(ValidationException.class).hasMessageContaining("CostAware.ceiling: was 0.0, must be > 0");
  }

  @Test
  void carbonAwareSchedulingPrefersTheCleanerRegion() {
    ClusterMetricSource intensity = c -> OptionalDouble.of(c.region().equals("north") ? 40 : 420);
    Placement one = Placement.builder().spread(SpreadConstraint.byField(SpreadField.CLUSTER, 1, 1)).build();
    List<ClusterSnapshot> fleet = List.of(of("coal", "south", 4), of("hydro", "north", 4));
    Decision d = Scheduler.withDefaults().plugin(new CarbonAwareScore(intensity))
        .schedule(deployment("batch", 1), one, fleet, Assignment.none());
    assertThat(d.assignment().clusterNames()).containsExactly("hydro");
    assertThat(d.explanation("hydro").get().scores()).containsEntry("CarbonAware", 96L);
    assertThat(d.explanation("coal").get().scores()).containsEntry("CarbonAware", 58L);
    assertThat(new CarbonAwareScore().score(new PluginContext(deployment("w", 1), Placement.empty(), null,
        BindingState.initial()), labelled(CarbonAwareScore.LABEL, "500"))).isEqualTo(50);
  }

  private static ClusterSnapshot labelled(String label, String value) {
    return TestClusters.cluster("x", "eu", 1).labels(Map.of(label, value)).build();
  }
}
