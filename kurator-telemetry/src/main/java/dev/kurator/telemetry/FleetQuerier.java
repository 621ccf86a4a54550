package dev.kurator.telemetry;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import dev.kurator.telemetry.internal.DefaultFleetQuerier;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * Queries the Prometheus of every member cluster at once and answers as one Prometheus would, as Thanos Query does
 * over sidecars, embedded in the host: no extra server.
 *
 * <ul>
 *   <li><b>Fan-out.</b> Every selected cluster's endpoints are asked concurrently; each with its own timeout, retries
 *       and circuit breaker (Resilience4j).</li>
 *   <li><b>Cluster label.</b> Prometheus's HTTP API does not return external labels, so every returned series gets
 *       the cluster label (default {@code cluster}). Like a Thanos sidecar's external labels it <em>overrides</em> a
 *       label of the same name in the data. The PromQL text is sent as is: a matcher on the cluster label inside the
 *       query is not stripped, so select clusters with a {@link ClusterSelector} instead.</li>
 *   <li><b>HA deduplication.</b> Series that are equal once the replica labels are removed and the cluster label is
 *       added (e.g. the answers of a cluster's two Prometheus replicas) are merged with Thanos's penalty algorithm
 *       ({@link Deduplication}). Results are PromQL outputs, so no counter adjustment applies to them; and each
 *       replica evaluates with its own lookback, so while a replica is down its last value still answers for up to
 *       the lookback delta (5 m) before the other replica takes over (Thanos merges raw samples instead).</li>
 *   <li><b>Partial response.</b> {@link PartialResponse#WARN} (default): failed endpoints become warnings;
 *       {@link PartialResponse#ABORT}: the query fails with {@link FleetQueryException}. A query every server rejects
 *       as malformed ({@code bad_data}) always throws {@link PrometheusApiException}.</li>
 *   <li><b>Scalars and strings</b> cannot carry a cluster label: the first cluster's answer is returned, and a
 *       warning says so when clusters disagree.</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #close()} releases only what the querier created itself.
 */
public interface FleetQuerier extends AutoCloseable {

  /** A builder with the defaults: WARN, cluster label {@code cluster}, no replica labels, 30 s timeout. */
  static Builder builder() {
    return new Builder();
  }

  /** An instant query at {@code time} over every cluster ({@code /api/v1/query}). */
  default QueryResult query(String promql, Instant time) {
    return query(promql, time, ClusterSelector.all());
  }

  /**
   * An instant query at {@code time} over the selected clusters.
   *
   * @throws FleetQueryException     under ABORT when an endpoint fails
   * @throws PrometheusApiException  when the query is malformed ({@code bad_data})
   */
  QueryResult query(String promql, Instant time, ClusterSelector clusters);

  /** A range query over every cluster ({@code /api/v1/query_range}); start and end inclusive. */
  default QueryResult queryRange(String promql, Instant start, Instant end, Duration step) {
    return queryRange(promql, start, end, step, ClusterSelector.all());
  }

  /**
   * A range query over the selected clusters.
   *
   * @throws FleetQueryException     under ABORT when an endpoint fails
   * @throws PrometheusApiException  when the query is malformed ({@code bad_data})
   */
  QueryResult queryRange(String promql, Instant start, Instant end, Duration step, ClusterSelector clusters);

  /**
   * The label sets of matching series ({@code /api/v1/series}) with the cluster label, replica labels removed,
   * sorted and distinct. {@code start}/{@code end} may be null (unbounded).
   */
  MetadataResult<Labels> series(List<String> match, Instant start, Instant end, ClusterSelector clusters);

  /** Label names ({@code /api/v1/labels}), including the cluster label, without replica labels; sorted. */
  MetadataResult<String> labelNames(List<String> match, Instant start, Instant end, ClusterSelector clusters);

  /**
   * Values of one label ({@code /api/v1/label/<name>/values}), sorted; for the cluster label, the clusters that hold
   * matching series; for a replica label, nothing (replicas are merged).
   */
  MetadataResult<String> labelValues(
      String label, List<String> match, Instant start, Instant end, ClusterSelector clusters);

  /** The configured clusters, in configuration order. */
  List<ClusterEndpoints> clusters();

  /** Releases the HTTP client and scheduler the querier created; those the host passed in stay open. */
  @Override
  void close();

  /** Configures a {@link FleetQuerier}; {@link #build()} validates everything at once. */
  final class Builder {

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final List<ClusterEndpoints> clusters = new ArrayList<>();
    private String clusterLabel = "cluster";
    private final Set<String> replicaLabels = new LinkedHashSet<>();
    private PartialResponse partialResponse = PartialResponse.WARN;
    private Duration timeout = Duration.ofSeconds(30);
    private RetryConfig retry;
    private CircuitBreakerConfig circuitBreaker;
    private HttpClient httpClient;
    private ScheduledExecutorService scheduler;

    private Builder() {
    }

    /** Adds a cluster with its labels and one or more endpoints (several = an HA group). */
    public Builder cluster(String name, Map<String, String> labels, URI... endpoints) {
      return cluster(ClusterEndpoints.of(name, labels, endpoints));
    }

    /** Adds a cluster. */
    public Builder cluster(ClusterEndpoints cluster) {
      clusters.add(Objects.requireNonNull(cluster, "cluster"));
      return this;
    }

    /** Adds clusters. */
    public Builder clusters(List<ClusterEndpoints> more) {
      more.forEach(this::cluster);
      return this;
    }

    /** The label that names the cluster on every series; default {@code cluster}. */
    public Builder clusterLabel(String name) {
      this.clusterLabel = name;
      return this;
    }

    /** Labels that tell HA replicas apart (Thanos's {@code --query.replica-label}); removed before merging. */
    public Builder replicaLabels(String... names) {
      replicaLabels.clear();
      replicaLabels.addAll(List.of(names));
      return this;
    }

    /** Partial-response strategy; default {@link PartialResponse#WARN}. */
    public Builder partialResponse(PartialResponse strategy) {
      this.partialResponse = strategy;
      return this;
    }

    /** Per-endpoint deadline, retries included; also the server-side {@code timeout}; default 30 s. */
    public Builder timeout(Duration perEndpoint) {
      this.timeout = perEndpoint;
      return this;
    }

    /**
     * Retries per endpoint. Default: 2 attempts, 100 ms apart, only for transient failures (I/O errors, timeouts,
     * 5xx); a custom config decides for itself which failures to retry.
     */
    public Builder retry(RetryConfig config) {
      this.retry = config;
      return this;
    }

    /**
     * The circuit breaker config, one breaker per endpoint. Default: count-based window of 10 calls, opens at 50%
     * transient failures after at least 5 calls, stays open 30 s.
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.circuitBreaker = config;
      return this;
    }

    /** The host's HTTP client (not closed by the querier); default: a client the querier creates and closes. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = client;
      return this;
    }

    /** The host's scheduler for retry back-off (not shut down by the querier); default: one daemon thread. */
    public Builder scheduler(ScheduledExecutorService executor) {
      this.scheduler = executor;
      return this;
    }

    /**
     * Builds the querier.
     *
     * @throws ValidationException listing every problem: no cluster, duplicate or blank names, no endpoints,
     *                             non-HTTP endpoints, bad label names, non-positive timeout
     */
    public FleetQuerier build() {
      Problems p = new Problems();
      p.check(clusters.isEmpty(), "clusters", clusters, "must list at least one cluster");
      Set<String> seen = new LinkedHashSet<>();
      for (int i = 0; i < clusters.size(); i++) {
        ClusterEndpoints c = clusters.get(i);
        String path = "clusters[" + i + "]";
        p.check(c.cluster().isBlank(), path + ".cluster", c.cluster(), "must not be blank");
        p.check(!seen.add(c.cluster()), path + ".cluster", c.cluster(), "must be unique");
        p.check(c.endpoints().isEmpty(), path + ".endpoints", c.endpoints(), "must list at least one endpoint");
        for (int j = 0; j < c.endpoints().size(); j++) {
          URI u = c.endpoints().get(j);
          boolean http = u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
              && u.getHost() != null;
          p.check(!http, path + ".endpoints[" + j + "]",
              dev.kurator.telemetry.internal.HttpPrometheusApi.redact(u).toString(),
              "must be an absolute http(s) URI with a host");
        }
      }
      p.check(clusterLabel == null || !LABEL_NAME.matcher(clusterLabel).matches() || clusterLabel.startsWith("__"),
          "clusterLabel", clusterLabel, "must be a Prometheus label name not starting with __");
      for (String r : replicaLabels) {
        p.check(r == null || !LABEL_NAME.matcher(r).matches(), "replicaLabels", r, "must be a Prometheus label name");
        p.check(Objects.equals(r, clusterLabel), "replicaLabels", r, "must differ from the cluster label");
      }
      p.check(partialResponse == null, "partialResponse", null, "must be set");
      p.check(timeout == null || timeout.isNegative() || timeout.isZero() || timeout.toMillis() == 0, "timeout",
          timeout, "must be at least 1 ms");
      p.throwIfAny();
      return new DefaultFleetQuerier(clusters, clusterLabel, Set.copyOf(replicaLabels), partialResponse, timeout,
          retry, circuitBreaker, httpClient, scheduler);
    }
  }
}
