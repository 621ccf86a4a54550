package dev.kurator.placement;

import java.util.List;
import java.util.Objects;

/**
 * One match expression of a label or field selector: {@code key}, {@code operator} ({@code In}, {@code NotIn},
 * {@code Exists}, {@code DoesNotExist}; field selectors also accept {@code Gt} and {@code Lt} when evaluated) and
 * {@code values}. The operator is kept as written so that an unknown operator is an evaluation-time mismatch, exactly
 * as in Karmada.
 *
 * @param key      label key, or {@code provider}/{@code region}/{@code zone} for field selectors
 * @param operator operator as written
 * @param values   operand values, possibly empty
 */
public record SelectorRequirement(String key, String operator, List<String> values) {
  public SelectorRequirement {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(operator, "operator");
    values = values == null ? List.of() : List.copyOf(values);
  }

  public static SelectorRequirement of(String key, String operator, String... values) {
    return new SelectorRequirement(key, operator, List.of(values));
  }
}
