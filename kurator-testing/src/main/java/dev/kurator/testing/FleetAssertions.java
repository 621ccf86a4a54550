package dev.kurator.testing;

import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;

/**
 * Entry point of the AssertJ assertions for fleets: {@code assertThat(fleet).resource(deployment)
 * .existsExactlyOn("cluster-0", "cluster-1")} and {@code assertThat(result).hasNoFailures()}.
 */
public final class FleetAssertions {

  private FleetAssertions() {}

  /** Assertions on what the fleet's clusters hold (each check reads the clusters). */
  public static FleetAssert assertThat(Fleet fleet) {
    return new FleetAssert(fleet);
  }

  /** Assertions on the per-cluster rows of a fan-out result. */
  public static <T> FleetResultAssert<T> assertThat(FleetResult<T> result) {
    return new FleetResultAssert<>(result);
  }
}
