package dev.kurator.telemetry.internal;

import dev.kurator.telemetry.ApiResponse;
import dev.kurator.telemetry.ClusterEndpoints;
import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.Deduplication;
import dev.kurator.telemetry.EndpointOutcome;
import dev.kurator.telemetry.ErrorType;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.FleetQueryException;
import dev.kurator.telemetry.Labels;
import dev.kurator.telemetry.MetadataResult;
import dev.kurator.telemetry.PartialResponse;
import dev.kurator.telemetry.PrometheusApi;
import dev.kurator.telemetry.PrometheusApiException;
import dev.kurator.telemetry.QueryData;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.Sample;
import dev.kurator.telemetry.Series;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link FleetQuerier}: concurrent fan-out with per-endpoint timeout, retry and circuit breaker, then merge. */
public final class DefaultFleetQuerier implements FleetQuerier {

  private static final Logger log = LoggerFactory.getLogger(DefaultFleetQuerier.class);

  private final List<ClusterEndpoints> clusters;
  private final List<List<Endpoint>> endpoints;
  private final String clusterLabel;
  private final Set<String> replicaLabels;
  private final PartialResponse partialResponse;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService ownHttpExecutor;
  private final boolean ownScheduler;

  /** One endpoint with its client and resilience state. */
  private record Endpoint(String cluster, PrometheusApi api, CircuitBreaker breaker, Retry retry) {
  }

  /** The answer (or failure) of one endpoint. */
  private record Answer<T>(Endpoint endpoint, ApiResponse<T> response, Throwable failure, Duration elapsed) {
  }

