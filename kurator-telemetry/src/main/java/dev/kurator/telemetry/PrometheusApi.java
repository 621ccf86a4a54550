package dev.kurator.telemetry;

import dev.kurator.telemetry.internal.HttpPrometheusApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A client of one Prometheus-compatible HTTP API endpoint ({@code /api/v1/...}). Every call is asynchronous; an
 * answer with {@code "status":"error"}, a non-JSON body or a transport failure completes the future exceptionally with
 * a {@link PrometheusApiException} (or the transport's {@code IOException} / {@code HttpTimeoutException}).
 *
 * <p>Times are sent as Unix seconds with millisecond precision; {@code null} start/end mean "unbounded" where the API
 * allows it.
 */
public interface PrometheusApi {

  /**
   * A client over {@code java.net.http}.
   *
   * @param endpoint the base URI, e.g. {@code http://prometheus:9090} or {@code http://host/prometheus}
   * @param client   the host's HTTP client; the library never closes it
   */
  static PrometheusApi http(URI endpoint, HttpClient client) {
    return new HttpPrometheusApi(endpoint, client);
  }

  /** The base URI this client talks to. */
  URI endpoint();

  /**
   * {@code /api/v1/query}: an instant query.
   *
   * @param timeout bounds the HTTP exchange and is passed to the server as its {@code timeout} parameter
   */
  CompletableFuture<ApiResponse<QueryData>> query(String promql, Instant time, Duration timeout);

  /**
   * {@code /api/v1/query_range}: a range query; {@code start} and {@code end} are inclusive.
   *
   * @param step resolution step, at least one millisecond
   */
  CompletableFuture<ApiResponse<QueryData>> queryRange(
      String promql, Instant start, Instant end, Duration step, Duration timeout);

  /** {@code /api/v1/series}: the label sets of the series matching any of {@code match} (at least one selector). */
  CompletableFuture<ApiResponse<List<Labels>>> series(List<String> match, Instant start, Instant end, Duration timeout);

  /** {@code /api/v1/labels}: label names, optionally restricted to series matching {@code match}. */
  CompletableFuture<ApiResponse<List<String>>> labelNames(
      List<String> match, Instant start, Instant end, Duration timeout);

  /** {@code /api/v1/label/<name>/values}: the values of one label. */
  CompletableFuture<ApiResponse<List<String>>> labelValues(
      String label, List<String> match, Instant start, Instant end, Duration timeout);
}
