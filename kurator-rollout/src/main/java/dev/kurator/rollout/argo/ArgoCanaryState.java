package dev.kurator.rollout.argo;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The persisted state of an Argo canary rollout.
 *
 * @param stepIndex {@code status.currentStepIndex}
 * @param aborted {@code status.abort}
 * @param completed the new revision became stable
 * @param pauseReasons pause conditions ({@code CanaryPauseStep}, {@code InconclusiveAnalysisRun})
 * @param pauseStartedAt when the current pause began
 * @param stepRun the AnalysisRun of the latest analysis step, if any (kept after the step for its status)
 * @param stepRunIndex the step index {@code stepRun} belongs to, -1 for none
 * @param backgroundRun the background AnalysisRun, if any
 * @param canaryScale a {@code setCanaryScale} override of the canary replicas, if any
 */
public record ArgoCanaryState(int stepIndex, boolean aborted, boolean completed, Set<String> pauseReasons,
                              Optional<Instant> pauseStartedAt, Optional<AnalysisRun> stepRun, int stepRunIndex,
                              Optional<AnalysisRun> backgroundRun, Optional<Integer> canaryScale) {

  /** Pause condition of a pause step. */
  public static final String CANARY_PAUSE_STEP = "CanaryPauseStep";
  /** Pause condition after an inconclusive run. */
  public static final String INCONCLUSIVE_ANALYSIS_RUN = "InconclusiveAnalysisRun";

  public ArgoCanaryState {
    pauseReasons = Set.copyOf(pauseReasons);
    Objects.requireNonNull(pauseStartedAt, "pauseStartedAt");
    Objects.requireNonNull(stepRun, "stepRun");
    Objects.requireNonNull(backgroundRun, "backgroundRun");
    Objects.requireNonNull(canaryScale, "canaryScale");
  }

  /** A rollout about to run its first step. */
  public static ArgoCanaryState start() {
    return new ArgoCanaryState(0, false, false, Set.of(), Optional.empty(), Optional.empty(), -1, Optional.empty(),
        Optional.empty());
  }

  /** A rollout whose stable workload already runs the revision (nothing to do until the next one). */
  public ArgoCanaryState withCompletedForBootstrap() {
    return withCompleted();
  }

  /** The rollout phase. */
  public RolloutPhase phase() {
    if (aborted) {
      return RolloutPhase.DEGRADED;
    }
    if (!pauseReasons.isEmpty()) {
      return RolloutPhase.PAUSED;
    }
    return completed ? RolloutPhase.HEALTHY : RolloutPhase.PROGRESSING;
  }

  /** The run of the analysis step at the current index, if one was started there. */
  public Optional<AnalysisRun> currentStepRun() {
    return stepRunIndex == stepIndex ? stepRun : Optional.empty();
  }

  ArgoCanaryState withIndex(int index) {
    return new ArgoCanaryState(index, aborted, completed, Set.of(), Optional.empty(), stepRun, stepRunIndex,
        backgroundRun, canaryScale);
  }

  ArgoCanaryState withPause(String reason, Instant now) {
    java.util.Set<String> r = new java.util.HashSet<>(pauseReasons);
    r.add(reason);
    return new ArgoCanaryState(stepIndex, aborted, completed, r, Optional.of(pauseStartedAt.orElse(now)), stepRun,
        stepRunIndex, backgroundRun, canaryScale);
  }

  ArgoCanaryState withStepRun(Optional<AnalysisRun> run) {
    return new ArgoCanaryState(stepIndex, aborted, completed, pauseReasons, pauseStartedAt, run, stepIndex,
        backgroundRun, canaryScale);
  }

  ArgoCanaryState withBackgroundRun(Optional<AnalysisRun> run) {
    return new ArgoCanaryState(stepIndex, aborted, completed, pauseReasons, pauseStartedAt, stepRun, stepRunIndex, run,
        canaryScale);
  }

  ArgoCanaryState withCanaryScale(Optional<Integer> scale) {
    return new ArgoCanaryState(stepIndex, aborted, completed, pauseReasons, pauseStartedAt, stepRun, stepRunIndex,
        backgroundRun, scale);
  }

  ArgoCanaryState withCompleted() {
    return new ArgoCanaryState(stepIndex, aborted, true, Set.of(), Optional.empty(), stepRun, stepRunIndex,
        backgroundRun, canaryScale);
  }

  ArgoCanaryState withAborted(boolean value) {
    return new ArgoCanaryState(0, value, false, Set.of(), Optional.empty(),
        value ? stepRun.map(AnalysisRun::terminate) : Optional.empty(), value ? stepRunIndex : -1,
        value ? backgroundRun.map(AnalysisRun::terminate) : Optional.empty(), Optional.empty());
  }
}
