package dev.kurator.telemetry.health;

import dev.kurator.core.Problems;
import java.time.Duration;

/**
 * A request-based service level objective: at most {@code 1 - objective} of the events in {@code window} may be bad.
 *
 * @param name          a name for reports
 * @param objective     target good ratio, strictly between 0 and 1 (e.g. 0.999)
 * @param window        the SLO period the error budget covers (e.g. 30 days)
 * @param totalSelector PromQL selector of a counter of all events, e.g. {@code http_requests_total{job="api"}}
 * @param badSelector   PromQL selector of a counter of bad events, e.g.
 *                      {@code http_requests_total{job="api",code=~"5.."}}
 */
public record Slo(String name, double objective, Duration window, String totalSelector, String badSelector) {

  /**
   * @throws dev.kurator.core.ValidationException listing every invalid field
   */
  public Slo {
    Problems p = new Problems();
    p.check(name == null || name.isBlank(), "slo.name", name, "must not be blank");
    p.check(!(objective > 0 && objective < 1), "slo.objective", objective, "must be strictly between 0 and 1");
    p.check(window == null || window.toMillis() <= 0, "slo.window", window, "must be positive");
    p.check(totalSelector == null || totalSelector.isBlank(), "slo.totalSelector", totalSelector, "must not be blank");
    p.check(badSelector == null || badSelector.isBlank(), "slo.badSelector", badSelector, "must not be blank");
    p.throwIfAny();
  }

  /** The error budget: the allowed bad ratio, {@code 1 - objective}. */
  public double errorBudget() {
    return 1 - objective;
  }
}
