package dev.kurator.rollout.metrics;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kurator.core.ValidationException;
import dev.kurator.rollout.Analysis;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.TargetRef;
import dev.kurator.rollout.spi.MetricQuery;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.PartialResponse;
import dev.kurator.telemetry.health.MetricsProvider;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusMetricsTest {

  @RegisterExtension
  static WireMockExtension eu1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension us1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");
  static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  private FleetQuerier querier;

  @AfterEach
  void close() {
    if (querier != null) {
      querier.close();
    }
  }

  /** A Prometheus instant-vector answer with one sample per value (no labels but {@code series}). */
  static String vector(String... values) {
    StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? "," : "").append("{\"metric\":{\"series\":\"").append(i).append("\"},\"value\":[")
          .append(T.getEpochSecond()).append(",\"").append(values[i]).append("\"]}");
    }
    return sb.append("]}}").toString();
  }

  static void answer(WireMockExtension server, String body) {
    server.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private FleetQuerier querier(PartialResponse mode, Duration timeout) {
    querier = FleetQuerier.builder()
        .cluster("eu-1", Map.of(), URI.create(eu1.baseUrl()))
        .cluster("us-1", Map.of(), URI.create(us1.baseUrl()))
        .partialResponse(mode)
        .timeout(timeout)
        .retry(RetryConfig.custom().maxAttempts(1).build())
        .build();
    return querier;
  }

  private PrometheusMetrics metrics() {
    return PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofSeconds(2))).clock(CLOCK).build();
  }

  static CanarySpec canary(String provider) {
    return new CanarySpec("podinfo", "test", TargetRef.deployment("podinfo"), "podinfo-svc", 80, provider, false,
        false, false, 600, Analysis.canary(10, 50, 1));
  }

  static MetricCheck custom(String name, String templateRef, Duration interval) {
    return new MetricCheck(name, interval, OptionalDouble.empty(), OptionalDouble.of(5), OptionalDouble.empty(),
        Optional.empty(), Optional.ofNullable(templateRef));
  }

  private static MetricQuery on(String cluster, CanarySpec canary, MetricCheck check) {
    return new MetricQuery(cluster, canary, check);
  }

  @Test
  void successRateOnIstioIsFlaggersQueryAskedOfTheCanarysClusterOnly() {
    answer(eu1, vector("99.5"));
    answer(us1, vector("12"));
    PrometheusMetrics m = metrics();
    MetricCheck check = MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null);

    assertThat(m.query(on("eu-1", canary("istio"), check))).isEqualTo(new MetricValue.Value(99.5));
    assertThat(m.query(on("us-1", canary("istio"), check))).isEqualTo(new MetricValue.Value(12));

    String expected = MetricsProvider.ISTIO.successRateQuery("test", "podinfo", "1m");
    assertThat(expected).contains("istio_requests_total", "destination_workload_namespace=\"test\"");
    eu1.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query", equalTo(expected))
        .withFormParam("time", equalTo(String.valueOf(T.getEpochSecond()))));
    us1.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void durationOnThePlainPrometheusHistogramIsConvertedFromSecondsToWholeMilliseconds() {
    answer(eu1, vector("0.2505"));
    PrometheusMetrics m = metrics();
    MetricCheck check = new MetricCheck(MetricCheck.REQUEST_DURATION, Duration.ofSeconds(90), OptionalDouble.empty(),
        OptionalDouble.of(500), OptionalDouble.empty(), Optional.empty(), Optional.empty());

    assertThat(m.query(on("eu-1", canary("kubernetes"), check))).isEqualTo(new MetricValue.Value(250));
    eu1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query",
        equalTo(MetricsProvider.PROMETHEUS.durationQuery("test", "podinfo", "90s"))));
  }

  @Test
  void durationOnIstioIsAlreadyInMilliseconds() {
    answer(eu1, vector("431.9"));
    PrometheusMetrics m = metrics();
    MetricCheck check = MetricCheck.range(MetricCheck.REQUEST_DURATION, null, 500.0);

    assertThat(m.query(on("eu-1", canary("istio"), check))).isEqualTo(new MetricValue.Value(431));
    eu1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query",
        equalTo(MetricsProvider.ISTIO.durationQuery("test", "podinfo", "1m"))));
  }

  @Test
  void theObserverFollowsTheCanarysProviderUnlessFixed() {
    PrometheusMetrics byProvider = metrics();
    assertThat(byProvider.observerFor(canary("kubernetes"))).isEqualTo(MetricsProvider.PROMETHEUS);
    assertThat(byProvider.observerFor(canary("linkerd"))).as("Flagger's fallback").isEqualTo(MetricsProvider.ISTIO);
    assertThat(byProvider.observerFor(canary("istio"))).isEqualTo(MetricsProvider.ISTIO);
    assertThat(byProvider.observerFor(canary("gatewayapi:v1"))).isEqualTo(MetricsProvider.ISTIO);
    PrometheusMetrics fixed = PrometheusMetrics.builder(querier).observer(MetricsProvider.PROMETHEUS).build();
    assertThat(fixed.observerFor(canary("istio"))).isEqualTo(MetricsProvider.PROMETHEUS);
  }

  @Test
  void anEmptyResultIsNoValues() {
    answer(eu1, vector());
    assertThat(metrics().query(on("eu-1", canary("istio"),
        MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null)))).isInstanceOf(MetricValue.NoValues.class);
  }

  @Test
  void nanIsNoValuesForBuiltinAndTemplateMetrics() {
    answer(eu1, vector("NaN"));
    PrometheusMetrics m = PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofSeconds(2)))
        .clock(CLOCK).template(MetricTemplate.of("test", "errors", "sum(rate(errors[{{ interval }}]))")).build();

    assertThat(m.query(on("eu-1", canary("istio"), MetricCheck.range(MetricCheck.REQUEST_DURATION, null, 500.0))))
        .isInstanceOf(MetricValue.NoValues.class);
    assertThat(m.query(on("eu-1", canary("istio"), custom("errors", "errors", Duration.ofMinutes(1)))))
        .isInstanceOf(MetricValue.NoValues.class);
  }

  @Test
  void anHttpErrorIsAnErrorInBothPartialResponseModes() {
    eu1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(500).withBody("boom")));
    MetricCheck check = MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null);

    MetricValue warn = metrics().query(on("eu-1", canary("istio"), check));
    assertThat(warn).isInstanceOf(MetricValue.Error.class);
    assertThat(((MetricValue.Error) warn).message()).startsWith("Prometheus query failed").contains("eu-1");
    querier.close();

    MetricValue abort = PrometheusMetrics.builder(querier(PartialResponse.ABORT, Duration.ofSeconds(2)))
        .clock(CLOCK).build().query(on("eu-1", canary("istio"), check));
    assertThat(abort).isInstanceOf(MetricValue.Error.class);
    assertThat(((MetricValue.Error) abort).message()).startsWith("Prometheus query failed");
  }

  @Test
  void aBadQueryIsAnError() {
    eu1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}")));
    MetricCheck inline = new MetricCheck("custom", Duration.ofMinutes(1), OptionalDouble.empty(),
        OptionalDouble.of(1), OptionalDouble.empty(), Optional.of("sum(rate(x[1m]"), Optional.empty());

    MetricValue v = metrics().query(on("eu-1", canary("istio"), inline));
    assertThat(v).isInstanceOf(MetricValue.Error.class);
    assertThat(((MetricValue.Error) v).message()).contains("parse error at char 5");
    eu1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query", equalTo("sum(rate(x[1m]")));
  }

  @Test
  void aPrometheusThatDoesNotAnswerInTimeIsAnError() {
    eu1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(vector("99.9")).withFixedDelay(1_500)));
    answer(us1, vector("99.9"));
    PrometheusMetrics m = PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofMillis(300)))
        .clock(CLOCK).build();
    MetricCheck check = MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null);

    MetricValue slow = m.query(on("eu-1", canary("istio"), check));
    assertThat(slow).isInstanceOf(MetricValue.Error.class);
    assertThat(((MetricValue.Error) slow).message()).contains("eu-1");
    assertThat(m.query(on("us-1", canary("istio"), check))).as("the other cluster is unaffected")
        .isEqualTo(new MetricValue.Value(99.9));
  }

  @Test
  void moreThanOneSeriesIsAnError() {
    answer(eu1, vector("1", "2"));
    MetricValue v = metrics().query(on("eu-1", canary("istio"), MetricCheck.range("request-success-rate", 99.0,
        null)));
    assertThat(v).isEqualTo(new MetricValue.Error("Prometheus query returned 2 series, expected a single value"));
  }

  @Test
  void aClusterWithoutPrometheusIsAnError() {
    MetricValue v = metrics().query(on("ap-1", canary("istio"), MetricCheck.range("request-success-rate", 99.0,
        null)));
    assertThat(v).isEqualTo(new MetricValue.Error("no Prometheus endpoint for cluster ap-1"));
  }

  @Test
  void templatesRenderFlaggersVariablesPerClusterAndCanary() {
    answer(eu1, vector("0.5"));
    answer(us1, vector("7"));
    MetricTemplate t = MetricTemplate.of("flagger-system", "not-found-percentage",
        "100 - sum(rate(http_requests_total{namespace=\"{{ namespace }}\",app=\"{{ target }}\",svc=\"{{service}}\","
            + "canary=\"{{ name }}\",status!=\"{{ variables.code }}\"}[{{ interval }}]))");
    PrometheusMetrics m = PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofSeconds(2)))
        .clock(CLOCK).template(t).templateVariables("404s", Map.of("code", "404")).build();
    MetricCheck check = custom("404s", "flagger-system/not-found-percentage", Duration.ofMinutes(2));

    assertThat(m.query(on("eu-1", canary("istio"), check))).isEqualTo(new MetricValue.Value(0.5));
    assertThat(m.query(on("us-1", canary("istio"), check))).isEqualTo(new MetricValue.Value(7));
    String rendered = "100 - sum(rate(http_requests_total{namespace=\"test\",app=\"podinfo\",svc=\"podinfo-svc\","
        + "canary=\"podinfo\",status!=\"404\"}[2m]))";
    eu1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query", equalTo(rendered)));
    us1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query")).withFormParam("query", equalTo(rendered)));
  }

  @Test
  void aTemplateRefWithoutNamespaceMeansTheCanarysNamespace() {
    answer(eu1, vector("3"));
    PrometheusMetrics m = PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofSeconds(2)))
        .clock(CLOCK).template(MetricTemplate.of("test", "errors", "sum(errors{ns=\"{{ namespace }}\"})")).build();
    assertThat(m.query(on("eu-1", canary("istio"), custom("errors", "errors", Duration.ofMinutes(1)))))
        .isEqualTo(new MetricValue.Value(3));
    assertThat(m.query(on("eu-1", canary("istio"), custom("errors", "other/errors", Duration.ofMinutes(1)))))
        .isEqualTo(new MetricValue.Error("MetricTemplate other/errors not found"));
  }

  @Test
  void aTemplateThatCannotBeRenderedOrRunIsAnErrorWithoutAnyQuery() {
    PrometheusMetrics m = PrometheusMetrics.builder(querier(PartialResponse.WARN, Duration.ofSeconds(2)))
        .clock(CLOCK)
        .template(MetricTemplate.of("test", "vars", "sum(x{a=\"{{ variables.a }}\",b=\"{{ variables.b }}\"})"))
        .template(new MetricTemplate("test", "dd", "datadog", "avg:requests{*}"))
        .build();

    assertThat(m.query(on("eu-1", canary("istio"), custom("vars", "vars", Duration.ofMinutes(1)))))
        .isEqualTo(new MetricValue.Error(
            "MetricTemplate test/vars query render error: no value for variables.a, variables.b"));
    assertThat(m.query(on("eu-1", canary("istio"), custom("dd", "dd", Duration.ofMinutes(1)))))
        .isInstanceOf(MetricValue.Error.class);
    assertThat(m.query(on("eu-1", canary("istio"), custom("nothing", null, Duration.ofMinutes(1)))))
        .isEqualTo(new MetricValue.Error("metric nothing has neither a templateRef nor a query"));
    eu1.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void metricTemplateYamlLoadsAsFlaggerWritesIt() {
    MetricTemplate t = MetricTemplate.parse("""
        apiVersion: flagger.app/v1beta1
        kind: MetricTemplate
        metadata:
          name: latency
          namespace: istio-system
        spec:
          provider:
            type: prometheus
            address: http://prometheus.istio-system:9090
          query: |
            histogram_quantile(0.99, sum(rate(x_bucket{ns="{{ namespace }}"}[{{ interval }}])) by (le))
        """);
    assertThat(t.key()).isEqualTo("istio-system/latency");
    assertThat(t.isPrometheus()).isTrue();
    assertThat(t.render(Map.of("namespace", "test", "interval", "1m")).strip())
        .isEqualTo("histogram_quantile(0.99, sum(rate(x_bucket{ns=\"test\"}[1m])) by (le))");
    assertThat(MetricTemplate.parse("kind: MetricTemplate\nmetadata: {name: a, namespace: b}\n"
        + "spec: {provider: {type: someday}, query: up}").isPrometheus())
        .as("an unknown provider type falls back to prometheus").isTrue();
  }

  @Test
  void invalidTemplatesAreRejectedWithFieldPaths() {
    assertThatThrownBy(() -> MetricTemplate.parse("kind: Canary\nmetadata: {name: ''}\nspec: {}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("kind: was \"Canary\", must be MetricTemplate")
        .hasMessageContaining("metadata.name")
        .hasMessageContaining("metadata.namespace")
        .hasMessageContaining("spec.query");
    FleetQuerier q = querier(PartialResponse.WARN, Duration.ofSeconds(1));
    assertThatThrownBy(() -> PrometheusMetrics.builder(q)
        .template(MetricTemplate.of("a", "b", "up")).template(MetricTemplate.of("a", "b", "down"))
        .template(MetricTemplate.of("a", "c", " ")).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("templates[a/b]: was \"a/b\", must be registered once")
        .hasMessageContaining("templates[a/c].query");
  }

  @Test
  void intervalsUseThePromqlNotation() {
    assertThat(PrometheusMetrics.promDuration(Duration.ofMinutes(1))).isEqualTo("1m");
    assertThat(PrometheusMetrics.promDuration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(PrometheusMetrics.promDuration(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(PrometheusMetrics.promDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
