package dev.kurator.rollout;

import java.util.List;

/**
 * What the canary machine may learn about the world during one tick. The machine asks in Flagger's order and stops
 * asking as Flagger stops, so a driver answers only what is needed; it never changes anything. Answers must not
 * block longer than the hooks' and queries' own timeouts.
 */
public interface Observations {

  /** Hash of the target's current pod template (and tracked configs). */
  String targetHash();

  /** Readiness of the canary (target) workload. */
  Readiness canaryReadiness();

  /** Readiness of the {@code -primary} workload. */
  Readiness primaryReadiness();

  /**
   * Calls one webhook.
   *
   * @param phase the phase sent in the payload
   * @return true only for HTTP 200-202 within the hook's timeout
   */
  boolean callWebhook(Webhook hook, CanaryPhase phase);

  /** Takes one reading of every metric in {@code metrics} (one analysis execution). */
  MetricSample sampleMetrics(List<MetricCheck> metrics);
}
