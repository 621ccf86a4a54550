package dev.kurator.telemetry.exposition;

import dev.kurator.telemetry.PrometheusApiException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Scrapes a {@code /metrics} endpoint directly, for clusters where no Prometheus runs: asks for OpenMetrics first and
 * text 0.0.4 second (as Prometheus's scrape {@code Accept} header does) and parses whichever the server sent.
 */
public final class Scraper {

  /** The {@code Accept} header: OpenMetrics preferred, text 0.0.4 accepted. */
  public static final String ACCEPT =
      "application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param client  the host's HTTP client (not closed here)
   * @param timeout per-scrape timeout
   */
  public Scraper(HttpClient client, Duration timeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Scrapes {@code target} (the full URL, e.g. {@code http://pod:8080/metrics}).
   *
   * @return the parsed families; completes exceptionally with {@link PrometheusApiException} on a non-200 answer and
   *     {@link ExpositionException} on a malformed body
   */
  public CompletableFuture<List<MetricFamily>> scrape(URI target) {
    HttpRequest request = HttpRequest.newBuilder(target).timeout(timeout).header("Accept", ACCEPT).GET().build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(r -> {
      if (r.statusCode() != 200) {
        throw new PrometheusApiException(target, null, r.statusCode(), "scrape failed");
      }
      String type = r.headers().firstValue("Content-Type").orElse("");
      return ExpositionParser.parse(r.body(), ExpositionFormat.fromContentType(type));
    });
  }
}
