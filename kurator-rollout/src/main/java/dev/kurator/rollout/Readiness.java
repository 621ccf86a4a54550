package dev.kurator.rollout;

/** What a workload readiness check found, in Flagger's terms ({@code pkg/canary/deployment_ready.go}). */
public enum Readiness {
  /** All replicas updated and available. */
  READY,
  /** Not ready yet; a retriable condition that only halts the tick. */
  NOT_READY,
  /** The progress deadline passed (or the workload is scaled to zero): non-retriable. */
  DEADLINE_EXCEEDED
}
