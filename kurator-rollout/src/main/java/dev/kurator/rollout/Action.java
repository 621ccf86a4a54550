package dev.kurator.rollout;

import java.util.Objects;

/** What a driver must do to the cluster after a tick; produced by the machines, applied by adapters, in order. */
public sealed interface Action {

  /** Create or update the {@code -primary} workload from the target and point the apex service at it. */
  record InitializePrimary() implements Action {}

  /** Scale the target (canary) workload to zero. */
  record ScaleCanaryToZero() implements Action {}

  /** Scale the target (canary) workload up from zero. */
  record ScaleCanaryUp() implements Action {}

  /** Scale the canary (new ReplicaSet) to {@code canary} replicas and the stable one to {@code stable}. */
  record ScaleReplicas(int canary, int stable) implements Action {}

  /** Copy the canary's spec (and its configs) to the primary. */
  record PromoteCanary() implements Action {}

  /** Restore the target as the serving workload and delete what the canary created (deletion with revert). */
  record RevertTarget() implements Action {}

  /** Put the primary's pre-promotion pod template back (rolling back a revision that was already promoted). */
  record RestorePreviousPrimary() implements Action {}

  /** Route {@code primary}/{@code canary} percent, mirroring as given. */
  record SetRoutes(int primary, int canary, boolean mirrored) implements Action {}

  /** Fire the hooks of {@code type} with {@code phase} in the payload; their answers are only logged. */
  record NotifyHooks(HookType type, CanaryPhase phase) implements Action {
    public NotifyHooks {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(phase, "phase");
    }
  }

  /** Record an event (Kubernetes event and {@code event} hooks). */
  record RecordEvent(boolean warning, String message) implements Action {
    public RecordEvent {
      Objects.requireNonNull(message, "message");
    }
  }
}
