package dev.kurator.rollout.argo;

/** The verdict on one measurement ({@code EvaluateResult} in Argo's {@code utils/evaluate}). */
public enum MeasurementPhase {
  SUCCESSFUL, FAILED, INCONCLUSIVE, ERROR
}
