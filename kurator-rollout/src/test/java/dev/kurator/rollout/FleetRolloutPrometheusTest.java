package dev.kurator.rollout;

import dev.kurator.testing.ManualClock;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kurator.core.Fleet;
import dev.kurator.rollout.ClusterRolloutStatus.Outcome;
import dev.kurator.rollout.metrics.PrometheusMetrics;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.testing.EmbeddedFleet;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fleet rollout whose analysis reads each cluster's own Prometheus (WireMock) through {@link PrometheusMetrics}. */
@Timeout(120)
class FleetRolloutPrometheusTest {

  @RegisterExtension
  static WireMockExtension promCanary = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension promEu = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension promUs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final AtomicInteger SEQ = new AtomicInteger();
  private static EmbeddedFleet embedded;
  private static Fleet members;
  private final String ns = "prom-" + SEQ.incrementAndGet();
  private FleetFixture fixture;
  private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
  private FleetQuerier querier;

  @BeforeAll
  static void startFleet() {
    embedded = EmbeddedFleet.builder().names("canary-cluster", "eu-1", "us-1").start();
    members = embedded.fleet();
  }

  @AfterAll
  static void stopFleet() {
    embedded.close();
  }

  @BeforeEach
  void setUp() {
    fixture = FleetFixture.deploy(embedded, ns, clock);
    Map<String, WireMockExtension> prometheus = Map.of("canary-cluster", promCanary, "eu-1", promEu, "us-1", promUs);
    querier = FleetQuerier.builder()
        .endpoints(members, m -> URI.create(prometheus.get(m.name()).baseUrl()))
        .timeout(Duration.ofSeconds(2))
        .retry(RetryConfig.custom().maxAttempts(1).build())
        .build();
    healthy(promCanary);
    healthy(promEu);
    healthy(promUs);
  }

  @AfterEach
  void tearDown() {
    querier.close();
  }

  private static void answer(WireMockExtension server, String result) {
    server.resetAll();
    server.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}")));
  }

  private static void healthy(WireMockExtension server) {
    answer(server, "{\"metric\":{},\"value\":[1767225600,\"99.9\"]}");
  }

  private FleetRollout.Builder rollout() {
    Analysis a = Analysis.canary(50, 50, 1)
        .withMetrics(List.of(MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null)));
    return FleetRollout.of(CanarySpec.of("podinfo", ns, a))
        .waves(Wave.of("canary-cluster"), Wave.of("eu-1"), Wave.rest())
        .onFailure(FleetFailurePolicy.ABORT_ALL)
        .metrics(PrometheusMetrics.builder(querier).clock(clock).build())
        .clock(clock);
  }

  @Test
  void everyClustersAnalysisReadsItsOwnPrometheusAndTheFleetSucceeds() {
    FleetRollout r = rollout().start(members);
    assertThat(fixture.tickUntilDone(r, 12).phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    fixture.newRevision();
    FleetStatus s = fixture.tickUntilDone(r, 30);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.SUCCEEDED);
    assertThat(fixture.primaryImages()).containsOnly("podinfo:2.0");
    for (WireMockExtension p : List.of(promCanary, promEu, promUs)) {
      p.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
          .withRequestBody(containing("istio_requests_total"))
          .withRequestBody(containing("destination_workload_namespace%3D%22" + ns + "%22")));
    }
  }

  @Test
  void noValuesOnOneClustersPrometheusFailsItsChecksAndAbortsTheFleet() {
    FleetRollout r = rollout().start(members);
    fixture.tickUntilDone(r, 12);
    answer(promEu, "");
    fixture.newRevision();
    FleetStatus s = fixture.tickUntilDone(r, 30);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.FAILED);
    assertThat(s.cluster("canary-cluster").orElseThrow().outcome()).isEqualTo(Outcome.ABORTED);
    assertThat(s.cluster("eu-1").orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(s.cluster("us-1").orElseThrow().outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(fixture.primaryImages()).as("every cluster serves the previous revision").containsOnly("podinfo:1.0");
    promUs.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void anUnreachablePrometheusCountsAsAFailedCheck() {
    FleetRollout r = rollout().start(members);
    fixture.tickUntilDone(r, 12);
    promEu.resetAll();
    promEu.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(503).withBody("down")));
    fixture.newRevision();
    FleetStatus s = fixture.tickUntilDone(r, 30);
    assertThat(s.phase()).isEqualTo(FleetStatus.Phase.FAILED);
    assertThat(s.cluster("eu-1").orElseThrow().outcome()).isEqualTo(Outcome.FAILED);
    assertThat(fixture.primaryImages()).containsOnly("podinfo:1.0");
  }
}
