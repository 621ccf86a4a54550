package dev.kurator.rollout;

/** What a fleet rollout does when a cluster's canary fails. */
public enum FleetFailurePolicy {
  /** Roll every started cluster back (promoted ones too) and start no further wave. */
  ABORT_ALL,
  /** Leave the failed cluster rolled back and carry on with the others; a failed cluster does not block its gate. */
  ISOLATE_FAILED
}
