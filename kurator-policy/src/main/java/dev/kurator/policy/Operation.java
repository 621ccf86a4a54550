package dev.kurator.policy;

/** Admission operations. */
public enum Operation {
  /** Object creation (the default). */
  CREATE,
  /** Object update; {@code request.oldObject} is the prior state. */
  UPDATE,
  /** Object deletion; {@code request.object} is null. */
  DELETE,
  /** Connect (exec, attach, port-forward). */
  CONNECT,
  /** A background scan of an existing object: {@code request.operation} is empty, as in Kyverno's scans. */
  BACKGROUND;

  /** The {@code request.operation} value: the name, or empty for a background scan. */
  public String requestValue() {
    return this == BACKGROUND ? "" : name();
  }
}
