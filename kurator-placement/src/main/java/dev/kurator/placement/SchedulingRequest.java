package dev.kurator.placement;

import dev.kurator.core.Assignment;
import java.util.Objects;

/**
 * One resource to schedule in a batch or gang: what it is, where it may go, and what the scheduler remembers.
 *
 * @param workload  the resource
 * @param placement its placement
 * @param state     its binding state
 */
public record SchedulingRequest(Workload workload, Placement placement, BindingState state) {
  public SchedulingRequest {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(state, "state");
  }

  /** A request for a resource that was never scheduled. */
  public static SchedulingRequest of(Workload workload, Placement placement) {
    return new SchedulingRequest(workload, placement, BindingState.initial());
  }

  /** A request for a resource currently placed as {@code previous}. */
  public static SchedulingRequest of(Workload workload, Placement placement, Assignment previous) {
    return new SchedulingRequest(workload, placement, BindingState.of(previous));
  }
}
