package dev.kurator.benchmarks.promql;

import dev.kurator.telemetry.ClusterEndpoints;
import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.MetadataResult;
import dev.kurator.telemetry.Point;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.Sample;
import dev.kurator.telemetry.promql.Labels;
import dev.kurator.telemetry.promql.PromqlEngine;
import dev.kurator.telemetry.promql.QueryOptions;
import dev.kurator.telemetry.promql.QueryResult;
import dev.kurator.telemetry.promql.Series;
import dev.kurator.telemetry.promql.SeriesSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fleet whose members answer in process: each cluster's "Prometheus" is this engine over that cluster's data. It
 * stands in for {@link FleetQuerier}'s HTTP fan-out when counting the bytes a query moves; answers are tagged with
 * the cluster label exactly as the HTTP querier does.
 */
final class InProcessFleet implements FleetQuerier {
  private final Map<String, SeriesSource> members = new LinkedHashMap<>();
  private final PromqlEngine engine = PromqlEngine.create(QueryOptions.DEFAULTS);

  void add(String cluster, SeriesSource source) {
    members.put(cluster, source);
  }

  @Override
  public dev.kurator.telemetry.QueryResult query(String promql, Instant time, ClusterSelector clusters) {
    List<Sample> samples = new ArrayList<>();
    List<dev.kurator.telemetry.Series> series = new ArrayList<>();
    members.forEach((cluster, source) -> {
      QueryResult.Value v = engine.instantQuery(source, promql, time.toEpochMilli()).value();
      if (v instanceof QueryResult.InstantVector iv) {
        iv.samples().forEach(s -> samples.add(Sample.of(convert(s.labels(), cluster), s.timestampMs(), s.value())));
      } else if (v instanceof QueryResult.Matrix m) {
        m.series().forEach(s -> series.add(convert(s, cluster)));
      }
    });
    QueryData data = series.isEmpty() ? new QueryData.Vector(samples) : new QueryData.Matrix(series);
    return new dev.kurator.telemetry.QueryResult(data, List.of(), List.of());
  }

  @Override
  public dev.kurator.telemetry.QueryResult queryRange(
      String promql, Instant start, Instant end, Duration step, ClusterSelector clusters) {
    List<dev.kurator.telemetry.Series> series = new ArrayList<>();
    members.forEach((cluster, source) -> {
      QueryResult.Value v = engine.rangeQuery(source, promql, start.toEpochMilli(), end.toEpochMilli(),
          step.toMillis()).value();
      ((QueryResult.Matrix) v).series().forEach(s -> series.add(convert(s, cluster)));
    });
    return new dev.kurator.telemetry.QueryResult(new QueryData.Matrix(series), List.of(), List.of());
  }

  private static dev.kurator.telemetry.Series convert(Series s, String cluster) {
    List<Point> points = new ArrayList<>(s.size());
    for (int i = 0; i < s.size(); i++) {
      points.add(new Point(s.timestampAt(i), s.valueAt(i)));
    }
    return new dev.kurator.telemetry.Series(convert(s.labels(), cluster), points);
  }

  private static dev.kurator.telemetry.Labels convert(Labels l, String cluster) {
    Map<String, String> m = new LinkedHashMap<>(l.toMap());
    m.put("cluster", cluster);
    return dev.kurator.telemetry.Labels.of(m);
  }

  @Override
  public MetadataResult<dev.kurator.telemetry.Labels> series(
      List<String> match, Instant start, Instant end, ClusterSelector clusters) {
    throw new UnsupportedOperationException("metadata is not part of this benchmark");
  }

  @Override
  public MetadataResult<String> labelNames(List<String> match, Instant start, Instant end, ClusterSelector clusters) {
    throw new UnsupportedOperationException("metadata is not part of this benchmark");
  }

  @Override
  public MetadataResult<String> labelValues(
      String label, List<String> match, Instant start, Instant end, ClusterSelector clusters) {
    throw new UnsupportedOperationException("metadata is not part of this benchmark");
  }

  /** As the HTTP querier: the range selector {@code selector[end - start]} evaluated at {@code end} on each member. */
  @Override
  public dev.kurator.telemetry.QueryResult select(
      String selector, Instant start, Instant end, boolean counterAdjust, ClusterSelector clusters) {
    long rangeMs = Duration.between(start, end).toMillis();
    return query(selector + "[" + rangeMs + "ms]", end, clusters);
  }

  @Override
  public String clusterLabel() {
    return "cluster";
  }

  @Override
  public List<ClusterEndpoints> clusters() {
    return members.keySet().stream().map(c -> ClusterEndpoints.of(c, URI.create("inprocess://" + c))).toList();
  }

  @Override
  public void close() {
    members.clear();
  }
}
