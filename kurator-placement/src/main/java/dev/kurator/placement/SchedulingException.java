package dev.kurator.placement;

import dev.kurator.core.KuratorException;

/**
 * Scheduling could not produce an assignment. {@link #reason()} tells whether no cluster passed the filters
 * ({@code NO_CLUSTER_FIT}, Karmada's {@code FitError}), the feasible clusters lack capacity ({@code UNSCHEDULABLE},
 * Karmada's {@code UnschedulableError}), or the request itself is wrong ({@code ERROR}).
 */
public class SchedulingException extends KuratorException {

  /** Why scheduling failed. */
  public enum Reason { NO_CLUSTER_FIT, UNSCHEDULABLE, ERROR }

  private final Reason reason;

  public SchedulingException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
