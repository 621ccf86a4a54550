package dev.kurator.core;

/** The effect of a cluster taint, with the Kubernetes/Karmada spelling in {@link #wireName()}. */
public enum TaintEffect {
  NO_SCHEDULE("NoSchedule"),
  PREFER_NO_SCHEDULE("PreferNoSchedule"),
  NO_EXECUTE("NoExecute");

  private final String wireName;

  TaintEffect(String wireName) {
    this.wireName = wireName;
  }

  /** The name as written in YAML, e.g. {@code NoSchedule}. */
  public String wireName() {
    return wireName;
  }

  /** Parses the YAML spelling ({@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}). */
  public static TaintEffect fromWireName(String name) {
    for (TaintEffect e : values()) {
      if (e.wireName.equals(name)) {
        return e;
      }
    }
    throw ValidationException.of("effect", name, "must be one of NoSchedule, PreferNoSchedule, NoExecute");
  }
}
