package dev.kurator.rollout;

import java.util.List;
import java.util.Objects;

/**
 * The result of one tick: the next state and the actions to apply, in order.
 *
 * @param state the next state (persist it after applying the actions)
 * @param actions what to do to the cluster
 */
public record Transition(CanaryState state, List<Action> actions) {
  public Transition {
    Objects.requireNonNull(state, "state");
    actions = List.copyOf(actions);
  }
}
