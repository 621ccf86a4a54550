package dev.kurator.core.sameness;

import dev.kurator.core.propagation.Drift;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which members diverge from the sameness spec.
 *
 * @param divergent member name to what differs there (missing, modified, outdated, conflicting objects); members
 *                  that are identical are absent
 * @param errors    member name to why it could not be checked (not ready, unreachable)
 */
public record SamenessReport(Map<String, List<Drift>> divergent, Map<String, String> errors) {

  public SamenessReport {
    Map<String, List<Drift>> copy = new LinkedHashMap<>();
    Objects.requireNonNull(divergent, "divergent").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    divergent = Collections.unmodifiableMap(copy);
    errors = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(errors, "errors")));
  }

  /** Whether every member was checked and is identical. */
  public boolean identical() {
    return divergent.isEmpty() && errors.isEmpty();
  }
}