  public DefaultFleetQuerier(
      List<ClusterEndpoints> clusters, String clusterLabel, Set<String> replicaLabels, PartialResponse partialResponse,
      Duration timeout, RetryConfig retryConfig, CircuitBreakerConfig breakerConfig, HttpClient httpClient,
      ScheduledExecutorService scheduler) {
    this.clusters = List.copyOf(clusters);
    this.clusterLabel = clusterLabel;
    this.replicaLabels = Set.copyOf(replicaLabels);
    this.partialResponse = partialResponse;
    this.timeout = timeout;
    this.ownScheduler = scheduler == null;
    this.scheduler = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kurator-fleet-querier-retry");
      t.setDaemon(true);
      return t;
    });
    HttpClient client = httpClient;
    if (client == null) {
      ownHttpExecutor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kurator-fleet-querier-http");
        t.setDaemon(true);
        return t;
      });
      client = HttpClient.newBuilder().executor(ownHttpExecutor).connectTimeout(timeout)
          .version(HttpClient.Version.HTTP_1_1).build();
    } else {
      ownHttpExecutor = null;
    }
    RetryConfig retry = retryConfig != null ? retryConfig : RetryConfig.custom().maxAttempts(2)
        .waitDuration(Duration.ofMillis(100)).retryOnException(DefaultFleetQuerier::isTransient).build();
    CircuitBreakerConfig breaker = breakerConfig != null ? breakerConfig : CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED).slidingWindowSize(10)
        .minimumNumberOfCalls(5).failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(30))
        .permittedNumberOfCallsInHalfOpenState(1).recordException(DefaultFleetQuerier::isTransient).build();
    List<List<Endpoint>> all = new ArrayList<>();
    for (ClusterEndpoints c : this.clusters) {
      List<Endpoint> eps = new ArrayList<>();
      for (int i = 0; i < c.endpoints().size(); i++) {
        PrometheusApi api = PrometheusApi.http(c.endpoints().get(i), client);
        String name = c.cluster() + "/" + i;
        eps.add(new Endpoint(c.cluster(), api, CircuitBreaker.of(name, breaker), Retry.of(name, retry)));
      }
      all.add(List.copyOf(eps));
    }
    this.endpoints = List.copyOf(all);
  }

  /** Failures worth retrying and counting against an endpoint's health. */
  static boolean isTransient(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof PrometheusApiException e) {
      return e.isTransient();
    }
    return c instanceof IOException || c instanceof TimeoutException;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  @Override
  public List<ClusterEndpoints> clusters() {
    return clusters;
  }

  @Override
  public QueryResult query(String promql, Instant time, ClusterSelector selector) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(time, "time");
    return queryData(selector, api -> api.query(promql, time, timeout), new QueryData.Vector(List.of()));
  }

  @Override
  public QueryResult queryRange(String promql, Instant start, Instant end, Duration step, ClusterSelector selector) {
    Objects.requireNonNull(promql, "promql");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(step, "step");
    return queryData(selector, api -> api.queryRange(promql, start, end, step, timeout),
        new QueryData.Matrix(List.of()));
  }

  @Override
  public MetadataResult<Labels> series(List<String> match, Instant start, Instant end, ClusterSelector selector) {
    Gathered<List<Labels>> g = fanOut(selector, api -> api.series(match, start, end, timeout));
    TreeSet<Labels> out = new TreeSet<>();
    for (Answer<List<Labels>> a : g.answers) {
      for (Labels l : a.response.data()) {
        out.add(l.with(clusterLabel, a.endpoint.cluster).without(replicaLabels));
      }
    }
    return new MetadataResult<>(List.copyOf(out), g.warnings(), g.outcomes);
  }

  @Override
  public MetadataResult<String> labelNames(List<String> match, Instant start, Instant end, ClusterSelector selector) {
    Gathered<List<String>> g = fanOut(selector, api -> api.labelNames(match, start, end, timeout));
    TreeSet<String> out = new TreeSet<>();
    for (Answer<List<String>> a : g.answers) {
      if (!a.response.data().isEmpty()) {
        out.addAll(a.response.data());
        out.add(clusterLabel);
      }
    }
    out.removeAll(replicaLabels);
    return new MetadataResult<>(List.copyOf(out), g.warnings(), g.outcomes);
  }

  @Override
  public MetadataResult<String> labelValues(
      String label, List<String> match, Instant start, Instant end, ClusterSelector selector) {
    Objects.requireNonNull(label, "label");
    TreeSet<String> out = new TreeSet<>();
    Gathered<List<String>> g;
    if (label.equals(clusterLabel)) {
      // The cluster label is ours: a cluster has a value when it holds any matching series.
      g = fanOut(selector, api -> api.labelNames(match, start, end, timeout));
      g.answers.stream().filter(a -> !a.response.data().isEmpty()).forEach(a -> out.add(a.endpoint.cluster));
    } else {
      g = fanOut(selector, api -> api.labelValues(label, match, start, end, timeout));
      if (!replicaLabels.contains(label)) {
        g.answers.forEach(a -> out.addAll(a.response.data()));
      }
    }
    return new MetadataResult<>(List.copyOf(out), g.warnings(), g.outcomes);
  }

  private QueryResult queryData(
      ClusterSelector selector, Function<PrometheusApi, CompletableFuture<ApiResponse<QueryData>>> call,
      QueryData empty) {
    Gathered<QueryData> g = fanOut(selector, call);
    List<String> warnings = new ArrayList<>(g.warnings());
    QueryData merged = merge(g.answers, empty, warnings);
    return new QueryResult(merged, List.copyOf(new LinkedHashSet<>(warnings)), g.outcomes);
  }

  private QueryData merge(List<Answer<QueryData>> answers, QueryData empty, List<String> warnings) {
    if (answers.isEmpty()) {
      return empty;
    }
    QueryData first = answers.get(0).response.data();
    List<Sample> samples = new ArrayList<>();
    List<Series> series = new ArrayList<>();
    for (Answer<QueryData> a : answers) {
      QueryData d = a.response.data();
      if (d.resultType() != first.resultType()) {
        warnings.add(describe(a) + ": answered a " + d.resultType().wireName() + " where the first cluster answered a "
            + first.resultType().wireName() + "; answer dropped");
        continue;
      }
      String cluster = a.endpoint.cluster;
      if (d instanceof QueryData.Vector v) {
        v.samples().forEach(s -> samples.add(s.withMetric(s.metric().with(clusterLabel, cluster))));
      } else if (d instanceof QueryData.Matrix m) {
        m.series().forEach(s -> series.add(s.withMetric(s.metric().with(clusterLabel, cluster))));
      } else if (!d.equals(first)) {
        warnings.add("clusters disagree on the " + d.resultType().wireName() + " result; returning cluster \""
            + answers.get(0).endpoint.cluster + "\"'s");
      }
    }
    if (first instanceof QueryData.Vector) {
      return new QueryData.Vector(Deduplication.dedupVector(samples, replicaLabels));
    }
    if (first instanceof QueryData.Matrix) {
      return new QueryData.Matrix(Deduplication.dedup(series, replicaLabels, false));
    }
    return first;
  }

  /** Answers of the endpoints that succeeded, in configuration order, plus every outcome. */
  private record Gathered<T>(List<Answer<T>> answers, List<EndpointOutcome> outcomes, List<String> failureWarnings) {
    List<String> warnings() {
      List<String> out = new ArrayList<>(failureWarnings);
      answers.forEach(a -> out.addAll(a.response.warnings()));
      return List.copyOf(new LinkedHashSet<>(out));
    }
  }

  private <T> Gathered<T> fanOut(
      ClusterSelector selector, Function<PrometheusApi, CompletableFuture<ApiResponse<T>>> call) {
    Objects.requireNonNull(selector, "selector");
    List<CompletableFuture<Answer<T>>> futures = new ArrayList<>();
    List<EndpointOutcome> skipped = new ArrayList<>();
    CompletableFuture<Void> abort = new CompletableFuture<>();
    for (int ci = 0; ci < clusters.size(); ci++) {
      ClusterEndpoints c = clusters.get(ci);
      boolean selected = selector.matches(c);
      for (Endpoint ep : endpoints.get(ci)) {
        if (!selected) {
          skipped.add(new EndpointOutcome(c.cluster(), ep.api.endpoint(), EndpointOutcome.Status.SKIPPED,
              "cluster not selected by " + selector, Duration.ZERO));
          continue;
        }
        CompletableFuture<Answer<T>> f = call(ep, call);
        if (partialResponse == PartialResponse.ABORT) {
          f.thenAccept(a -> {
            if (a.failure != null) {
              abort.complete(null);
            }
          });
        }
        futures.add(f);
      }
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]));
    CompletableFuture.anyOf(all, abort).join();

    List<Answer<T>> answers = new ArrayList<>();
    List<EndpointOutcome> outcomes = new ArrayList<>(skipped);
    List<String> failureWarnings = new ArrayList<>();
    PrometheusApiException badData = null;
    for (CompletableFuture<Answer<T>> f : futures) {
      if (!f.isDone()) {
        // Only under ABORT, once another endpoint failed: the query is over, this endpoint's answer is not needed.
        f.cancel(true);
        continue;
      }
      Answer<T> a = f.join();
      if (a.failure == null) {
        answers.add(a);
        outcomes.add(new EndpointOutcome(a.endpoint.cluster, a.endpoint.api.endpoint(), EndpointOutcome.Status.SUCCESS,
            "", a.elapsed));
        continue;
      }
      EndpointOutcome o = new EndpointOutcome(a.endpoint.cluster, a.endpoint.api.endpoint(),
          EndpointOutcome.Status.FAILED, failureText(a.failure), a.elapsed);
      outcomes.add(o);
      failureWarnings.add(o.describe());
      log.debug("fleet query: {}", o.describe());
      if (a.failure instanceof PrometheusApiException e && e.errorType().orElse(null) == ErrorType.BAD_DATA) {
        badData = e;
      }
    }
    outcomes.sort((x, y) -> Integer.compare(order(x), order(y)));
    if (badData != null) {
      throw badData;
    }
    if (partialResponse == PartialResponse.ABORT && !failureWarnings.isEmpty()) {
      throw new FleetQueryException("fleet query aborted (partial response ABORT)", outcomes);
    }
    return new Gathered<>(answers, outcomes, failureWarnings);
  }

  /** Position of an outcome's endpoint in configuration order, so that outcomes read like the configuration. */
  private int order(EndpointOutcome o) {
    int n = 0;
    for (List<Endpoint> eps : endpoints) {
      for (Endpoint ep : eps) {
        if (ep.cluster.equals(o.cluster()) && ep.api.endpoint().equals(o.endpoint())) {
          return n;
        }
        n++;
      }
    }
    return n;
  }

  private <T> CompletableFuture<Answer<T>> call(
      Endpoint ep, Function<PrometheusApi, CompletableFuture<ApiResponse<T>>> call) {
    long started = System.nanoTime();
    Supplier<java.util.concurrent.CompletionStage<ApiResponse<T>>> attempt = () -> call.apply(ep.api);
    Supplier<java.util.concurrent.CompletionStage<ApiResponse<T>>> guarded =
        Retry.decorateCompletionStage(ep.retry, scheduler, CircuitBreaker.decorateCompletionStage(ep.breaker, attempt));
    CompletableFuture<ApiResponse<T>> f;
    try {
      f = guarded.get().toCompletableFuture();
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .handle((r, e) -> new Answer<>(ep, e == null ? r : null, e == null ? null : unwrap(e),
            Duration.ofNanos(System.nanoTime() - started)));
  }

  private String failureText(Throwable t) {
    if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
      return "timed out after " + timeout.toMillis() + " ms";
    }
    if (t instanceof CallNotPermittedException) {
      return "circuit breaker open, endpoint not asked";
    }
    if (t instanceof ConnectException) {
      return "connection failed: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }
    if (t instanceof PrometheusApiException e) {
      return e.getMessage().substring(e.endpoint().map(u -> u.toString().length() + 2).orElse(0));
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private String describe(Answer<?> a) {
    return "cluster \"" + a.endpoint.cluster + "\" endpoint " + a.endpoint.api.endpoint();
  }

  @Override
  public void close() {
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
    if (ownHttpExecutor != null) {
      ownHttpExecutor.shutdownNow();
    }
  }
}
