package dev.kurator.placement;

import java.util.List;
import java.util.Objects;

/**
 * The decisions of a batch or gang, in request order.
 *
 * @param decisions one decision per request
 */
public record BatchDecision(List<Decision> decisions) {
  public BatchDecision {
    decisions = List.copyOf(Objects.requireNonNull(decisions, "decisions"));
  }

  /** Whether every request was scheduled. */
  public boolean allScheduled() {
    return decisions.stream().allMatch(Decision::succeeded);
  }

  /** The decisions that failed. */
  public List<Decision> failures() {
    return decisions.stream().filter(d -> !d.succeeded()).toList();
  }
}
