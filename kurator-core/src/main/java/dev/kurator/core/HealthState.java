package dev.kurator.core;

/** A member's state as seen by a health probe. */
public enum HealthState {
  /** The API server answered and reports itself ready. */
  READY,
  /** The API server answered but is not ready (e.g. {@code /readyz} failed, 5xx, or access denied). */
  NOT_READY,
  /** The API server could not be reached within the health timeout (refused, reset, timed out). */
  UNREACHABLE
}
