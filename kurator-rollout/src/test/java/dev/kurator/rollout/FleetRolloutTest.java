package dev.kurator.rollout;

import dev.kurator.testing.ManualClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.kurator.core.ValidationException;
import dev.kurator.rollout.ClusterRolloutStatus.Outcome;
import dev.kurator.rollout.spi.MetricProvider;
import dev.kurator.rollout.spi.MetricQuery;
import dev.kurator.core.Fleet;
import dev.kurator.testing.EmbeddedFleet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
@WireMockTest
class FleetRolloutTest {

  private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();
  private static EmbeddedFleet embedded;
  private static Fleet members;
  private final String ns = "apps-" + SEQ.incrementAndGet();
  private final List<MockCluster> clusters = new ArrayList<>();
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private final Set<String> sick = ConcurrentHashMap.newKeySet();
  private FleetFixture fixture;

  private final MetricProvider metrics = new MetricProvider() {
    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public MetricValue query(MetricQuery q) {
      return sick.contains(q.cluster()) ? MetricValue.of(42.0) : MetricValue.of(99.9);
    }
  };

  @org.junit.jupiter.api.BeforeAll
  static void startFleet() {
    embedded = EmbeddedFleet.builder().names("canary-cluster", "eu-1", "us-1").start();
    members = embedded.fleet();
  }

  @org.junit.jupiter.api.AfterAll
  static void stopFleet() {
    embedded.close();
  }

  @BeforeEach
  void setUp() {
    fixture = FleetFixture.deploy(embedded, ns, clock);
    clusters.addAll(fixture.clusters());
  }

  @AfterEach
  void tearDown() {
    embedded.healAll();
  }

  private CanarySpec canary() {
    Analysis a = Analysis.canary(50, 50, 1).withMetrics(List.of(MetricCheck.range("request-success-rate", 99.0, null)));
    return CanarySpec.of("podinfo", ns, a);
  }

  private FleetRollout.Builder rollout() {
    return FleetRollout.of(canary()).waves(Wave.of("canary-cluster"), Wave.of("eu-1"), Wave.rest())
        .metrics(metrics).clock(clock);
  }

  private FleetStatus tick(FleetRollout r) {
    return fixture.tick(r);
  }

  private FleetStatus tickUntilDone(FleetRollout r, int max) {
    return fixture.tickUntilDone(r, max);
  }

  private void newRevision() {
    fixture.newRevision();
  }

  private List<String> primaryImages() {
    return fixture.primaryImages();
  }

