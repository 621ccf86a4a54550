package dev.kurator.rollout;

import java.util.Objects;

/**
 * What a canary looks like on one cluster after a tick.
 *
 * @param cluster the member cluster
 * @param canary the canary's name
 * @param phase its phase
 * @param canaryWeight the router's canary weight (what users are served)
 * @param statusWeight Flagger's {@code status.canaryWeight}
 * @param failedChecks failed checks of the current analysis
 * @param iterations {@code status.iterations}
 */
public record CanaryStatus(String cluster, String canary, CanaryPhase phase, int canaryWeight, int statusWeight,
                           int failedChecks, int iterations) {
  public CanaryStatus {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(phase, "phase");
  }

  /** The status for {@code state}. */
  public static CanaryStatus of(String cluster, String canary, CanaryState state) {
    return new CanaryStatus(cluster, canary, state.phase(), state.canaryRoute(), state.canaryWeight(),
        state.failedChecks(), state.iterations());
  }
}
