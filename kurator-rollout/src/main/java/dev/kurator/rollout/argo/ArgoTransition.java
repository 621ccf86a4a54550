package dev.kurator.rollout.argo;

import dev.kurator.rollout.Action;
import java.util.List;
import java.util.Objects;

/**
 * The result of one Argo reconcile or user action: the next state and the driver actions, in order.
 *
 * @param <S> the state type
 */
public record ArgoTransition<S>(S state, List<Action> actions) {
  public ArgoTransition {
    Objects.requireNonNull(state, "state");
    actions = List.copyOf(actions);
  }
}
