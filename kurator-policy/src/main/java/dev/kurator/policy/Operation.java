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
  CONNECT
}
