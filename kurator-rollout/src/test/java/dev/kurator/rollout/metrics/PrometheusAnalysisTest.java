package dev.kurator.rollout.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kurator.rollout.Analysis;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.CanaryState;
import dev.kurator.rollout.CanaryStateMachine;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricSample;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.Observations;
import dev.kurator.rollout.Readiness;
import dev.kurator.rollout.Webhook;
import dev.kurator.rollout.spi.MetricQuery;
import dev.kurator.telemetry.FleetQuerier;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flagger's canary machine, tick by tick, with its metric checks answered by one cluster's Prometheus. */
class PrometheusAnalysisTest {

  @RegisterExtension
  static WireMockExtension prom = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private FleetQuerier querier;
  private PrometheusMetrics metrics;
  private final CanarySpec spec = CanarySpec.of("podinfo", "test", Analysis.builder().stepWeight(10).maxWeight(50)
      .threshold(2).metric(MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null))
      .metric(MetricCheck.range(MetricCheck.REQUEST_DURATION, null, 500.0)).build());

  /** Everything is ready and every hook passes; metrics come from Prometheus as the driver reads them. */
  private final class PrometheusWorld implements Observations {
    @Override
    public String targetHash() {
      return "rev-1";
    }

    @Override
    public Readiness canaryReadiness() {
      return Readiness.READY;
    }

    @Override
    public Readiness primaryReadiness() {
      return Readiness.READY;
    }

    @Override
    public boolean callWebhook(Webhook hook, CanaryPhase phase) {
      return true;
    }

    @Override
    public MetricSample sampleMetrics(List<MetricCheck> checks) {
      Map<String, MetricValue> values = new LinkedHashMap<>();
      checks.forEach(c -> values.put(c.name(), metrics.query(new MetricQuery("eu-1", spec, c))));
      return MetricSample.of(values);
    }
  }

  @BeforeEach
  void setUp() {
    querier = FleetQuerier.builder().cluster("eu-1", Map.of(), URI.create(prom.baseUrl()))
        .timeout(Duration.ofSeconds(2)).retry(RetryConfig.custom().maxAttempts(1).build()).build();
    metrics = PrometheusMetrics.builder(querier).clock(PrometheusMetricsTest.CLOCK).build();
  }

  @AfterEach
  void tearDown() {
    querier.close();
  }

  private static void prometheusSays(String value) {
    prom.resetAll();
    PrometheusMetricsTest.answer(prom, value == null ? PrometheusMetricsTest.vector()
        : PrometheusMetricsTest.vector(value));
  }

  private CanaryState tick(CanaryState s, List<String> trace) {
    CanaryState next = CanaryStateMachine.tick(spec, s, new PrometheusWorld(), PrometheusMetricsTest.CLOCK).state();
    trace.add(next.phase() + "/" + next.canaryWeight() + "/" + next.failedChecks());
    return next;
  }

  @Test
  void goodReadingsAdvanceAndNoValuesHaltUntilTheThresholdRollsBack() {
    List<String> trace = new ArrayList<>();
    CanaryState s = CanaryState.initialized("rev-0", PrometheusMetricsTest.T);
    prometheusSays("99.9");
    for (int i = 0; i < 3; i++) {
      s = tick(s, trace);
    }
    assertThat(s.phase()).isEqualTo(CanaryPhase.PROGRESSING);
    assertThat(s.canaryWeight()).isEqualTo(20);
    assertThat(s.failedChecks()).isZero();

    prometheusSays("NaN");
    s = tick(s, trace);
    assertThat(s.canaryWeight()).as("no values halts advancement").isEqualTo(20);
    assertThat(s.failedChecks()).isEqualTo(1);
    prometheusSays(null);
    s = tick(s, trace);
    assertThat(s.failedChecks()).isEqualTo(2);
    assertThat(s.phase()).isEqualTo(CanaryPhase.PROGRESSING);
    s = tick(s, trace);
    assertThat(s.phase()).as("rollback on the tick after the threshold-th failure, trace %s", trace)
        .isEqualTo(CanaryPhase.FAILED);
    assertThat(s.canaryWeight()).isZero();
  }

  @Test
  void aFailingPrometheusCountsAFailedCheckEachTick() {
    CanaryState s = CanaryState.initialized("rev-0", PrometheusMetricsTest.T);
    List<String> trace = new ArrayList<>();
    prometheusSays("99.9");
    s = tick(tick(s, trace), trace);
    int weight = s.canaryWeight();
    prom.resetAll();
    prom.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(502).withBody("bad gw")));
    s = tick(s, trace);
    assertThat(s.failedChecks()).isEqualTo(1);
    assertThat(s.canaryWeight()).isEqualTo(weight);
    prometheusSays("99.9");
    s = tick(s, trace);
    assertThat(s.failedChecks()).as("failed checks are cumulative").isEqualTo(1);
    assertThat(s.canaryWeight()).isEqualTo(weight + 10);
  }
}
