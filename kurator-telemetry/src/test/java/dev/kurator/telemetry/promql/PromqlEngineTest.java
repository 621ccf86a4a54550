package dev.kurator.telemetry.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PromqlEngineTest {

  /** 10 series x_total{i="0".."9"} with value 10*t_seconds/15 every 15s for an hour. */
  private static final SeriesSource SOURCE = (min, max, matchers) -> {
    List<Series> out = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      Labels l = Labels.of("__name__", "x_total", "i", Integer.toString(s), "job", s % 2 == 0 ? "even" : "odd");
      if (matchers.stream().allMatch(m -> m.matches(l))) {
        long[] ts = new long[241];
        double[] vs = new double[241];
        for (int k = 0; k < ts.length; k++) {
          ts[k] = k * 15_000L;
          vs[k] = k * 10.0 * (s + 1);
        }
        out.add(Series.of(l, ts, vs));
      }
    }
    return out;
  };

  private final PromqlEngine engine = PromqlEngine.create(QueryOptions.DEFAULTS);

  @Test
  void instantAggregationOfRates() {
    QueryResult r = engine.instantQuery(SOURCE, "sum by (job) (rate(x_total[5m]))", 3_600_000);
    QueryResult.InstantVector v = (QueryResult.InstantVector) r.value();
    assertThat(v.samples()).extracting(s -> s.labels().get("job")).containsExactlyInAnyOrder("even", "odd");
    double even = v.samples().stream().filter(s -> s.labels().get("job").equals("even")).findFirst().orElseThrow()
        .value();
    // rates are 10*(s+1)/15 per second for s = 0,2,4,6,8 -> (1+3+5+7+9)*10/15
    assertThat(even).isCloseTo(25 * 10 / 15.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.warnings()).isEmpty();
  }

  @Test
  void rangeQueryIsSortedMatrix() {
    QueryResult r = engine.rangeQuery(SOURCE, "x_total{i=~\"[12]\"} * 2", 0, 60_000, 30_000);
    QueryResult.Matrix m = (QueryResult.Matrix) r.value();
    assertThat(m.series()).hasSize(2);
    assertThat(m.series().get(0).labels()).isEqualTo(Labels.of("i", "1", "job", "odd"));
    assertThat(m.series().get(0).values()).containsExactly(0, 80, 160);
  }

  @Test
  void manyToManyMatchingFails() {
    assertThatThrownBy(() -> engine.instantQuery(SOURCE, "x_total + on(job) x_total", 60_000))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.errorType()).isEqualTo(QueryException.ErrorType.EXECUTION))
        .hasMessageContaining("many-to-many matching not allowed");
  }

  @Test
  void badQueryIsBadData() {
    assertThatThrownBy(() -> engine.instantQuery(SOURCE, "sum(", 0))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.errorType()).isEqualTo(QueryException.ErrorType.BAD_DATA))
        .hasMessageContaining("1:5: parse error");
  }

  @Test
  void sampleLimitGivesClearError() {
    PromqlEngine small = PromqlEngine.create(QueryOptions.DEFAULTS.withMaxSamples(100));
    assertThatThrownBy(() -> small.instantQuery(SOURCE, "sum(rate(x_total[1h]))", 3_600_000))
        .hasMessage("query processing would load too many samples into memory in query execution");
  }

  @Test
  void timeoutUsesTheInjectedTicker() {
    AtomicLong now = new AtomicLong();
    PromqlEngine slow = PromqlEngine.create(QueryOptions.DEFAULTS.withTimeout(Duration.ofSeconds(1))
        .withNanoTicker(() -> now.addAndGet(300_000_000L)));
    assertThatThrownBy(() -> slow.rangeQuery(SOURCE, "x_total", 0, 3_600_000, 15_000))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.errorType()).isEqualTo(QueryException.ErrorType.TIMEOUT));
  }

  @Test
  void cancellationStopsEvaluation() {
    AtomicLong polls = new AtomicLong();
    assertThatThrownBy(() -> engine.rangeQuery(SOURCE, Expr.parse("x_total"), 0, 3_600_000, 15_000,
        () -> polls.incrementAndGet() > 3))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.errorType()).isEqualTo(QueryException.ErrorType.CANCELED));
  }

  @Test
  void nativeHistogramsAreDeclined() {
    SeriesSource withHistogram = (min, max, m) -> List.of(
        Series.of(Labels.of("__name__", "h"), new long[0], new double[0], new long[] {0}));
    assertThatThrownBy(() -> engine.instantQuery(withHistogram, "h", 60_000))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.errorType()).isEqualTo(QueryException.ErrorType.UNSUPPORTED));
  }
}
