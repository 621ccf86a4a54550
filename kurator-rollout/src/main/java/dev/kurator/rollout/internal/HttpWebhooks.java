package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.Webhook;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls canary webhooks the way Flagger does: POST of {@code {name, namespace, phase, checksum, metadata}}, success
 * only for HTTP 200-202, each attempt bounded by the hook's timeout, {@code retries} extra attempts.
 */
public final class HttpWebhooks {

  private static final Logger log = LoggerFactory.getLogger(HttpWebhooks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  public HttpWebhooks(HttpClient http) {
    this.http = http;
  }

  /** Calls {@code hook} for {@code canary} in {@code phase}; false on any failure, which is logged. */
  public boolean call(Webhook hook, CanarySpec canary, CanaryPhase phase, String checksum) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", canary.name());
    payload.put("namespace", canary.namespace());
    payload.put("phase", phase.flaggerName());
    payload.put("checksum", checksum);
    payload.put("metadata", hook.metadata());
    return post(hook, payload, "canary " + canary.name() + "." + canary.namespace());
  }

  /** POSTs {@code payload} to {@code hook}; true only for HTTP 200-202 within the timeout. */
  public boolean post(Webhook hook, Map<String, Object> payload, String subject) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(payload);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a webhook payload", e);
    }
    HttpRequest request = HttpRequest.newBuilder(hook.url()).timeout(hook.timeout())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    for (int attempt = 0; attempt <= hook.retries(); attempt++) {
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int code = response.statusCode();
        if (code >= 200 && code <= 202) {
          return true;
        }
        log.warn("webhook {} ({}) for {} answered HTTP {}", hook.name(), hook.type(), subject, code);
      } catch (IOException e) {
        log.warn("webhook {} ({}) for {} failed: {}", hook.name(), hook.type(), subject, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("webhook {} ({}) for {} interrupted", hook.name(), hook.type(), subject);
        return false;
      }
    }
    return false;
  }
}
