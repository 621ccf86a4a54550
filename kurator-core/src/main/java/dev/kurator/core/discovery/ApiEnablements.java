package dev.kurator.core.discovery;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one member serves: group-version (e.g. {@code apps/v1}, {@code v1} for the core group) to the kinds served
 * under it (subresources left out).
 *
 * @param groupVersionKinds group-version to kinds
 * @param complete          whether every group-version could be listed (Karmada's {@code CompleteAPIEnablements});
 *                          false when some resource list could not be read and {@code groupVersionKinds} holds only
 *                          what was found
 */
public record ApiEnablements(Map<String, Set<String>> groupVersionKinds, boolean complete) {

  /** Copies the map (sorted by group-version) and its sets; rejects nulls. */
  public ApiEnablements {
    Objects.requireNonNull(groupVersionKinds, "groupVersionKinds");
    Map<String, Set<String>> copy = new TreeMap<>();
    groupVersionKinds.forEach((gv, kinds) -> copy.put(Objects.requireNonNull(gv, "groupVersion"),
        Set.copyOf(Objects.requireNonNull(kinds, "kinds of " + gv))));
    groupVersionKinds = java.util.Collections.unmodifiableMap(copy);
  }

  /** Whether {@code kind} is served under {@code groupVersion}. */
  public boolean serves(String groupVersion, String kind) {
    Set<String> kinds = groupVersionKinds.get(groupVersion);
    return kinds != null && kinds.contains(kind);
  }
}
