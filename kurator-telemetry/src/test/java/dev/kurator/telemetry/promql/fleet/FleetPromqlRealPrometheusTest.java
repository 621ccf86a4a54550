package dev.kurator.telemetry.promql.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.telemetry.ApiResponse;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.FleetTestData;
import dev.kurator.telemetry.LocalPrometheus;
import dev.kurator.telemetry.PrometheusApi;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.fleet.FleetPromqlEngine.FleetResult;
import dev.kurator.telemetry.promql.fleet.FleetPromqlEngine.Mode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fleet PromQL over real Prometheus servers (three clusters, one an HA pair) against one Prometheus holding all the
 * data with the cluster label: every query's fleet answer equals the reference, with and without pushdown.
 *
 * <p>Evaluation times sit 7 s off the 15 s sample grid, so no sample lies on a window boundary, where the reference
 * (Prometheus 2.42, closed windows) and this engine (3.x, left-open windows) legitimately differ.
 */
class FleetPromqlRealPrometheusTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.ofEpochSecond(FleetTestData.T0);
  private static final Instant AT = T0.plusSeconds(1793);
  private static final Instant START = T0.plusSeconds(547);
  private static final Instant END = T0.plusSeconds(1747);
  private static final Duration STEP = Duration.ofMinutes(1);

  private static final List<LocalPrometheus> servers = new ArrayList<>();
  private static PrometheusApi reference;
  private static FleetQuerier querier;

  private static final String[] QUERIES = {
      "sum(rate(http_requests_total[5m]))",
      "sum by (code) (rate(http_requests_total[5m]))",
      "sum by (cluster) (increase(http_requests_total[10m]))",
      "sum without (code) (rate(http_requests_total[5m]))",
      "avg(node_cpu_usage)",
      "avg by (job) (rate(http_requests_total[5m]))",
      "min(node_cpu_usage)",
      "max by (job) (node_cpu_usage)",
      "count(http_requests_total)",
      "count by (code) (http_requests_total)",
      "group by (job) (http_requests_total)",
      "topk(2, rate(http_requests_total[5m]))",
      "bottomk(2, node_cpu_usage)",
      "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[5m])))",
      "histogram_quantile(0.5, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))",
      "histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket[5m])))",
      "sum(rate(http_requests_total{code=\"500\"}[5m])) / sum(rate(http_requests_total[5m]))",
      "sum by (destination_workload) (rate(istio_requests_total{response_code=~\"5..\"}[5m]))",
      "max_over_time(node_cpu_usage[10m])",
      "quantile(0.5, node_cpu_usage)",
      "stddev(node_cpu_usage)",
      "sum by (cluster) (node_cpu_usage) * 2",
      "rate(http_requests_total{cluster=\"eu-2\"}[5m])",
      "sum(node_cpu_usage) - min(node_cpu_usage)",
  };

  @BeforeAll
  static void startServers() {
    LocalPrometheus.assumeInstalled();
    List<CompletableFuture<LocalPrometheus>> starting = List.of(
        CompletableFuture.supplyAsync(() -> LocalPrometheus.start("eu-1", FleetTestData.cluster("eu-1", 0))),
        CompletableFuture.supplyAsync(() -> LocalPrometheus.start("eu-2", FleetTestData.cluster("eu-2", 0))),
        CompletableFuture.supplyAsync(() -> LocalPrometheus.start("us-1-r0", FleetTestData.cluster("us-1", 0))),
        CompletableFuture.supplyAsync(() -> LocalPrometheus.start("us-1-r1", FleetTestData.cluster("us-1", 1))),
        CompletableFuture.supplyAsync(() -> LocalPrometheus.start("reference", FleetTestData.reference())));
    Map<String, URI> uris = new HashMap<>();
    for (CompletableFuture<LocalPrometheus> f : starting) {
      LocalPrometheus p = f.join();
      servers.add(p);
      uris.put(p.name(), p.uri());
    }
    reference = PrometheusApi.http(uris.get("reference"), HttpClient.newHttpClient());
    querier = FleetQuerier.builder()
        .cluster("eu-1", Map.of("region", "eu"), uris.get("eu-1"))
        .cluster("eu-2", Map.of("region", "eu"), uris.get("eu-2"))
        .cluster("us-1", Map.of("region", "us"), uris.get("us-1-r0"), uris.get("us-1-r1"))
        .timeout(TIMEOUT)
        .build();
  }

  @AfterAll
  static void stopServers() {
    if (querier != null) {
      querier.close();
    }
    CompletableFuture.allOf(servers.stream().map(s -> CompletableFuture.runAsync(s::close))
        .toArray(CompletableFuture[]::new)).join();
    assertThat(servers).noneMatch(LocalPrometheus::isRunning);
  }

  static Stream<Arguments> cases() {
    return Stream.of(QUERIES).flatMap(q -> Stream.of(Arguments.of(q, Mode.GLOBAL), Arguments.of(q, Mode.PUSHDOWN)));
  }

  private static FleetPromqlEngine engine(Mode mode) {
    return FleetPromqlEngine.create(querier, "cluster", QueryOptions.DEFAULTS, mode);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("cases")
  void instantQueryEqualsTheReference(String promql, Mode mode) throws Exception {
    FleetResult fleet = engine(mode).instantQuery(promql, AT);
    ApiResponse<QueryData> ref = reference.query(promql, AT, TIMEOUT).get(30, TimeUnit.SECONDS);
    assertThat(fleet.warnings()).isEmpty();
    Map<String, Double> expected = new TreeMap<>();
    ((QueryData.Vector) ref.data()).samples().forEach(s -> expected.put(key(s.metric()), s.value()));
    Map<String, Double> actual = new TreeMap<>();
    ((QueryResult.InstantVector) fleet.result().value()).samples().forEach(s -> actual.put(key(s.labels()),
        s.value()));
    assertThat(expected).isNotEmpty();
    assertSameValues(actual, expected);
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("cases")
  void rangeQueryEqualsTheReference(String promql, Mode mode) throws Exception {
    FleetResult fleet = engine(mode).rangeQuery(promql, START, END, STEP);
    ApiResponse<QueryData> ref = reference.queryRange(promql, START, END, STEP, TIMEOUT).get(30, TimeUnit.SECONDS);
    Map<String, Double> expected = new TreeMap<>();
    for (dev.kurator.telemetry.Series s : ((QueryData.Matrix) ref.data()).series()) {
      s.points().forEach(p -> expected.put(key(s.metric()) + "@" + p.timestampMillis(), p.value()));
    }
    Map<String, Double> actual = new TreeMap<>();
    for (Series s : ((QueryResult.Matrix) fleet.result().value()).series()) {
      for (int i = 0; i < s.size(); i++) {
        actual.put(key(s.labels()) + "@" + s.timestampAt(i), s.valueAt(i));
      }
    }
    assertThat(expected).isNotEmpty();
    assertSameValues(actual, expected);
  }

  @Test
  void haPairIsDeduplicated() throws Exception {
    for (Mode mode : Mode.values()) {
      FleetResult fleet = engine(mode).instantQuery("sum(ha_gauge)", AT);
      ApiResponse<QueryData> ref = reference.query("sum(ha_gauge)", AT, TIMEOUT).get(30, TimeUnit.SECONDS);
      double value = ((QueryResult.InstantVector) fleet.result().value()).samples().get(0).value();
      assertThat(value).as(mode.name()).isEqualTo(((QueryData.Vector) ref.data()).samples().get(0).value());
    }
  }

  @Test
  void pushdownMovesFarLessData() {
    String q = "sum by (code) (rate(http_requests_total[5m]))";
    FleetResult global = engine(Mode.GLOBAL).rangeQuery(q, START, END, STEP);
    FleetResult pushed = engine(Mode.PUSHDOWN).rangeQuery(q, START, END, STEP);
    assertThat(global.remoteQueries()).singleElement().asString().startsWith("{__name__=\"http_requests_total\"}[");
    assertThat(pushed.remoteQueries()).singleElement().asString().startsWith("sum by (code) (rate(");
    assertThat(pushed.bytesFetched()).isPositive().isLessThan(global.bytesFetched());
    assertThat(pushed.samplesFetched()).isLessThan(global.samplesFetched());
  }

  private static String key(dev.kurator.telemetry.Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      sb.append(l.name(i)).append('=').append(l.value(i)).append(',');
    }
    return sb.append('}').toString();
  }

  private static String key(dev.kurator.telemetry.promql.Labels l) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < l.size(); i++) {
      sb.append(l.name(i)).append('=').append(l.value(i)).append(',');
    }
    return sb.append('}').toString();
  }

  private static void assertSameValues(Map<String, Double> actual, Map<String, Double> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, want) -> {
      double have = actual.get(k);
      if (Double.isNaN(want)) {
        assertThat(have).as(k).isNaN();
      } else {
        assertThat(have).as(k).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(want))));
      }
    });
  }
}
