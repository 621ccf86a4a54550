package dev.kurator.rollout.conformance;

/** The result of one conformance scenario. */
record Outcome(String id, Kind kind, String detail) {

  enum Kind { PASSED, FAILED, UNSUPPORTED }

  static Outcome passed(String id) {
    return new Outcome(id, Kind.PASSED, "");
  }

  static Outcome failed(String id, String detail) {
    return new Outcome(id, Kind.FAILED, detail);
  }

  static Outcome unsupported(String id, String reason) {
    return new Outcome(id, Kind.UNSUPPORTED, reason);
  }
}
