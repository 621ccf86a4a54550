package dev.kurator.core.propagation;

/**
 * What to do when a selected cluster already has an object of a template's name that this propagation did not create,
 * as Karmada's {@code conflictResolution}.
 */
public enum ConflictResolution {
  /** Leave it alone and report a conflict for that cluster (the default). */
  ABORT,
  /** Take it over: overwrite it with the variant and mark it as ours. */
  OVERWRITE
}
