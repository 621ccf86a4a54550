package dev.kurator.rollout;

import java.util.Objects;
import java.util.Optional;

/**
 * One cluster of a fleet rollout.
 *
 * @param cluster the member cluster
 * @param wave its wave, 1-based
 * @param outcome where it stands in the fleet rollout
 * @param phase its canary phase (as persisted on the cluster)
 * @param canaryWeight the router's canary weight
 * @param failedChecks failed checks of the current analysis
 * @param error the last error talking to the cluster, if the last tick failed there
 */
public record ClusterRolloutStatus(String cluster, int wave, Outcome outcome, CanaryPhase phase, int canaryWeight,
                                   int failedChecks, Optional<String> error) {

  /** Where a cluster stands in a fleet rollout. */
  public enum Outcome {
    /** Its wave has not started. */
    PENDING,
    /** Its canary is being analysed or promoted. */
    PROGRESSING,
    /** It runs the new revision. */
    SUCCEEDED,
    /** Its own canary failed and was rolled back. */
    FAILED,
    /** It was rolled back because another cluster failed (abort-all). */
    ABORTED,
    /** Its wave never started because the rollout was aborted. */
    SKIPPED
  }

  public ClusterRolloutStatus {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(error, "error");
  }
}