  @Test
  void rollsThreeClustersInThreeWavesOneAfterTheOther() {
    FleetRollout r = rollout().start(members);
    assertThat(r.waves()).containsExactly(List.of("canary-cluster"), List.of("eu-1"), List.of("us-1"));
    tick(r);
    assertThat(primaryImages()).as("every wave's primary exists from the first tick").containsOnly("podinfo:1.0");
    assertThat(tickUntilDone(r, 12).phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(primaryImages()).containsOnly("podinfo:1.0");

    newRevision();
    List<String> trace = new ArrayList<>();
    FleetStatus s = null;
    for (int i = 0; i < 30 && (s == null || s.phase() != FleetStatus.Phase.SUCCEEDED); i++) {
      s = tick(r);
      trace.add(s.currentWave() + ":" + s.clusters().stream().map(c -> c.outcome().name().charAt(0) + "")
          .reduce("", String::concat));
    }
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(s.clusters()).extracting(ClusterRolloutStatus::outcome).containsOnly(Outcome.SUCCEEDED);
    assertThat(primaryImages()).containsOnly("podinfo:2.0");
    assertThat(trace).as("a wave begins only once the one before it succeeded")
        .allSatisfy(t -> assertThat(t).doesNotMatch(".*P.*S.*").doesNotMatch(".*:.*P+.*PR.*"));
    assertThat(trace.get(0)).isEqualTo("1:PPP");
  }

  @Test
  void aFailureInWaveTwoRollsEveryClusterBack() {
    FleetRollout r = rollout().start(members);
    tickUntilDone(r, 12);
    sick.add("eu-1");
    newRevision();
    FleetStatus s = tickUntilDone(r, 30);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.FAILED);
    assertThat(s.cluster("canary-cluster").orElseThrow().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(s.cluster("eu-1").orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.cluster("us-1").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(primaryImages()).as("every cluster serves the previous revision").containsOnly("podinfo:1.0");
    assertThat(clusters.get(0).replicas(ns, "podinfo")).isZero();
    assertThat(tick(r).phase()).as("an aborted rollout stays aborted").isEqualTo(FleetStatus.Phase.FAILED);
  }

  @Test
  void isolateFailedLetsTheOtherClustersFinish() {
    FleetRollout r = rollout().onFailure(FleetFailurePolicy.ISOLATE_FAILED).start(members);
    tickUntilDone(r, 12);
    sick.add("eu-1");
    newRevision();
    FleetStatus s = tickUntilDone(r, 30);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(s.clusters()).extracting(ClusterRolloutStatus::outcome)
        .containsExactly(Outcome.SUCCEEDED, Outcome.FAILED, Outcome.SUCCEEDED);
    assertThat(primaryImages()).containsExactly("podinfo:2.0", "podinfo:1.0", "podinfo:2.0");
  }

  @Test
  void aRestartedHostResumesTheFleetRolloutWhereItWas() {
    FleetRollout first = rollout().start(members);
    tickUntilDone(first, 12);
    newRevision();
    FleetStatus before = null;
    for (int i = 0; i < 7; i++) {
      before = tick(first);
    }
    assertThat(before.currentWave()).isEqualTo(2);

    FleetRollout restarted = rollout().start(members);
    FleetStatus resumed = restarted.status();
    assertThat(resumed.currentWave()).isEqualTo(before.currentWave());
    assertThat(resumed.clusters()).isEqualTo(before.clusters());
    FleetStatus done = tickUntilDone(restarted, 30);
    assertThat(done.phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(primaryImages()).containsOnly("podinfo:2.0");
  }

  @Test
  void aRefusingOrSlowConfirmWebhookHoldsTheNextWave(WireMockRuntimeInfo wm) {
    stubFor(post(urlEqualTo("/wave")).willReturn(aResponse().withStatus(500)));
    Webhook confirm = new Webhook("wave-gate", HookType.CONFIRM_PROMOTION, URI.create(wm.getHttpBaseUrl() + "/wave"),
        Duration.ofMillis(300), 0, Map.of());
    FleetRollout r = rollout().confirmWebhook(confirm).start(members);
    assertThat(tickUntilDone(r, 3).phase()).as("initialising is not a rollout: no gate")
        .isEqualTo(FleetStatus.Phase.SUCCEEDED);
    newRevision();
    FleetStatus s = null;
    for (int i = 0; i < 7; i++) {
      s = tick(r);
    }
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.WAITING_GATE);
    assertThat(s.gateMessage()).hasValueSatisfying(m -> assertThat(m).contains("refused wave 2"));
    assertThat(s.cluster("eu-1").orElseThrow().outcome()).isEqualTo(Outcome.PENDING);

    stubFor(post(urlEqualTo("/wave")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
    assertThat(tick(r).phase()).as("a hook slower than its timeout keeps the gate closed")
        .isEqualTo(FleetStatus.Phase.WAITING_GATE);

    stubFor(post(urlEqualTo("/wave")).willReturn(aResponse().withStatus(202)));
    assertThat(tickUntilDone(r, 20).phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(primaryImages()).containsOnly("podinfo:2.0");
  }

  @Test
  void aFleetGateCanHoldTheNextWave() {
    List<Integer> asked = new ArrayList<>();
    FleetRollout r = rollout().gate((wave, rolled) -> {
      asked.add(wave);
      return wave == 3 ? java.util.Optional.of("fleet error rate too high") : java.util.Optional.empty();
    }).start(members);
    tickUntilDone(r, 3);
    newRevision();
    FleetStatus s = tickUntilDone(r, 12);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.WAITING_GATE);
    assertThat(s.currentWave()).isEqualTo(3);
    assertThat(s.gateMessage()).contains("fleet error rate too high");
    assertThat(asked).contains(2, 3);
  }

  @Test
  void anUnreachableClusterDoesNotBlockTheOthersOfItsWave() {
    FleetRollout r = FleetRollout.of(canary()).metrics(metrics).clock(clock).start(members);
    assertThat(r.waves()).containsExactly(List.of("canary-cluster", "eu-1", "us-1"));
    tickUntilDone(r, 6);
    newRevision();
    embedded.cluster("us-1").makeUnreachable();
    FleetStatus s = null;
    for (int i = 0; i < 6; i++) {
      s = tick(r);
    }
    assertThat(s.cluster("canary-cluster").orElseThrow().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.cluster("eu-1").orElseThrow().outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(s.cluster("us-1").orElseThrow().error()).isPresent();
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.PROGRESSING);

    embedded.cluster("us-1").heal();
    assertThat(tickUntilDone(r, 12).phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(primaryImages()).containsOnly("podinfo:2.0");
  }

  @Test
  void rejectsInvalidWavesAndCanaryListingEveryProblem() {
    CanarySpec bad = CanarySpec.of("podinfo", ns, new Analysis(Duration.ofMinutes(1), 1, 50, 10, List.of(5, 30), 0,
        0, false, 0, List.of(), List.of(), List.of()));
    assertThatThrownBy(() -> FleetRollout.of(bad).waves(Wave.of("mars-1"), Wave.rest(), Wave.percent(0))
        .start(members))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("spec.analysis.stepWeights: was [5, 30], must not be set together with stepWeight")
        .hasMessageContaining("waves[0].clusters[0]: was \"mars-1\", must name a member of the fleet")
        .hasMessageContaining("waves[1]: was \"rest\", must be the last wave")
        .hasMessageContaining("waves[2].percent: was 0, must be between 1 and 100");
    assertThatThrownBy(() -> FleetRollout.of(canary()).waves(Wave.of("eu-1")).start(members))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("must place every cluster of the fleet");
  }
}
