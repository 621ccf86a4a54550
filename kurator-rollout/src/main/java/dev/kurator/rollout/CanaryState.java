package dev.kurator.rollout;

import java.time.Instant;
import java.util.Objects;

/**
 * The persisted state of one canary: Flagger's {@code status} plus what its router currently serves.
 *
 * @param phase the phase
 * @param canaryWeight {@code status.canaryWeight} (may differ from the router weight; see Flagger #1819)
 * @param iterations {@code status.iterations}
 * @param failedChecks {@code status.failedChecks}, cumulative over one analysis
 * @param primaryRoute router weight of the primary, 0-100
 * @param canaryRoute router weight of the canary, 0-100
 * @param mirrored whether the router mirrors traffic to the canary
 * @param lastAppliedSpec hash of the target spec the analysis runs for ("" before the first one)
 * @param lastPromotedSpec hash of the target spec the primary runs
 * @param lastTransitionTime when the phase last changed
 */
public record CanaryState(CanaryPhase phase, int canaryWeight, int iterations, int failedChecks, int primaryRoute,
                          int canaryRoute, boolean mirrored, String lastAppliedSpec, String lastPromotedSpec,
                          Instant lastTransitionTime) {

  public CanaryState {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(lastAppliedSpec, "lastAppliedSpec");
    Objects.requireNonNull(lastPromotedSpec, "lastPromotedSpec");
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
  }

  /** A new canary, before its primary exists. */
  public static CanaryState initializing(Instant now) {
    return new CanaryState(CanaryPhase.INITIALIZING, 0, 0, 0, 100, 0, false, "", "", now);
  }

  /** A canary whose primary runs revision {@code specHash} with all traffic on it. */
  public static CanaryState initialized(String specHash, Instant now) {
    return new CanaryState(CanaryPhase.INITIALIZED, 0, 0, 0, 100, 0, false, specHash, specHash, now);
  }

  /**
   * A copy in {@code next}, applying Flagger's {@code setStatusPhase} resets: outside Progressing, Waiting and Promoting
   * the status weight and iterations drop to 0 (WaitingPromotion keeps {@code iterations - 1}).
   *
   * @throws IllegalTransitionException when the transition table forbids the move
   */
  public CanaryState moveTo(CanaryPhase next, int analysisIterations, Instant now) {
    if (!phase.canMoveTo(next)) {
      throw new IllegalTransitionException(phase.flaggerName(), next.flaggerName());
    }
    int weight = canaryWeight;
    int iter = iterations;
    if (next != CanaryPhase.PROGRESSING && next != CanaryPhase.WAITING && next != CanaryPhase.PROMOTING) {
      weight = 0;
      iter = next == CanaryPhase.WAITING_PROMOTION ? analysisIterations - 1 : 0;
    }
    Instant changed = next == phase ? lastTransitionTime : now;
    return new CanaryState(next, weight, iter, failedChecks, primaryRoute, canaryRoute, mirrored, lastAppliedSpec,
        lastPromotedSpec, changed);
  }

  /**
   * Flagger's {@code SyncStatus}: moves to {@code next} with weight, failed checks and iterations reset and the
   * applied spec set to {@code specHash}.
   *
   * @throws IllegalTransitionException when the transition table forbids the move
   */
  public CanaryState sync(CanaryPhase next, String specHash, Instant now) {
    CanaryState moved = moveTo(next, 0, now);
    return new CanaryState(next, 0, 0, 0, moved.primaryRoute, moved.canaryRoute, moved.mirrored, specHash,
        lastPromotedSpec, moved.lastTransitionTime);
  }

  /** A copy with the router set to {@code primary}/{@code canary} and mirroring as given. */
  public CanaryState withRoutes(int primary, int canary, boolean mirror) {
    return new CanaryState(phase, canaryWeight, iterations, failedChecks, primary, canary, mirror, lastAppliedSpec,
        lastPromotedSpec, lastTransitionTime);
  }

  /** A copy with another status weight. */
  public CanaryState withCanaryWeight(int value) {
    return new CanaryState(phase, value, iterations, failedChecks, primaryRoute, canaryRoute, mirrored, lastAppliedSpec,
        lastPromotedSpec, lastTransitionTime);
  }

  /** A copy with another iteration count. */
  public CanaryState withIterations(int value) {
    return new CanaryState(phase, canaryWeight, value, failedChecks, primaryRoute, canaryRoute, mirrored,
        lastAppliedSpec, lastPromotedSpec, lastTransitionTime);
  }

  /** A copy with one more failed check. */
  public CanaryState withFailedCheck() {
    return new CanaryState(phase, canaryWeight, iterations, failedChecks + 1, primaryRoute, canaryRoute, mirrored,
        lastAppliedSpec, lastPromotedSpec, lastTransitionTime);
  }

  /** A copy whose primary now runs the applied spec. */
  public CanaryState withPromotedSpec() {
    return new CanaryState(phase, canaryWeight, iterations, failedChecks, primaryRoute, canaryRoute, mirrored,
        lastAppliedSpec, lastAppliedSpec, lastTransitionTime);
  }

  /** A copy with another applied spec hash. */
  public CanaryState withAppliedSpec(String hash) {
    return new CanaryState(phase, canaryWeight, iterations, failedChecks, primaryRoute, canaryRoute, mirrored, hash,
        lastPromotedSpec, lastTransitionTime);
  }

  /**
   * Flagger's {@code hasSpecChanged}: true when nothing was applied yet, false when the target went back to the
   * promoted spec (a manual rollback), else whether it differs from the applied spec.
   */
  public boolean specChanged(String targetHash) {
    if (lastAppliedSpec.isEmpty()) {
      return true;
    }
    if (lastPromotedSpec.equals(targetHash)) {
      return false;
    }
    return !lastAppliedSpec.equals(targetHash);
  }
}
