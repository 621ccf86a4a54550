package dev.kurator.telemetry.internal;

import dev.kurator.telemetry.ApiResponse;
import dev.kurator.telemetry.ErrorType;
import dev.kurator.telemetry.Labels;
import dev.kurator.telemetry.PrometheusApi;
import dev.kurator.telemetry.PrometheusApiException;
import dev.kurator.telemetry.PrometheusJson;
import dev.kurator.telemetry.QueryData;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** {@link PrometheusApi} over {@code java.net.http}: POST with a form body where the API allows it, else GET. */
public final class HttpPrometheusApi implements PrometheusApi {

  private final URI endpoint;
  private final URI shown;
  private final String base;
  private final HttpClient client;

  public HttpPrometheusApi(URI endpoint, HttpClient client) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.client = Objects.requireNonNull(client, "client");
    String s = endpoint.toString();
    this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    this.shown = redact(endpoint);
  }

  /** The URI without user info, for messages and logs. */
  public static URI redact(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot redact endpoint URI", e);
    }
  }

  @Override
  public URI endpoint() {
    return shown;
  }

  @Override
  public CompletableFuture<ApiResponse<QueryData>> query(String promql, Instant time, Duration timeout) {
    Form f = new Form().add("query", promql).add("time", time).add("timeout", timeout);
    return post("/api/v1/query", f, timeout, PrometheusJson::parseQuery);
  }

  @Override
  public CompletableFuture<ApiResponse<QueryData>> queryRange(
      String promql, Instant start, Instant end, Duration step, Duration timeout) {
    Form f = new Form().add("query", promql).add("start", start).add("end", end)
        .add("step", GoFormat.formatTimestamp(step.toMillis())).add("timeout", timeout);
    return post("/api/v1/query_range", f, timeout, PrometheusJson::parseQuery);
  }

  @Override
  public CompletableFuture<ApiResponse<List<Labels>>> series(
      List<String> match, Instant start, Instant end, Duration timeout) {
    if (match.isEmpty()) {
      return CompletableFuture.failedFuture(
          new PrometheusApiException(shown, ErrorType.BAD_DATA, 0, "no match[] parameter provided"));
    }
    return post("/api/v1/series", new Form().addAll("match[]", match).add("start", start).add("end", end), timeout,
        PrometheusJson::parseSeries);
  }

  @Override
  public CompletableFuture<ApiResponse<List<String>>> labelNames(
      List<String> match, Instant start, Instant end, Duration timeout) {
    return post("/api/v1/labels", new Form().addAll("match[]", match).add("start", start).add("end", end), timeout,
        PrometheusJson::parseStrings);
  }

  @Override
  public CompletableFuture<ApiResponse<List<String>>> labelValues(
      String label, List<String> match, Instant start, Instant end, Duration timeout) {
    Form f = new Form().addAll("match[]", match).add("start", start).add("end", end);
    String path = "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8).replace("+", "%20") + "/values";
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path + (f.isEmpty() ? "" : "?" + f))).GET();
    return send(rb, timeout, PrometheusJson::parseStrings);
  }

  private <T> CompletableFuture<ApiResponse<T>> post(
      String path, Form form, Duration timeout, Function<String, ApiResponse<T>> parser) {
    HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    return send(rb, timeout, parser);
  }

  private <T> CompletableFuture<ApiResponse<T>> send(
      HttpRequest.Builder rb, Duration timeout, Function<String, ApiResponse<T>> parser) {
    HttpRequest request = rb.timeout(timeout).header("Accept", "application/json").build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(r -> interpret(r.statusCode(), r.body(), parser));
  }

  private <T> ApiResponse<T> interpret(int status, String body, Function<String, ApiResponse<T>> parser) {
    ApiResponse<T> parsed;
    try {
      parsed = parser.apply(body);
    } catch (PrometheusApiException e) {
      String text = body.length() > 200 ? body.substring(0, 200) + "..." : body;
      throw new PrometheusApiException(shown, null, status, "unexpected answer: " + text.strip());
    }
    if (!parsed.success()) {
      throw new PrometheusApiException(shown, parsed.knownErrorType().orElse(null), status, parsed.error());
    }
    if (status != 200) {
      throw new PrometheusApiException(shown, null, status, "success envelope with HTTP status " + status);
    }
    return parsed;
  }

  /** An {@code application/x-www-form-urlencoded} body or query string. */
  private static final class Form {
    private final List<String> parts = new ArrayList<>();

    Form add(String name, String value) {
      parts.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
      return this;
    }

    Form add(String name, Instant time) {
      return time == null ? this : add(name, GoFormat.formatTimestamp(time.toEpochMilli()));
    }

    Form add(String name, Duration timeout) {
      return add(name, timeout.toMillis() + "ms");
    }

    Form addAll(String name, List<String> values) {
      values.forEach(v -> add(name, v));
      return this;
    }

    boolean isEmpty() {
      return parts.isEmpty();
    }

    @Override
    public String toString() {
      return String.join("&", parts);
    }
  }
}
