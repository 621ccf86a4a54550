package dev.kurator.telemetry.health;

import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.Sample;
import dev.kurator.telemetry.internal.GoFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Success rate and p99 latency of a workload per cluster and fleet-wide, from Flagger's built-in queries
 * ({@link MetricsProvider}). Each cluster evaluates the parts of Flagger's query (the request-rate sums, the bucket
 * rates by {@code le}); the ratio and the quantile are then computed here, per cluster and from the fleet-wide sums.
 * A cluster's value therefore equals what Flagger's query gives on that cluster, and the fleet value is the true
 * fleet-wide ratio / quantile, not an average of cluster values.
 */
public final class WorkloadHealth {

  /** Name of the success-rate metric, as in Flagger. */
  public static final String REQUEST_SUCCESS_RATE = "request-success-rate";
  /** Name of the p99 latency metric, as in Flagger. */
  public static final String REQUEST_DURATION = "request-duration";

  private final FleetQuerier querier;
  private final MetricsProvider provider;

  private WorkloadHealth(FleetQuerier querier, MetricsProvider provider) {
    this.querier = Objects.requireNonNull(querier, "querier");
    this.provider = Objects.requireNonNull(provider, "provider");
  }

  /** Helpers over {@code querier} with the queries of {@code provider}. */
  public static WorkloadHealth of(FleetQuerier querier, MetricsProvider provider) {
    return new WorkloadHealth(querier, provider);
  }

  /**
   * Percentage of non-5xx requests over {@code interval} before {@code at}. A cluster with requests but no successful
   * series scores 0; a cluster without requests has no entry.
   *
   * @param namespace the workload's namespace
   * @param target    the workload name (a regex for Istio, as in Flagger)
   * @param interval  the rate window, e.g. 1 minute
   */
  public FleetMetric successRate(
      String namespace, String target, Duration interval, Instant at, ClusterSelector clusters) {
    String i = GoFormat.formatDuration(interval);
    QueryResult ok = querier.query(provider.successfulRequestsQuery(namespace, target, i), at, clusters);
    QueryResult all = querier.query(provider.allRequestsQuery(namespace, target, i), at, clusters);
    Map<String, Double> good = perCluster(ok);
    Map<String, Double> total = perCluster(all);
    Map<String, Double> out = new LinkedHashMap<>();
    double sumGood = 0;
    double sumTotal = 0;
    for (Map.Entry<String, Double> e : total.entrySet()) {
      double g = good.getOrDefault(e.getKey(), 0.0);
      out.put(e.getKey(), g / e.getValue() * 100);
      sumGood += g;
      sumTotal += e.getValue();
    }
    double fleet = total.isEmpty() ? Double.NaN : sumGood / sumTotal * 100;
    return new FleetMetric(REQUEST_SUCCESS_RATE, "percent", out, fleet, warnings(ok, all));
  }

  /** {@link #successRate(String, String, Duration, Instant, ClusterSelector)} over every cluster. */
  public FleetMetric successRate(String namespace, String target, Duration interval, Instant at) {
    return successRate(namespace, target, interval, at, ClusterSelector.all());
  }

  /**
   * The 99th percentile request duration in milliseconds over {@code interval} before {@code at}: per cluster from
   * its buckets, fleet-wide from the buckets summed across clusters.
   */
  public FleetMetric latencyP99(
      String namespace, String target, Duration interval, Instant at, ClusterSelector clusters) {
    return latency(0.99, namespace, target, interval, at, clusters);
  }

  /** {@link #latencyP99(String, String, Duration, Instant, ClusterSelector)} over every cluster. */
  public FleetMetric latencyP99(String namespace, String target, Duration interval, Instant at) {
    return latencyP99(namespace, target, interval, at, ClusterSelector.all());
  }

  /** Any quantile of the request duration, in milliseconds. */
  public FleetMetric latency(
      double quantile, String namespace, String target, Duration interval, Instant at, ClusterSelector clusters) {
    QueryResult r = querier.query(provider.bucketRateQuery(namespace, target, GoFormat.formatDuration(interval)), at,
        clusters);
    Map<String, List<BucketQuantile.Bucket>> byCluster = new LinkedHashMap<>();
    Map<Double, Double> fleetBuckets = new HashMap<>();
    for (Sample s : r.vector()) {
      String cluster = s.metric().get(querier.clusterLabel()).orElse("");
      double le = GoFormat.parseValue(s.metric().get("le").orElse("NaN"));
      byCluster.computeIfAbsent(cluster, k -> new ArrayList<>()).add(new BucketQuantile.Bucket(le, s.value()));
      fleetBuckets.merge(le, s.value(), Double::sum);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    byCluster.forEach((c, b) -> out.put(c, BucketQuantile.quantile(quantile, b) * provider.toMillis()));
    List<BucketQuantile.Bucket> fleet = new ArrayList<>();
    fleetBuckets.forEach((le, count) -> fleet.add(new BucketQuantile.Bucket(le, count)));
    double fleetValue = fleet.isEmpty() ? Double.NaN : BucketQuantile.quantile(quantile, fleet) * provider.toMillis();
    return new FleetMetric(REQUEST_DURATION, "milliseconds", out, fleetValue, r.warnings());
  }

  /** The value of each cluster in a one-sample-per-cluster vector (e.g. the answer to a {@code sum(...)}). */
  static Map<String, Double> perCluster(QueryResult r, String clusterLabel) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Sample s : r.vector()) {
      out.merge(s.metric().get(clusterLabel).orElse(""), s.value(), Double::sum);
    }
    return out;
  }

  private Map<String, Double> perCluster(QueryResult r) {
    return perCluster(r, querier.clusterLabel());
  }

  static List<String> warnings(QueryResult... results) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (QueryResult r : results) {
      out.addAll(r.warnings());
    }
    return List.copyOf(out);
  }
}
