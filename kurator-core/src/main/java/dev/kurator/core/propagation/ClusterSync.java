package dev.kurator.core.propagation;

import java.util.List;
import java.util.Objects;

/**
 * What a sync did on one cluster.
 *
 * @param cluster member name
 * @param status  OK when every object reached its desired state, else why not
 * @param changes per-object outcomes, in the order they were handled
 * @param error   cluster-level failure (unreachable, not a member), empty when none
 */
public record ClusterSync(String cluster, Status status, List<ObjectChange> changes, String error) {

  public ClusterSync {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(status, "status");
    changes = List.copyOf(Objects.requireNonNull(changes, "changes"));
    error = error == null ? "" : error;
  }

  /** The state of one cluster after a sync. */
  public enum Status {
    /** Every object is as desired. */
    OK,
    /** At least one object failed or conflicted, or the cluster could not be read. */
    FAILED,
    /** The cluster was not ready; nothing was attempted. */
    UNAVAILABLE,
    /** An admission gate denied this cluster's variant; nothing was written to any cluster. */
    DENIED,
    /** Not written because an admission gate denied another cluster's variant. */
    SKIPPED
  }

  /** Whether nothing was written on this cluster. */
  public boolean unchanged() {
    return status == Status.OK && changes.stream().noneMatch(c -> c.action().wrote());
  }

  /** The outcome for one object, if it was handled. */
  public java.util.Optional<ObjectChange> change(ObjectRef ref) {
    return changes.stream().filter(c -> c.ref().equals(ref)).findFirst();
  }
}
