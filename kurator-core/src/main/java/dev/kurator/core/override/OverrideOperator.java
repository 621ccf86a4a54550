package dev.kurator.core.override;

import dev.kurator.core.ValidationException;

/** The operator of an overrider, spelled in YAML as Karmada's {@code OverriderOperator}: add, remove or replace. */
public enum OverrideOperator {
  ADD("add"),
  REMOVE("remove"),
  REPLACE("replace");

  private final String wireName;

  OverrideOperator(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in YAML, e.g. {@code replace}. */
  public String wireName() {
    return wireName;
  }

  /**
   * Parses the YAML spelling.
   *
   * @param path  field path reported when the name is unknown
   * @param value the operator as written
   * @throws ValidationException naming {@code path} when the value is not add, remove or replace
   */
  public static OverrideOperator parse(String path, String value) {
    for (OverrideOperator op : values()) {
      if (op.wireName.equals(value)) {
        return op;
      }
    }
    throw ValidationException.of(path, value, "must be one of add, remove, replace");
  }
}
