package dev.kurator.core.spi;

/** What the write under review will do, as Kubernetes admission's {@code request.operation}. */
public enum AdmissionOperation {
  /** The object does not exist on the cluster yet. */
  CREATE,
  /** The object exists and will be updated; the request carries the old object. */
  UPDATE,
  /** The object will be deleted; the request carries the old object. */
  DELETE
}
