package dev.kurator.rollout.argo;

/** Argo's rollout phase ({@code utils/rollout/rolloututil.go}). */
public enum RolloutPhase {
  /** Fully promoted. */
  HEALTHY,
  /** Steps or analysis still running. */
  PROGRESSING,
  /** A pause condition holds. */
  PAUSED,
  /** Aborted (or the progress deadline passed). */
  DEGRADED
}
