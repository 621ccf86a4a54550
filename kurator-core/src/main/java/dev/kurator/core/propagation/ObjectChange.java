package dev.kurator.core.propagation;

import java.util.Objects;

/**
 * What a sync did to one object on one cluster.
 *
 * @param ref    the object
 * @param action what happened
 * @param detail why, for CONFLICT and FAILED; empty otherwise
 */
public record ObjectChange(ObjectRef ref, Action action, String detail) {

  public ObjectChange {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(action, "action");
    detail = detail == null ? "" : detail;
  }

  /** The outcome for one object. */
  public enum Action {
    /** It was missing and was created. */
    CREATED,
    /** It differed from the variant (template change or drift) and was rewritten. */
    UPDATED,
    /** It already matched; nothing was written. */
    UNCHANGED,
    /** It was our copy on a cluster (or for a template) no longer selected and was deleted. */
    DELETED,
    /** An object of that name exists that we did not create; left alone. */
    CONFLICT,
    /** The write failed; see detail. */
    FAILED;

    /** Whether this outcome wrote to the cluster. */
    public boolean wrote() {
      return this == CREATED || this == UPDATED || this == DELETED;
    }
  }
}
