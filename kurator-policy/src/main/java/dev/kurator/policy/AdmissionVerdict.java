package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The admission outcome for one resource.
 *
 * @param resource the resource after all mutations
 * @param results mutation and validation results of every policy
 */
public record AdmissionVerdict(JsonNode resource, List<RuleResult> results) {

  /** Rejects nulls and copies the list. */
  public AdmissionVerdict {
    Objects.requireNonNull(resource, "resource");
    results = List.copyOf(results);
  }

  /** False when an Enforce-mode rule failed or errored. */
  public boolean allowed() {
    return blocking().isEmpty();
  }

  /** The results that block admission. */
  public List<RuleResult> blocking() {
    return results.stream().filter(RuleResult::blocks).toList();
  }
}
