package dev.kurator.core.override;

import java.util.Map;
import java.util.Objects;

/**
 * Changes labels or annotations, as Karmada's {@code LabelAnnotationOverrider}: {@code add} sets each key (creating
 * the map if needed, overwriting an existing value), {@code replace} changes keys that exist and skips the others,
 * {@code remove} deletes keys that exist (the values are ignored).
 *
 * @param operator add, remove or replace
 * @param value    key to value; iteration order is the order of application
 */
public record LabelAnnotationOverrider(OverrideOperator operator, Map<String, String> value) {

  public LabelAnnotationOverrider {
    Objects.requireNonNull(operator, "operator");
    value = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(value, "value")));
  }
}
