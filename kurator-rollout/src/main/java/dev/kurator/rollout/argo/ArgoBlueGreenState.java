package dev.kurator.rollout.argo;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The persisted state of an Argo blue-green rollout.
 *
 * @param milestone where it is
 * @param pauseStartedAt when the pause before promotion began
 * @param run the pre- or post-promotion AnalysisRun in progress, if any
 */
public record ArgoBlueGreenState(Milestone milestone, Optional<Instant> pauseStartedAt, Optional<AnalysisRun> run) {

  /** Blue-green milestones, in order. */
  public enum Milestone {
    STARTED("started"), PREVIEW_READY("previewReady"), PRE_PROMOTION_ANALYSIS("prePromotionAnalysis"),
    PAUSED("paused"), PROMOTED("promoted"), POST_PROMOTION_ANALYSIS("postPromotionAnalysis"), STABLE("stable"),
    ABORTED("aborted");

    private final String argoName;

    Milestone(String argoName) {
      this.argoName = argoName;
    }

    /** The milestone's name as the conformance vectors spell it. */
    public String argoName() {
      return argoName;
    }

    /** Share of active-service traffic on the new ReplicaSet at this milestone. */
    public int activeWeight() {
      return this == PROMOTED || this == POST_PROMOTION_ANALYSIS || this == STABLE ? 100 : 0;
    }
  }

  public ArgoBlueGreenState {
    Objects.requireNonNull(milestone, "milestone");
    Objects.requireNonNull(pauseStartedAt, "pauseStartedAt");
    Objects.requireNonNull(run, "run");
  }

  /** A new revision, before its preview ReplicaSet is up. */
  public static ArgoBlueGreenState start() {
    return new ArgoBlueGreenState(Milestone.STARTED, Optional.empty(), Optional.empty());
  }

  /** The rollout phase. */
  public RolloutPhase phase() {
    return switch (milestone) {
      case ABORTED -> RolloutPhase.DEGRADED;
      case PAUSED -> RolloutPhase.PAUSED;
      case STABLE -> RolloutPhase.HEALTHY;
      default -> RolloutPhase.PROGRESSING;
    };
  }
}
