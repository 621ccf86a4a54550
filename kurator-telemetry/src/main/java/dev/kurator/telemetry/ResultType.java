package dev.kurator.telemetry;

/** The {@code resultType} of a Prometheus query response. */
public enum ResultType {
  VECTOR("vector"),
  MATRIX("matrix"),
  SCALAR("scalar"),
  STRING("string");

  private final String wireName;

  ResultType(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the JSON, e.g. {@code vector}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The type for a JSON name.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static ResultType fromWireName(String name) {
    for (ResultType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown resultType \"" + name + "\"");
  }
}
