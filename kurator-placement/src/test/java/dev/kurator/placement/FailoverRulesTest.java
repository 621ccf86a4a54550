package dev.kurator.placement;

import static dev.kurator.placement.TestClusters.deployment;
import static dev.kurator.placement.TestClusters.of;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Assignment;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FailoverRulesTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void untoleratedNoExecuteTaintEvictsNow() {
    Taint down = new Taint("cluster.karmada.io/unreachable", "", TaintEffect.NO_EXECUTE, NOW.minusSeconds(30));
    assertThat(Rescheduling.noExecuteEvictionTime(List.of(down), List.of(), NOW)).contains(NOW);
  }

  @Test
  void toleratedTaintsEvictAtTheEarliestTolerationEnd() {
    Taint a = new Taint("a", "", TaintEffect.NO_EXECUTE, NOW.minusSeconds(100));
    Taint b = new Taint("b", "", TaintEffect.NO_EXECUTE, NOW.minusSeconds(10));
    List<Toleration> tolerations = List.of(
        new Toleration("a", "Exists", "", TaintEffect.NO_EXECUTE, 300L),
        new Toleration("b", "Exists", "", TaintEffect.NO_EXECUTE, 60L));
    assertThat(Rescheduling.noExecuteEvictionTime(List.of(a, b), tolerations, NOW)).contains(NOW.plusSeconds(50));
  }

  @Test
  void toleratedForeverOrNoNoExecuteTaintNeverEvicts() {
    Taint a = new Taint("a", "", TaintEffect.NO_EXECUTE, NOW);
    assertThat(Rescheduling.noExecuteEvictionTime(List.of(a), List.of(Toleration.exists("a", null)), NOW)).isEmpty();
    Taint soft = new Taint("a", "", TaintEffect.NO_SCHEDULE, NOW);
    assertThat(Rescheduling.noExecuteEvictionTime(List.of(soft), List.of(), NOW)).isEqualTo(Optional.empty());
  }

  @Test
  void gracefulEvictionMovesTheReplicasAwayAndKeepsTheClusterOut() {
    Map<String, Integer> placed = new LinkedHashMap<>();
    placed.put("a", 3);
    placed.put("b", 3);
    GracefulEviction.Eviction e = GracefulEviction.evict(Assignment.ofReplicas(placed), List.of(), "a", NOW,
        null, null);
    assertThat(e.assignment().asMap()).containsExactly(Map.entry("b", 3));
    assertThat(e.tasks()).containsExactly(new GracefulEviction.Task("a", NOW, null, null));
    assertThat(GracefulEviction.evict(e.assignment(), e.tasks(), "a", NOW, null, null)).isEqualTo(e);

    Placement dynamic = Placement.builder().replicaScheduling(ReplicaScheduling.dividedDynamic()).build();
    Set<String> evicting = e.tasks().stream().map(GracefulEviction.Task::fromCluster).collect(Collectors.toSet());
    Decision d = Scheduler.withDefaults().schedule(deployment("web", 6), dynamic,
        List.of(of("a", "eu", 10), of("b", "eu", 10), of("c", "eu", 10)),
        BindingState.of(e.assignment()).withEvictingClusters(evicting));
    // b keeps its 3; the 3 evicted replicas are divided over b and c by free capacity (10:10, name tie-break)
    assertThat(d.assignment().asMap()).containsExactlyInAnyOrderEntriesOf(Map.of("b", 5, "c", 1));

    GracefulEviction.Options healthy = new GracefulEviction.Options(GracefulEviction.DEFAULT_TIMEOUT, true,
        d.assignment().clusterNames(), d.assignment().clusterNames().stream()
        .collect(Collectors.toMap(c -> c, c -> "Healthy")));
    assertThat(GracefulEviction.keep(e.tasks().get(0), healthy, NOW.plusSeconds(5))).isFalse();
    GracefulEviction.Options pending = new GracefulEviction.Options(GracefulEviction.DEFAULT_TIMEOUT, true,
        d.assignment().clusterNames(), Map.of());
    assertThat(GracefulEviction.keep(e.tasks().get(0), pending, NOW.plusSeconds(5))).isTrue();
    assertThat(GracefulEviction.keep(e.tasks().get(0), pending, NOW.plus(Duration.ofMinutes(11)))).isFalse();
    assertThat(GracefulEviction.nextRetry(e.tasks(), GracefulEviction.DEFAULT_TIMEOUT, NOW.plusSeconds(60)))
        .isEqualTo(Duration.ofMinutes(9));
  }

  @Test
  void deschedulerTakesBackLongUnschedulableReplicas() {
    List<Descheduler.ClusterReplicas> status = List.of(new Descheduler.ClusterReplicas("a", 5, 2, 3),
        new Descheduler.ClusterReplicas("b", 4, 4, 0));
    assertThat(Descheduler.adjust(status)).extracting(t -> t.name() + "=" + t.replicas()).containsExactly("a=2", "b=4");
  }
}
