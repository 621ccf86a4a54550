package dev.kurator.rollout.conformance;

/** Thrown by a scenario player at the first difference from the expected vector. */
final class Mismatch extends RuntimeException {
  Mismatch(String message) {
    super(message, null, false, false);
  }
}
