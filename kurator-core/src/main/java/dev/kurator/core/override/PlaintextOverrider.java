package dev.kurator.core.override;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One JSON-patch operation (RFC 6902), as Karmada's {@code PlaintextOverrider}. All plaintext overriders of a rule are
 * applied as one patch: if one fails, none is applied.
 *
 * @param path     JSON pointer (RFC 6901), e.g. {@code /spec/template/spec/containers/0/env/-}
 * @param operator add, remove or replace
 * @param value    the value to add or replace with; null for remove
 */
public record PlaintextOverrider(String path, OverrideOperator operator, JsonNode value) {

  public PlaintextOverrider {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operator, "operator");
    value = value == null ? null : value.deepCopy();
  }

  /** The value, a copy (JSON nodes are mutable). */
  @Override
  public JsonNode value() {
    return value == null ? null : value.deepCopy();
  }
}
