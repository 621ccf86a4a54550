package dev.kurator.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of a {@link FleetResult}: what happened to one resource on one cluster, and how long it took.
 *
 * @param cluster  member name
 * @param resource the resource (for a list: the kind and namespace, with an empty name)
 * @param outcome  what happened
 * @param elapsed  wall-clock time spent on this cluster for this row, retries included
 */
public record ClusterOutcome<T>(String cluster, ResourceRef resource, Outcome<T> outcome, Duration elapsed) {

  public ClusterOutcome {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** For example {@code eu-1 apps/v1 Deployment shop/web: created}. */
  @Override
  public String toString() {
    return cluster + " " + resource + ": " + outcome.describe();
  }
}
