package dev.kurator.core;

/**
 * The last step of a fan-out: choose the clusters, run, get one row per cluster (and resource).
 *
 * @param <R> the value type of the result rows
 */
public interface FleetOperation<R> {

  /** Runs on every member of the fleet. */
  default FleetResult<R> onAllClusters() {
    return onClusters(Selector.all());
  }

  /**
   * Runs on the members {@code selector} picks, concurrently; never throws for one cluster's failure.
   *
   * @throws ValidationException when the selector names clusters that are not members (nothing is run)
   */
  FleetResult<R> onClusters(Selector selector);

  /** Runs on the named members. @throws ValidationException naming any name that is not a member */
  default FleetResult<R> onClusters(String... names) {
    return onClusters(Selector.names(names));
  }
}
