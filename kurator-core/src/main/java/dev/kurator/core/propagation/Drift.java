package dev.kurator.core.propagation;

import java.util.List;
import java.util.Objects;

/**
 * One object on one cluster that differs from its desired variant.
 *
 * @param cluster member name
 * @param ref     the object
 * @param kind    how it differs
 * @param paths   JSON pointers of the fields that differ (for MODIFIED); empty otherwise
 */
public record Drift(String cluster, ObjectRef ref, Kind kind, List<String> paths) {

  public Drift {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(kind, "kind");
    paths = List.copyOf(Objects.requireNonNull(paths, "paths"));
  }

  /** How an object differs from what the propagation wants. */
  public enum Kind {
    /** It should exist and does not (never created, or deleted by someone). */
    MISSING,
    /** It exists but someone changed fields the variant sets. */
    MODIFIED,
    /** The template, assignment or overrides changed since it was written. */
    OUTDATED,
    /** It is our copy on a cluster no longer selected (or of a template no longer propagated). */
    ORPHANED,
    /** An object of that name exists that we did not create. */
    CONFLICT
  }
}
