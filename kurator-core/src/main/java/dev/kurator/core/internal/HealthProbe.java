package dev.kurator.core.internal;

import dev.kurator.core.HealthState;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.MemberHealth;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Probes a member's API server without blocking a thread: {@code GET /readyz}, falling back to {@code GET /version}
 * when the server has no readyz endpoint (404). The probe uses the member's own client, hence its credentials.
 */
public final class HealthProbe {

  private HealthProbe() {}

  /** Starts a probe of {@code member}; the future always completes normally, within about {@code timeout}. */
  public static CompletableFuture<MemberHealth> probe(MemberCluster member, Duration timeout) {
    long start = System.nanoTime();
    HttpClient http;
    String base;
    try {
      http = member.client().getHttpClient();
      base = member.client().getMasterUrl().toString();
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(new MemberHealth(member.name(), HealthState.UNREACHABLE,
          Duration.ZERO, "client unusable: " + e.getMessage(), ""));
    }
    String root = base.endsWith("/") ? base : base + "/";
    return send(http, root + "readyz", timeout)
        .thenCompose(r -> r.code() == 404 ? send(http, root + "version", timeout).thenApply(v -> version(v))
            : CompletableFuture.completedFuture(readyz(r)))
        .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
        .handle((verdict, error) -> {
          Duration latency = Duration.ofNanos(System.nanoTime() - start);
          if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                : error;
            String reason = cause instanceof TimeoutException ? "no answer within " + timeout.toMillis() + " ms"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return new MemberHealth(member.name(), HealthState.UNREACHABLE, latency, reason, "");
          }
          return new MemberHealth(member.name(), verdict.state(), latency, verdict.reason(), verdict.version());
        });
  }

  private record Verdict(HealthState state, String reason, String version) {}

  private static CompletableFuture<HttpResponse<String>> send(HttpClient http, String uri, Duration timeout) {
    HttpRequest request = http.newHttpRequestBuilder().uri(uri).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .build();
    return http.sendAsync(request, String.class);
  }

  private static Verdict readyz(HttpResponse<String> r) {
    String body = r.body() == null ? "" : r.body().strip();
    if (r.isSuccessful()) {
      return new Verdict(HealthState.READY, "/readyz " + (body.length() > 40 ? "ok" : body), "");
    }
    return new Verdict(HealthState.NOT_READY, "/readyz answered HTTP " + r.code() + shorten(body), "");
  }

  private static Verdict version(HttpResponse<String> r) {
    String body = r.body() == null ? "" : r.body();
    if (!r.isSuccessful()) {
      return new Verdict(HealthState.NOT_READY, "/version answered HTTP " + r.code() + shorten(body), "");
    }
    String version = "";
    try {
      version = Resources.SERIALIZATION.unmarshal(body, com.fasterxml.jackson.databind.JsonNode.class)
          .path("gitVersion").asText("");
    } catch (RuntimeException e) {
      return new Verdict(HealthState.NOT_READY, "/version answered an unreadable body", "");
    }
    return new Verdict(HealthState.READY, "/version ok", version);
  }

  private static String shorten(String body) {
    if (body.isBlank()) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return ": " + (oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine);
  }
}
