package dev.kurator.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A value tagged with the cluster it came from, e.g. one item of a fleet-wide list.
 *
 * @param cluster member name
 * @param value   the value
 */
public record Tagged<T>(String cluster, T value) {

  public Tagged {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(value, "value");
  }

  /** Every item of every cluster's list in {@code result}, tagged with its cluster, in fleet order. */
  public static <E> List<Tagged<E>> flatten(FleetResult<? extends List<? extends E>> result) {
    List<Tagged<E>> out = new ArrayList<>();
    for (ClusterOutcome<? extends List<? extends E>> row : result.rows()) {
      row.outcome().value().ifPresent(items -> items.forEach(item -> out.add(new Tagged<>(row.cluster(), item))));
    }
    return out;
  }
}
