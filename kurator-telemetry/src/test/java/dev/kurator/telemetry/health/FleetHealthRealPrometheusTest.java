package dev.kurator.telemetry.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.FleetTestData;
import dev.kurator.telemetry.Point;
import dev.kurator.telemetry.PrometheusApi;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.RealFleet;
import dev.kurator.telemetry.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Health and SLO helpers over real Prometheus servers, checked against Flagger's queries on each server. */
@ExtendWith(RealFleet.class)
class FleetHealthRealPrometheusTest {

  private static final Instant AT = FleetTestData.END;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static FleetQuerier querier;
  private static PrometheusApi reference;

  @BeforeAll
  static void connect() {
    querier = RealFleet.servers().querier().timeout(TIMEOUT).build();
    reference = RealFleet.servers().reference();
  }

  @AfterAll
  static void close() {
    if (querier != null) {
      querier.close();
    }
  }

  private static Map<String, Double> flaggerPerCluster(String promql) {
    Map<String, Double> out = new HashMap<>();
    for (Sample s : querier.query(promql, AT).vector()) {
      out.put(s.metric().get("cluster").orElseThrow(), s.value());
    }
    return out;
  }

  private static double onReference(String promql) throws Exception {
    List<Sample> v = ((QueryData.Vector) reference.query(promql, AT, TIMEOUT).get().data()).samples();
    assertThat(v).as(promql).hasSize(1);
    return v.get(0).value();
  }

  @ParameterizedTest
  @EnumSource(MetricsProvider.class)
  void successRateEqualsFlaggersQueryPerClusterAndFleetWide(MetricsProvider provider) throws Exception {
    FleetMetric m = WorkloadHealth.of(querier, provider).successRate("shop", "cart", Duration.ofMinutes(1), AT);
    Map<String, Double> flagger = flaggerPerCluster(provider.successRateQuery("shop", "cart", "1m"));
    assertThat(m.clusters()).containsOnlyKeys("eu-1", "eu-2", "us-1");
    m.clusters().forEach((c, v) -> assertThat(v).as(c).isCloseTo(flagger.get(c), within(1e-9)));
    assertThat(m.clusters().get("eu-1")).isNotCloseTo(m.clusters().get("us-1"), within(0.01));
    // The fleet value is Flagger's query over all the data at once, not an average of cluster values.
    assertThat(m.fleet()).isCloseTo(onReference(provider.successRateQuery("shop", "cart", "1m")), within(1e-9));
    assertThat(m.warnings()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(MetricsProvider.class)
  void p99LatencyEqualsFlaggersQueryPerClusterAndFleetWide(MetricsProvider provider) throws Exception {
    FleetMetric m = WorkloadHealth.of(querier, provider).latencyP99("shop", "cart", Duration.ofMinutes(1), AT);
    Map<String, Double> flagger = flaggerPerCluster(provider.durationQuery("shop", "cart", "1m"));
    assertThat(m.clusters()).containsOnlyKeys("eu-1", "eu-2", "us-1");
    m.clusters().forEach((c, v) -> assertThat(v).as(c).isCloseTo(flagger.get(c) * provider.toMillis(), within(1e-9)));
    assertThat(m.fleet()).isCloseTo(onReference(provider.durationQuery("shop", "cart", "1m")) * provider.toMillis(),
        within(1e-9));
    assertThat(m.unit()).isEqualTo("milliseconds");
  }

  @Test
  void capacityPerClusterEqualsTheReference() throws Exception {
    FleetCapacity.Snapshot s = FleetCapacity.of(querier).at(AT);
    assertThat(s.clusters()).extracting(ClusterCapacity::cluster).containsExactly("eu-1", "eu-2", "us-1");
    for (ClusterCapacity c : s.clusters()) {
      String sel = "{cluster=\"" + c.cluster() + "\"";
      assertThat(c.cpuAllocatable()).isEqualTo(onReference("sum(kube_node_status_allocatable" + sel
          + ",resource=\"cpu\"})"));
      assertThat(c.memoryAllocatable()).isEqualTo(onReference("sum(kube_node_status_allocatable" + sel
          + ",resource=\"memory\"})"));
      assertThat(c.cpuUsed()).isCloseTo(onReference("sum(rate(container_cpu_usage_seconds_total" + sel
          + ",container!=\"\"}[5m]))"), within(1e-12));
      assertThat(c.memoryUsed()).isEqualTo(onReference("sum(container_memory_working_set_bytes" + sel + "})"));
      assertThat(c.cpuUtilisation()).isBetween(0.0, 1.0);
    }
    assertThat(s.clusters().get(0).cpuAllocatable()).isEqualTo(4.0);
    assertThat(s.clusters().get(0).cpuUsed()).isCloseTo(0.5, within(1e-9));
    Map<String, List<Point>> series = FleetCapacity.of(querier).series(FleetCapacity.Measure.MEMORY_USED,
        AT.minus(Duration.ofMinutes(10)), AT, Duration.ofMinutes(1), dev.kurator.telemetry.ClusterSelector.all());
    assertThat(series).containsOnlyKeys("eu-1", "eu-2", "us-1");
    assertThat(series.get("eu-2")).hasSize(11).extracting(Point::value).containsOnly(2.0 * 512 * 1024 * 1024);
  }

  @Test
  void sloBurnPerClusterAndFleet() throws Exception {
    Slo slo = new Slo("api-availability", 0.95, Duration.ofMinutes(20), "http_requests_total{job=\"api\"}",
        "http_requests_total{job=\"api\",code=\"500\"}");
    SloEvaluator.Evaluation e = SloEvaluator.of(querier).evaluate(slo, AT, dev.kurator.telemetry.ClusterSelector.all());
    assertThat(e.clusters()).containsOnlyKeys("eu-1", "eu-2", "us-1");
    double total = onReference("sum(increase(http_requests_total{job=\"api\"}[20m]))");
    double bad = onReference("sum(increase(http_requests_total{job=\"api\",code=\"500\"}[20m]))");
    assertThat(e.fleet().totalEvents()).isCloseTo(total, within(1e-9));
    assertThat(e.fleet().badEvents()).isCloseTo(bad, within(1e-9));
    // Each cluster's 500s are a tenth of its 200s (eu-2's counter reset loses one step): about 1/11 of requests are
    // bad, above the 5% budget.
    assertThat(e.fleet().errorRatio()).isCloseTo(bad / total, within(1e-12)).isCloseTo(1.0 / 11, within(0.005));
    assertThat(e.fleet().status()).isEqualTo(SloResult.Status.EXHAUSTED);
    QueryResult raw = querier.query("sum(increase(http_requests_total{job=\"api\"}[20m]))", AT);
    assertThat(raw.vector()).hasSize(3);
    SloEvaluator.Evaluation lenient = SloEvaluator.of(querier).evaluate(
        new Slo("lenient", 0.8, Duration.ofDays(1), slo.totalSelector(), slo.badSelector()), Duration.ofMinutes(20),
        AT, dev.kurator.telemetry.ClusterSelector.all());
    assertThat(lenient.fleet().status()).isEqualTo(SloResult.Status.HEALTHY);
    assertThat(lenient.fleet().burnRate()).isCloseTo((1.0 / 11) / 0.2, within(0.05));
  }
}
