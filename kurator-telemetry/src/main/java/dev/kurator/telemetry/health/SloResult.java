package dev.kurator.telemetry.health;

import java.time.Duration;
import java.util.Objects;

/**
 * Error-budget burn of one scope (a cluster, or the fleet) over one window.
 *
 * @param scope           the cluster name, or {@link SloEvaluator#FLEET} for the whole fleet
 * @param window          the window the counts cover
 * @param totalEvents     events in the window
 * @param badEvents       bad events in the window
 * @param errorRatio      bad / total (NaN without events)
 * @param burnRate        errorRatio / errorBudget: 1 spends exactly the budget over the SLO period; 14.4 over one
 *                        hour is Google SRE's page threshold for a 30-day SLO
 * @param budgetRemaining share of the SLO period's error budget left after this window's bad events:
 *                        {@code 1 - burnRate * window / period} (with the window's event rate for the period); over the
 *                        full period simply {@code 1 - burnRate}; below 0 when overspent
 * @param status          the verdict
 */
public record SloResult(
    String scope, Duration window, double totalEvents, double badEvents, double errorRatio, double burnRate,
    double budgetRemaining, Status status) {

  public SloResult {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(status, "status");
  }

  /** The verdict on an SLO. */
  public enum Status {
    /** No events in the window: nothing to judge. */
    NO_DATA,
    /** Burning at most as fast as the budget allows (burn rate at most 1). */
    HEALTHY,
    /** Burning faster than the budget allows, with budget left. */
    BURNING,
    /** The budget is spent (nothing remains). */
    EXHAUSTED
  }
}
