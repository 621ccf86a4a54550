package dev.kurator.rollout.argo;

/** Phase of a metric or an AnalysisRun, ordered from best to worst as Argo ranks them. */
public enum AnalysisPhase {
  SUCCESSFUL("Successful"), RUNNING("Running"), PENDING("Pending"), INCONCLUSIVE("Inconclusive"), ERROR("Error"),
  FAILED("Failed");

  private final String argoName;

  AnalysisPhase(String argoName) {
    this.argoName = argoName;
  }

  /** The name Argo uses in {@code status.phase}. */
  public String argoName() {
    return argoName;
  }

  /** True for phases a run or metric does not leave. */
  public boolean isCompleted() {
    return this != RUNNING && this != PENDING;
  }

  /** The worse of this and {@code other}. */
  public AnalysisPhase worst(AnalysisPhase other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
