package dev.kurator.rollout;

import dev.kurator.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ValidationException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@org.junit.jupiter.api.Timeout(60)
class CanaryDriverTest {

  private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();
  private static MockCluster cluster;
  private final String ns = "test-" + SEQ.incrementAndGet();
  private static final ResourceDefinitionContext VS = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1beta1").withKind("VirtualService").withPlural("virtualservices")
      .withNamespaced(true).build();

  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));

  @org.junit.jupiter.api.BeforeAll
  static void startCluster() {
    cluster = new MockCluster("eu-1");
  }

  @org.junit.jupiter.api.AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void setUp() {
    cluster.deploy(ns, "podinfo", "podinfo:1.0", 3);
    cluster.settle(ns);
  }

  private CanaryDriver driver(CanarySpec spec, MetricValue successRate) {
    return CanaryDriver.builder(cluster.client, spec).cluster("eu-1").clock(clock)
        .metrics(new dev.kurator.rollout.spi.MetricProvider() {
          @Override
          public String name() {
            return "fixed";
          }

          @Override
          public MetricValue query(dev.kurator.rollout.spi.MetricQuery q) {
            return successRate;
          }
        }).build();
  }

  private CanarySpec canary() {
    Analysis a = Analysis.canary(25, 50, 2).withMetrics(List.of(MetricCheck.range("request-success-rate", 99.0, null)));
    return CanarySpec.of("podinfo", ns, a);
  }

  private CanaryStatus tick(CanaryDriver d) {
    clock.advance(java.time.Duration.ofMinutes(1));
    CanaryStatus s = d.tick();
    cluster.settle(ns);
    return s;
  }

  private void initialize(CanaryDriver d) {
    tick(d);
    assertThat(tick(d).phase()).isEqualTo(CanaryPhase.INITIALIZED);
  }

  private int vsCanaryWeight() {
    GenericKubernetesResource vs = cluster.client.genericKubernetesResources(VS).inNamespace(ns).withName("podinfo")
        .get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) vs.getAdditionalProperties().get("spec");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> http = (List<Map<String, Object>>) spec.get("http");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> route = (List<Map<String, Object>>) http.get(0).get("route");
    return ((Number) route.get(1).get("weight")).intValue();
  }

  @Test
  void promotesANewRevisionStepByStepAndCopiesItToThePrimary() {
    CanaryDriver d = driver(canary(), MetricValue.of(99.9));
    assertThat(tick(d).phase()).as("waits for the new primary to be ready").isEqualTo(CanaryPhase.INITIALIZING);
    assertThat(tick(d).phase()).isEqualTo(CanaryPhase.INITIALIZED);
    assertThat(cluster.image(ns, "podinfo-primary")).isEqualTo("podinfo:1.0");
    assertThat(cluster.replicas(ns, "podinfo-primary")).isEqualTo(3);
    assertThat(cluster.replicas(ns, "podinfo")).isZero();
    assertThat(tick(d).phase()).isEqualTo(CanaryPhase.INITIALIZED);

    cluster.setImage(ns, "podinfo", "podinfo:2.0");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      CanaryStatus s = tick(d);
      seen.add(s.phase() + "/" + s.canaryWeight());
    }
    assertThat(seen).containsExactly("Progressing/0", "Progressing/25", "Progressing/50", "Promoting/50",
        "Finalising/0", "Succeeded/0", "Succeeded/0");
    assertThat(cluster.image(ns, "podinfo-primary")).isEqualTo("podinfo:2.0");
    assertThat(cluster.replicas(ns, "podinfo")).isZero();
    assertThat(vsCanaryWeight()).isZero();
  }

  @Test
  void routesTheVirtualServiceAtEveryStep() {
    CanaryDriver d = driver(canary(), MetricValue.of(99.9));
    initialize(d);
    cluster.setImage(ns, "podinfo", "podinfo:2.0");
    tick(d);
    assertThat(cluster.replicas(ns, "podinfo")).isEqualTo(3);
    tick(d);
    assertThat(vsCanaryWeight()).isEqualTo(25);
    tick(d);
    assertThat(vsCanaryWeight()).isEqualTo(50);
  }

  @Test
  void rollsBackWhenMetricsHaveNoValuesAndKeepsThePrimary() {
    CanaryDriver d = driver(canary(), MetricValue.noValues());
    initialize(d);
    cluster.setImage(ns, "podinfo", "podinfo:2.0");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CanaryStatus s = tick(d);
      seen.add(s.phase() + "/" + s.canaryWeight() + "/" + s.failedChecks());
    }
    assertThat(seen).containsExactly("Progressing/0/0", "Progressing/25/0", "Progressing/25/1", "Progressing/25/2",
        "Failed/0/0");
    assertThat(cluster.image(ns, "podinfo-primary")).isEqualTo("podinfo:1.0");
    assertThat(cluster.replicas(ns, "podinfo")).isZero();
    assertThat(vsCanaryWeight()).isZero();
  }

  @Test
  void aHostRestartedMidRolloutResumesWithoutRepeatingOrSkippingAStep() {
    CanaryDriver first = driver(canary(), MetricValue.of(99.9));
    initialize(first);
    cluster.setImage(ns, "podinfo", "podinfo:2.0");
    tick(first);
    assertThat(tick(first).canaryWeight()).isEqualTo(25);

    CanaryDriver restarted = driver(canary(), MetricValue.of(99.9));
    assertThat(restarted.status().canaryWeight()).isEqualTo(25);
    assertThat(restarted.status().phase()).isEqualTo(CanaryPhase.PROGRESSING);
    assertThat(tick(restarted).canaryWeight()).isEqualTo(50);
    assertThat(tick(restarted).phase()).isEqualTo(CanaryPhase.PROMOTING);
  }

  @Test
  void abortAfterPromotionRestoresThePreviousPrimary() {
    CanaryDriver d = driver(canary(), MetricValue.of(99.9));
    initialize(d);
    cluster.setImage(ns, "podinfo", "podinfo:2.0");
    for (int i = 0; i < 7; i++) {
      tick(d);
    }
    assertThat(d.status().phase()).isEqualTo(CanaryPhase.SUCCEEDED);
    assertThat(cluster.image(ns, "podinfo-primary")).isEqualTo("podinfo:2.0");
    assertThat(d.abort().phase()).isEqualTo(CanaryPhase.FAILED);
    assertThat(cluster.image(ns, "podinfo-primary")).isEqualTo("podinfo:1.0");
    assertThat(tick(d).phase()).as("the aborted revision is not retried").isEqualTo(CanaryPhase.FAILED);
  }

  @Test
  void rejectsAConfigWhereTheWeightWouldNeverMove() {
    CanarySpec stuck = CanarySpec.of("podinfo", ns, Analysis.canary(0, 50, 2));
    assertThatThrownBy(() -> CanaryDriver.builder(cluster.client, stuck).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec.analysis.stepWeight: was 0, must be positive unless stepWeights is set");
  }
}
