package dev.kurator.rollout.conformance;

/** Thrown by a scenario player for a scenario feature the engine declines, with the reason. */
final class Unsupported extends RuntimeException {
  Unsupported(String message) {
    super(message, null, false, false);
  }
}
