package dev.kurator.rollout;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook of a canary analysis ({@code spec.analysis.webhooks[]}).
 *
 * @param name the hook's name, unique within the analysis
 * @param type when it is called; an untyped hook is a {@link HookType#ROLLOUT} hook
 * @param url where it is POSTed
 * @param timeout per call; Flagger's default is 10 seconds
 * @param retries extra attempts after a failed call (default 0)
 * @param metadata string key/values sent in the payload; may carry secrets, so never printed
 */
public record Webhook(String name, HookType type, URI url, Duration timeout, int retries, Map<String, String> metadata) {

  /** Flagger's default per-hook timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public Webhook {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    metadata = Map.copyOf(metadata);
  }

  /** A hook with the default timeout, no retries and no metadata. */
  public static Webhook of(String name, HookType type, String url) {
    return new Webhook(name, type, URI.create(url), DEFAULT_TIMEOUT, 0, Map.of());
  }

  /** A copy with another timeout. */
  public Webhook withTimeout(Duration value) {
    return new Webhook(name, type, url, value, retries, metadata);
  }

  @Override
  public String toString() {
    return "Webhook[name=" + name + ", type=" + type + ", url=" + url + ", timeout=" + timeout + ", retries=" + retries
        + ", metadata=" + metadata.keySet() + "]";
  }
}
