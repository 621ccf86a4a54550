package dev.kurator.core;

import java.util.List;
import java.util.Objects;

/**
 * A membership change held by a {@link FleetRegistry}.
 *
 * @param previous the snapshot before the change
 * @param current  the snapshot after it
 * @param joined   names of members that joined
 * @param left     names of members that left
 */
public record FleetChange(Fleet previous, Fleet current, List<String> joined, List<String> left) {
  public FleetChange {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    joined = List.copyOf(joined);
    left = List.copyOf(left);
  }
}
