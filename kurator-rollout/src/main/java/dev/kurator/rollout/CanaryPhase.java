package dev.kurator.rollout;

import java.util.EnumSet;
import java.util.Set;

/**
 * The phases of a canary, named as Flagger names them ({@code pkg/apis/flagger/v1beta1/status.go}), with the table of
 * legal moves between them. A phase may always stay where it is.
 */
public enum CanaryPhase {
  /** A new canary; the primary is being created. */
  INITIALIZING("Initializing"),
  /** The primary exists and is ready, routes point at it; nothing to analyse. */
  INITIALIZED("Initialized"),
  /** A confirm-rollout gate refused to start the analysis. */
  WAITING("Waiting"),
  /** The analysis is running and traffic moves step by step. */
  PROGRESSING("Progressing"),
  /** The analysis is over but a confirm-promotion gate refused the promotion. */
  WAITING_PROMOTION("WaitingPromotion"),
  /** The canary spec was copied to the primary; traffic moves back to it. */
  PROMOTING("Promoting"),
  /** All traffic is on the primary again; the canary is scaled down next. */
  FINALISING("Finalising"),
  /** The revision was promoted. */
  SUCCEEDED("Succeeded"),
  /** The revision was rolled back (or its promotion failed). */
  FAILED("Failed"),
  /** The canary is being deleted and its target reverted. */
  TERMINATING("Terminating"),
  /** The canary was deleted and its target reverted. */
  TERMINATED("Terminated");

  private final String flaggerName;

  CanaryPhase(String flaggerName) {
    this.flaggerName = flaggerName;
  }

  /** The phase name as it appears in Flagger's {@code status.phase}. */
  public String flaggerName() {
    return flaggerName;
  }

  /**
   * The phase with Flagger name {@code name}.
   *
   * @throws IllegalArgumentException when no phase has that name
   */
  public static CanaryPhase ofFlaggerName(String name) {
    for (CanaryPhase p : values()) {
      if (p.flaggerName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown canary phase \"" + name + "\"");
  }

  /** True while an analysis or a promotion is under way (Flagger's {@code shouldAdvance} phases). */
  public boolean isActive() {
    return this == PROGRESSING || this == WAITING || this == WAITING_PROMOTION || this == PROMOTING || this == FINALISING;
  }

  /** True for phases a rollout ends in until a new revision arrives. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == TERMINATED;
  }

  /** Phases this one may move to (besides itself). */
  public Set<CanaryPhase> next() {
    return switch (this) {
      case INITIALIZING -> EnumSet.of(INITIALIZED, FAILED, TERMINATING);
      case INITIALIZED, SUCCEEDED, FAILED -> EnumSet.of(PROGRESSING, WAITING, FAILED, TERMINATING);
      case WAITING -> EnumSet.of(PROGRESSING, FAILED, TERMINATING);
      case PROGRESSING, WAITING_PROMOTION ->
          EnumSet.of(PROGRESSING, WAITING_PROMOTION, PROMOTING, SUCCEEDED, FAILED, TERMINATING);
      case PROMOTING -> EnumSet.of(FINALISING, SUCCEEDED, FAILED, TERMINATING);
      case FINALISING -> EnumSet.of(SUCCEEDED, FAILED, TERMINATING);
      case TERMINATING -> EnumSet.of(TERMINATED);
      case TERMINATED -> EnumSet.noneOf(CanaryPhase.class);
    };
  }

  /** True when moving from this phase to {@code target} is legal. */
  public boolean canMoveTo(CanaryPhase target) {
    return target == this || next().contains(target);
  }

  @Override
  public String toString() {
    return flaggerName;
  }
}
