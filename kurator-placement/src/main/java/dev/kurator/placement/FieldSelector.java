package dev.kurator.placement;

import java.util.List;

/**
 * Karmada's cluster field selector: requirements over the cluster fields {@code provider}, {@code region} and
 * {@code zone} ({@code zone} is matched against the cluster's zone list).
 *
 * @param matchExpressions the requirements, all of which must hold
 */
public record FieldSelector(List<SelectorRequirement> matchExpressions) {
  public FieldSelector {
    matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
  }
}
