package dev.kurator.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Everything that failed on one cluster in one fan-out: its failed, unavailable or denied rows.
 *
 * @param cluster member name
 * @param rows    the failing rows of that cluster, never empty
 */
public record ClusterFailure(String cluster, List<ClusterOutcome<?>> rows) {

  public ClusterFailure {
    Objects.requireNonNull(cluster, "cluster");
    rows = List.copyOf(rows);
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("a cluster failure needs at least one row");
    }
  }

  /** The first exception among the rows, when a row failed with one (unavailable and denied rows have none). */
  public Optional<Throwable> cause() {
    return rows.stream().map(ClusterOutcome::outcome).filter(o -> o instanceof Outcome.Failed<?>)
        .map(o -> ((Outcome.Failed<?>) o).cause()).findFirst();
  }

  /** One line per failing row: resource and reason. */
  public String reason() {
    return rows.stream().map(r -> r.resource() + ": " + r.outcome().describe()).collect(Collectors.joining("; "));
  }

  @Override
  public String toString() {
    return cluster + ": " + reason();
  }
}
