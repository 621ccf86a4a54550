package dev.kurator.telemetry.promql.fleet;

import dev.kurator.telemetry.ApiResponse;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.Point;
import dev.kurator.telemetry.PrometheusJson;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.promql.Expr;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.Matcher;
import dev.kurator.telemetry.promql.ParseException;
import dev.kurator.telemetry.promql.PromqlEngine;
import dev.kurator.telemetry.promql.QueryException;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.SeriesSource;
import dev.kurator.telemetry.promql.internal.Printer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates PromQL over a whole fleet, Thanos-style. In {@link Mode#GLOBAL} mode the engine fetches the raw samples
 * each selector needs from every cluster (as range-vector selectors over the Prometheus API), tagged with the cluster
 * label and with HA replicas deduplicated by the {@link FleetQuerier}, and evaluates the query centrally. In
 * {@link Mode#PUSHDOWN} mode decomposable aggregations ({@code sum}, {@code min}, {@code max}, {@code count},
 * {@code group}, {@code topk}, {@code bottomk}, {@code avg} as sum/count, and so the {@code sum by (le)} under
 * {@code histogram_quantile}) run on every cluster and only their partial results are combined centrally.
 *
 * <p>Limitations: staleness markers do not travel over the query API (a series that ended is seen for up to the
 * lookback delta after its last sample), and pushdown is exact only when each cluster holds disjoint series, which
 * the cluster label guarantees.
 */
public final class FleetPromqlEngine {
  private static final Logger log = LoggerFactory.getLogger(FleetPromqlEngine.class);

  /** Where aggregations run. */
  public enum Mode {
    /** Fetch raw samples, evaluate everything centrally. */
    GLOBAL,
    /** Push decomposable aggregations down to the clusters. */
    PUSHDOWN
  }

  /**
   * A fleet query's answer and what it cost.
   *
   * @param result the evaluated value and PromQL annotations
   * @param warnings fan-out warnings (failed or partial clusters)
   * @param remoteQueries the queries sent to the clusters
   * @param bytesFetched size of the fetched data in the Prometheus API's JSON encoding (bytes, after HA dedup)
   * @param samplesFetched number of samples fetched from the clusters
   */
  public record FleetResult(
      QueryResult result, List<String> warnings, List<String> remoteQueries, long bytesFetched, long samplesFetched) {
    /** Copies lists; rejects nulls. */
    public FleetResult {
      Objects.requireNonNull(result, "result");
      warnings = List.copyOf(warnings);
      remoteQueries = List.copyOf(remoteQueries);
    }
  }

  private final FleetQuerier querier;
  private final PromqlEngine engine;
  private final String clusterLabel;
  private final Mode mode;

  private FleetPromqlEngine(FleetQuerier querier, String clusterLabel, QueryOptions options, Mode mode) {
    this.querier = Objects.requireNonNull(querier, "querier");
    this.clusterLabel = Objects.requireNonNull(clusterLabel, "clusterLabel");
    this.engine = PromqlEngine.create(options);
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  /**
   * An engine reading through {@code querier}.
   *
   * @param querier the fan-out over the clusters' Prometheus servers
   * @param clusterLabel the label the querier adds to identify a cluster (the querier's, usually {@code cluster})
   * @param options engine limits
   * @param mode global evaluation or pushdown
   */
  public static FleetPromqlEngine create(FleetQuerier querier, String clusterLabel, QueryOptions options, Mode mode) {
    return new FleetPromqlEngine(querier, clusterLabel, options, mode);
  }

  /**
   * Evaluates {@code query} at {@code time} over the fleet.
   *
   * @throws QueryException for an invalid query or a failed evaluation
   * @throws dev.kurator.telemetry.FleetQueryException when the fan-out aborts (partial response ABORT)
   */
  public FleetResult instantQuery(String query, Instant time) {
    long t = time.toEpochMilli();
    Context ctx = new Context(t, t, 0);
    Expr expr = ctx.prepare(query);
    QueryResult r = engine.instantQuery(ctx, expr, t, () -> false);
    return ctx.result(r);
  }

  /**
   * Evaluates {@code query} over {@code [start, end]} every {@code step} over the fleet.
   *
   * @throws QueryException for an invalid query or range, or a failed evaluation
   * @throws dev.kurator.telemetry.FleetQueryException when the fan-out aborts (partial response ABORT)
   */
  public FleetResult rangeQuery(String query, Instant start, Instant end, Duration step) {
    long s = start.toEpochMilli();
    long e = end.toEpochMilli();
    long st = step.toMillis();
    Context ctx = new Context(s, e, st);
    Expr expr = ctx.prepare(query);
    QueryResult r = engine.rangeQuery(ctx, expr, s, e, st, () -> false);
    return ctx.result(r);
  }

  /** Per-query state: the series source the engine reads, and the accounting. */
  private final class Context implements SeriesSource {
    final long start;
    final long end;
    final long step;
    final List<String> warnings = new ArrayList<>();
    final List<String> remote = new ArrayList<>();
    final Map<String, List<Series>> partials = new ConcurrentHashMap<>();
    List<Expr> pushed = List.of();
    long bytes;
    long samples;

    Context(long start, long end, long step) {
      this.start = start;
      this.end = end;
      this.step = step;
    }

    Expr prepare(String query) {
      Expr expr;
      try {
        expr = Expr.parse(query, step, end - start);
      } catch (ParseException e) {
        throw new QueryException(e.unsupportedFeature() ? QueryException.ErrorType.UNSUPPORTED
            : QueryException.ErrorType.BAD_DATA, e.getMessage(), e);
      }
      if (mode == Mode.PUSHDOWN) {
        Pushdown p = new Pushdown(clusterLabel);
        expr = p.rewrite(expr);
        pushed = p.pushed();
      }
      return expr;
    }

    FleetResult result(QueryResult r) {
      return new FleetResult(r, List.copyOf(new LinkedHashSet<>(warnings)), remote, bytes, samples);
    }

    private void account(dev.kurator.telemetry.QueryResult fetched, String remoteQuery) {
      remote.add(remoteQuery);
      warnings.addAll(fetched.warnings());
      bytes += PrometheusJson.write(ApiResponse.success(fetched.data(), List.of()))
          .getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public List<Series> select(long minTimeMs, long maxTimeMs, List<Matcher> matchers) {
      for (Matcher m : matchers) {
        if (m.name().equals(Pushdown.PARTIAL_LABEL)) {
          return partials.computeIfAbsent(m.value(), id -> fetchPartial(pushed.get(Integer.parseInt(id))));
        }
      }
      return fetchRaw(minTimeMs, maxTimeMs, matchers);
    }

    private List<Series> fetchPartial(Expr e) {
      String text = Printer.print(e);
      dev.kurator.telemetry.QueryResult fetched;
      List<Series> out = new ArrayList<>();
      if (step == 0) {
        fetched = querier.query(text, Instant.ofEpochMilli(end));
        account(fetched, text);
        for (dev.kurator.telemetry.Sample s : fetched.vector()) {
          out.add(Series.of(convert(s.metric()), new long[] {end}, new double[] {s.value()}));
          samples++;
        }
      } else {
        fetched = querier.queryRange(text, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
            Duration.ofMillis(step));
        account(fetched, text);
        for (dev.kurator.telemetry.Series s : fetched.matrix()) {
          out.add(withStaleGaps(convert(s.metric()), s.points()));
          samples += s.points().size();
        }
      }
      out.sort(Comparator.comparing(Series::labels));
      return out;
    }

    /** A range-query partial with a staleness marker at each step it has no value, so lookback cannot bridge it. */
    private Series withStaleGaps(Labels labels, List<Point> points) {
      TreeMap<Long, Double> byTime = new TreeMap<>();
      points.forEach(p -> byTime.put(p.timestampMillis(), p.value()));
      List<Long> ts = new ArrayList<>();
      List<Double> vs = new ArrayList<>();
      for (long t = start; t <= end; t += step) {
        Double v = byTime.get(t);
        if (v != null) {
          ts.add(t);
          vs.add(v);
        } else if (!vs.isEmpty() && !Series.isStale(vs.get(vs.size() - 1))) {
          ts.add(t);
          vs.add(Series.STALE_NAN);
        }
      }
      return Series.of(labels, ts.stream().mapToLong(Long::longValue).toArray(),
          vs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private List<Series> fetchRaw(long minTimeMs, long maxTimeMs, List<Matcher> matchers) {
      List<Matcher> remoteMatchers = new ArrayList<>();
      List<Matcher> localMatchers = new ArrayList<>();
      for (Matcher m : matchers) {
        (m.name().equals(clusterLabel) ? localMatchers : remoteMatchers).add(m);
      }
      if (remoteMatchers.stream().allMatch(Matcher::matchesEmpty)) {
        remoteMatchers.add(Matcher.regex(Labels.METRIC_NAME, ".+"));
      }
      long range = Math.max(1, maxTimeMs - minTimeMs);
      String text = Printer.selector(remoteMatchers) + "[" + Printer.duration(range) + "]";
      dev.kurator.telemetry.QueryResult fetched = querier.query(text, Instant.ofEpochMilli(maxTimeMs));
      account(fetched, text);
      if (!(fetched.data() instanceof QueryData.Matrix)) {
        log.debug("raw fetch {} answered {}", text, fetched.data().resultType());
        return List.of();
      }
      List<Series> out = new ArrayList<>();
      for (dev.kurator.telemetry.Series s : fetched.matrix()) {
        Labels labels = convert(s.metric());
        if (!localMatchers.stream().allMatch(m -> m.matches(labels))) {
          continue;
        }
        long[] ts = new long[s.points().size()];
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
          ts[i] = s.points().get(i).timestampMillis();
          vs[i] = s.points().get(i).value();
        }
        out.add(Series.of(labels, ts, vs));
        samples += ts.length;
      }
      out.sort(Comparator.comparing(Series::labels));
      return out;
    }
  }

  private static Labels convert(dev.kurator.telemetry.Labels l) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < l.size(); i++) {
      m.put(l.name(i), l.value(i));
    }
    return Labels.of(m);
  }
}
