package dev.kurator.telemetry;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kurator.core.ValidationException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FleetQuerierTest {

  @RegisterExtension
  static WireMockExtension eu1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension eu2a = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension eu2b = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
  @RegisterExtension
  static WireMockExtension us1 = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant T = Instant.ofEpochSecond(1700001200);

  private static String vector(String... metricValuePairs) {
    StringBuilder sb = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
    for (int i = 0; i < metricValuePairs.length; i += 2) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"metric\":").append(metricValuePairs[i]).append(",\"value\":[1700001200,\"")
          .append(metricValuePairs[i + 1]).append("\"]}");
    }
    return sb.append("]}}").toString();
  }

  private static void answer(WireMockExtension server, String path, String body) {
    server.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(body)));
  }

  private static URI uri(WireMockExtension server) {
    return URI.create(server.baseUrl());
  }

  private static FleetQuerier.Builder fleet() {
    return FleetQuerier.builder()
        .cluster("eu-1", Map.of("region", "eu"), uri(eu1))
        .cluster("eu-2", Map.of("region", "eu"), uri(eu2a), uri(eu2b))
        .cluster("us-1", Map.of("region", "us"), uri(us1))
        .timeout(Duration.ofSeconds(2))
        .retry(RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(1))
            .retryOnException(t -> !(t instanceof PrometheusApiException p) || p.isTransient()).build());
  }

  @Test
  void addsTheClusterLabelAndDeduplicatesHaReplicas() {
    answer(eu1, "/api/v1/query", vector("{\"job\":\"api\"}", "1"));
    answer(eu2a, "/api/v1/query", vector("{\"job\":\"api\"}", "2"));
    answer(eu2b, "/api/v1/query", vector("{\"job\":\"api\"}", "2.5"));
    answer(us1, "/api/v1/query", vector("{\"job\":\"api\",\"cluster\":\"wrong\"}", "3"));
    try (FleetQuerier q = fleet().build()) {
      QueryResult r = q.query("sum by (job) (rate(x[5m]))", T);
      assertThat(r.warnings()).isEmpty();
      assertThat(r.vector()).containsExactly(
          Sample.of(Labels.of("job", "api", "cluster", "eu-1"), 1700001200000L, 1),
          Sample.of(Labels.of("job", "api", "cluster", "eu-2"), 1700001200000L, 2),
          Sample.of(Labels.of("job", "api", "cluster", "us-1"), 1700001200000L, 3));
      assertThat(r.outcomes()).extracting(EndpointOutcome::status).containsOnly(EndpointOutcome.Status.SUCCESS);
      assertThat(r.outcomes()).hasSize(4);
    }
    eu1.verify(postRequestedFor(urlPathEqualTo("/api/v1/query"))
        .withRequestBody(containing("query=sum+by+%28job%29+%28rate%28x%5B5m%5D%29%29"))
        .withRequestBody(containing("time=1700001200")).withRequestBody(containing("timeout=2000ms")));
  }

  @Test
  void replicaLabelsAreRemovedBeforeMerging() {
    answer(eu1, "/api/v1/query", vector("{\"job\":\"api\",\"replica\":\"r0\"}", "1",
        "{\"job\":\"api\",\"replica\":\"r1\"}", "7"));
    try (FleetQuerier q = FleetQuerier.builder().cluster("eu-1", Map.of(), uri(eu1)).replicaLabels("replica").build()) {
      assertThat(q.query("x", T).vector()).containsExactly(
          Sample.of(Labels.of("job", "api", "cluster", "eu-1"), 1700001200000L, 1));
    }
  }

  @Test
  void failingEndpointBecomesAWarningAfterRetriesUnderWarn() {
    answer(eu1, "/api/v1/query", vector("{}", "1"));
    answer(eu2a, "/api/v1/query", vector("{}", "2"));
    answer(eu2b, "/api/v1/query", vector("{}", "2"));
    us1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(503)
        .withBody("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}")));
    try (FleetQuerier q = fleet().build()) {
      QueryResult r = q.query("up", T);
      assertThat(r.vector()).extracting(s -> s.metric().get("cluster").orElseThrow()).containsExactly("eu-1", "eu-2");
      assertThat(r.warnings()).singleElement().asString()
          .startsWith("cluster \"us-1\" endpoint " + us1.baseUrl())
          .contains("timeout: query timed out in expression evaluation (HTTP 503)");
      assertThat(r.isPartial()).isTrue();
      assertThat(r.failures()).extracting(EndpointOutcome::cluster).containsExactly("us-1");
    }
    us1.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void abortModeFailsTheQueryNamingTheEndpoint() {
    answer(eu1, "/api/v1/query", vector("{}", "1"));
    answer(eu2a, "/api/v1/query", vector("{}", "2"));
    answer(eu2b, "/api/v1/query", vector("{}", "2"));
    us1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(500).withBody("oops")));
    try (FleetQuerier q = fleet().partialResponse(PartialResponse.ABORT).build()) {
      assertThatThrownBy(() -> q.query("up", T))
          .isInstanceOf(FleetQueryException.class)
          .hasMessageContaining("cluster \"us-1\"")
          .hasMessageContaining("unexpected answer: oops (HTTP 500)")
          .satisfies(e -> assertThat(((FleetQueryException) e).failures()).hasSize(1));
    }
  }

  @Test
  void executionErrorsAreNotRetried() {
    answer(eu1, "/api/v1/query", vector("{}", "1"));
    us1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(422).withBody(
        "{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"many-to-many matching not allowed\"}")));
    try (FleetQuerier q = fleet().build()) {
      QueryResult r = q.query("a / b", T, ClusterSelector.names("eu-1", "us-1"));
      assertThat(r.warnings()).singleElement().asString().contains("execution: many-to-many matching not allowed");
    }
    us1.verify(1, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void slowEndpointTimesOutWithoutHoldingTheOthers() {
    answer(eu1, "/api/v1/query", vector("{}", "1"));
    us1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(200)
        .withBody(vector("{}", "3")).withFixedDelay(3000)));
    try (FleetQuerier q = fleet().timeout(Duration.ofMillis(1000)).retry(RetryConfig.custom().maxAttempts(1).build())
        .build()) {
      long started = System.nanoTime();
      QueryResult r = q.query("up", T, ClusterSelector.names("eu-1", "us-1"));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
      assertThat(r.warnings()).singleElement().asString().contains("us-1").contains("timed out after 1000 ms");
      assertThat(r.vector()).hasSize(1);
    }
  }

  @Test
  void circuitBreakerOpensAfterRepeatedFailures() {
    us1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(502).withBody("bad gateway")));
    try (FleetQuerier q = fleet().retry(RetryConfig.custom().maxAttempts(1).build())
        .circuitBreaker(CircuitBreakerConfig.custom().slidingWindowSize(2).minimumNumberOfCalls(2)
            .failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1)).build())
        .build()) {
      ClusterSelector us = ClusterSelector.labels("region=us");
      assertThat(q.query("up", T, us).warnings()).singleElement().asString().contains("bad gateway");
      assertThat(q.query("up", T, us).warnings()).singleElement().asString().contains("bad gateway");
      assertThat(q.query("up", T, us).warnings()).singleElement().asString().contains("circuit breaker open");
    }
    us1.verify(2, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void malformedQueryThrowsInBothModes() {
    String bad = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:4: parse error\"}";
    eu1.stubFor(post(urlPathEqualTo("/api/v1/query")).willReturn(aResponse().withStatus(400).withBody(bad)));
    try (FleetQuerier q = fleet().build()) {
      assertThatThrownBy(() -> q.query("sum(", T, ClusterSelector.names("eu-1")))
          .isInstanceOf(PrometheusApiException.class)
          .satisfies(e -> assertThat(((PrometheusApiException) e).errorType()).contains(ErrorType.BAD_DATA))
          .hasMessageContaining("parse error");
    }
  }

  @Test
  void selectorAsksOnlyMatchingClustersAndReportsTheRestSkipped() {
    answer(us1, "/api/v1/query", vector("{}", "3"));
    try (FleetQuerier q = fleet().build()) {
      QueryResult r = q.query("up", T, ClusterSelector.labels("region!=eu"));
      assertThat(r.vector()).singleElement().extracting(Sample::value).isEqualTo(3.0);
      assertThat(r.outcomes()).extracting(EndpointOutcome::cluster, EndpointOutcome::status).containsExactly(
          org.assertj.core.groups.Tuple.tuple("eu-1", EndpointOutcome.Status.SKIPPED),
          org.assertj.core.groups.Tuple.tuple("eu-2", EndpointOutcome.Status.SKIPPED),
          org.assertj.core.groups.Tuple.tuple("eu-2", EndpointOutcome.Status.SKIPPED),
          org.assertj.core.groups.Tuple.tuple("us-1", EndpointOutcome.Status.SUCCESS));
    }
    eu1.verify(0, postRequestedFor(urlPathEqualTo("/api/v1/query")));
  }

  @Test
  void metadataIsMergedWithClusterLabel() {
    answer(eu1, "/api/v1/labels", "{\"status\":\"success\",\"data\":[\"__name__\",\"job\",\"replica\"]}");
    answer(us1, "/api/v1/labels", "{\"status\":\"success\",\"data\":[]}");
    answer(eu1, "/api/v1/series", "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\",\"replica\":\"r0\"},"
        + "{\"__name__\":\"up\",\"job\":\"a\",\"replica\":\"r1\"}]}");
    answer(us1, "/api/v1/series", "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"}]}");
    eu1.stubFor(get(urlPathEqualTo("/api/v1/label/job/values")).willReturn(aResponse().withStatus(200)
        .withBody("{\"status\":\"success\",\"data\":[\"b\",\"a\"]}")));
    us1.stubFor(get(urlPathEqualTo("/api/v1/label/job/values")).willReturn(aResponse().withStatus(200)
        .withBody("{\"status\":\"success\",\"data\":[\"c\"]}")));
    ClusterSelector two = ClusterSelector.names("eu-1", "us-1");
    try (FleetQuerier q = fleet().replicaLabels("replica").build()) {
      assertThat(q.labelNames(List.of(), null, null, two).data()).containsExactly("__name__", "cluster", "job");
      assertThat(q.labelValues("cluster", List.of(), null, null, two).data()).containsExactly("eu-1");
      assertThat(q.labelValues("job", List.of(), null, null, two).data()).containsExactly("a", "b", "c");
      MetadataResult<Labels> series = q.series(List.of("up"), T.minusSeconds(60), T, two);
      assertThat(series.data()).containsExactly(Labels.of("__name__", "up", "job", "a", "cluster", "eu-1"),
          Labels.of("__name__", "up", "job", "a", "cluster", "us-1"));
      assertThat(PrometheusJson.write(series.toApiResponse())).isEqualTo("{\"status\":\"success\",\"data\":["
          + "{\"__name__\":\"up\",\"cluster\":\"eu-1\",\"job\":\"a\"},{\"__name__\":\"up\",\"cluster\":\"us-1\",\"job\":\"a\"}]}");
    }
  }

  @Test
  void builderListsEveryProblem() {
    assertThatThrownBy(() -> FleetQuerier.builder()
        .cluster("a", Map.of(), URI.create("ftp://x"))
        .cluster("a", Map.of(), URI.create("http://user:secret@host:9090"))
        .clusterLabel("__cluster").replicaLabels("bad-label").timeout(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("clusters[0].endpoints[0]: was \"ftp://x\", must be an absolute http(s) URI with a host")
        .hasMessageContaining("clusters[1].cluster: was \"a\", must be unique")
        .hasMessageContaining("clusterLabel: was \"__cluster\"")
        .hasMessageContaining("replicaLabels: was \"bad-label\"")
        .hasMessageContaining("timeout: was PT0S, must be at least 1 ms")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret"));
    assertThatThrownBy(() -> FleetQuerier.builder().build()).hasMessageContaining("clusters: was [], must list at least one cluster");
    assertThatThrownBy(() -> ClusterSelector.labels("region=eu,,x")).hasMessageContaining("selector[1]");
  }
}
