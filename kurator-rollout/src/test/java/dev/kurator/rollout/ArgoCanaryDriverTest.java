package dev.kurator.rollout;

import dev.kurator.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.rollout.argo.ArgoCanary;
import dev.kurator.rollout.argo.ArgoMetric;
import dev.kurator.rollout.argo.Measurement;
import dev.kurator.rollout.argo.RolloutPhase;
import dev.kurator.rollout.argo.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArgoCanaryDriverTest {

  private static MockCluster cluster;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeAll
  static void start() {
    cluster = new MockCluster("eu-1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static final ArgoCanary STEPS = new ArgoCanary(10, List.of(new Step.SetWeight(20),
      new Step.Pause(Optional.of(Duration.ofMinutes(5))),
      new Step.Analysis(List.of(ArgoMetric.success("success-rate", "result[0] >= 0.95"))),
      new Step.SetWeight(50), new Step.Pause(Optional.empty())), false, 1, List.of(), 0);

  private ArgoCanaryDriver driver(String ns, double successRate) {
    CanarySpec target = CanarySpec.of("api", ns, Analysis.canary(10, 50, 1));
    return ArgoCanaryDriver.of(cluster.client, target, STEPS, TrafficRouters.replicas(1),
        m -> Measurement.of(successRate), clock, "eu-1");
  }

  @Test
  void runsTheStepsWithReplicaCountsAndResumesAfterARestart() {
    cluster.deploy("argo-a", "api", "api:1", 10);
    ArgoCanaryDriver d = driver("argo-a", 0.99);
    assertThat(d.reconcile()).isEqualTo(RolloutPhase.HEALTHY);
    assertThat(cluster.replicas("argo-a", "api-primary")).isEqualTo(10);
    cluster.setImage("argo-a", "api", "api:2");
    d.reconcile();
    assertThat(cluster.replicas("argo-a", "api")).isEqualTo(2);
    assertThat(cluster.replicas("argo-a", "api-primary")).isEqualTo(8);
    assertThat(d.reconcile()).isEqualTo(RolloutPhase.PAUSED);

    ArgoCanaryDriver restarted = driver("argo-a", 0.99);
    assertThat(restarted.state().stepIndex()).isEqualTo(1);
    assertThat(restarted.reconcile()).as("the pause has not elapsed").isEqualTo(RolloutPhase.PAUSED);
    clock.advance(Duration.ofMinutes(5));
    restarted.reconcile();
    restarted.reconcile();
    restarted.reconcile();
    assertThat(restarted.reconcile()).isEqualTo(RolloutPhase.PAUSED);
    assertThat(cluster.replicas("argo-a", "api")).isEqualTo(5);
    restarted.promote();
    assertThat(restarted.reconcile()).isEqualTo(RolloutPhase.HEALTHY);
    assertThat(cluster.image("argo-a", "api-primary")).isEqualTo("api:2");
  }

  @Test
  void aFailedAnalysisAbortsBackToTheStableReplicas() {
    cluster.deploy("argo-b", "api", "api:1", 10);
    ArgoCanaryDriver d = driver("argo-b", 0.5);
    d.reconcile();
    cluster.setImage("argo-b", "api", "api:2");
    d.reconcile();
    d.reconcile();
    clock.advance(Duration.ofMinutes(5));
    d.reconcile();
    assertThat(d.reconcile()).isEqualTo(RolloutPhase.DEGRADED);
    assertThat(cluster.replicas("argo-b", "api")).isZero();
    assertThat(cluster.replicas("argo-b", "api-primary")).isEqualTo(10);
    assertThat(cluster.image("argo-b", "api-primary")).isEqualTo("api:1");
    assertThat(d.retry()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(d.state().stepIndex()).isZero();
  }
}
