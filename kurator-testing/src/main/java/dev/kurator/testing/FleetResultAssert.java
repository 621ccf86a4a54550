package dev.kurator.testing;

import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link FleetResult}. */
public final class FleetResultAssert<T> extends AbstractAssert<FleetResultAssert<T>, FleetResult<T>> {

  @SuppressWarnings("unchecked")
  FleetResultAssert(FleetResult<T> actual) {
    super(actual, (Class<FleetResultAssert<T>>) (Class<?>) FleetResultAssert.class);
  }

  /** Verifies no row failed. */
  public FleetResultAssert<T> hasNoFailures() {
    isNotNull();
    if (actual.anyFailed()) {
      failWithMessage("Expected no failures but got %s", actual.failures().values());
    }
    return this;
  }

  /** Verifies exactly these clusters have failed rows. */
  public FleetResultAssert<T> failedExactlyOn(String... clusters) {
    isNotNull();
    TreeSet<String> expected = new TreeSet<>(Arrays.asList(clusters));
    TreeSet<String> failed = new TreeSet<>(actual.failures().keySet());
    if (!expected.equals(failed)) {
      failWithMessage("Expected failures exactly on %s but they were on %s: %s", expected, failed,
          actual.failures().values());
    }
    return this;
  }

  /** Verifies every row of each named cluster has an outcome of {@code type}. */
  @SuppressWarnings("rawtypes")
  public FleetResultAssert<T> hasOutcomeOn(Class<? extends Outcome> type, String... clusters) {
    isNotNull();
    for (String c : clusters) {
      List<ClusterOutcome<T>> rows = actual.rows(c);
      if (rows.isEmpty() || !rows.stream().allMatch(r -> type.isInstance(r.outcome()))) {
        failWithMessage("Expected %s on cluster %s but got %s", type.getSimpleName(), c, rows);
      }
    }
    return this;
  }

  /** Verifies every row has an outcome of {@code type}. */
  @SuppressWarnings("rawtypes")
  public FleetResultAssert<T> allHaveOutcome(Class<? extends Outcome> type) {
    return hasOutcomeOn(type, actual.clusters().toArray(String[]::new));
  }
}
