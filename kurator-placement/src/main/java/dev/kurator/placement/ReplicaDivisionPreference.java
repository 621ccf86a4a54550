package dev.kurator.placement;

/** How divided replicas are split: packed onto few clusters ({@code Aggregated}) or by weight ({@code Weighted}). */
public enum ReplicaDivisionPreference {
  AGGREGATED("Aggregated"),
  WEIGHTED("Weighted");

  private final String wireName;

  ReplicaDivisionPreference(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses the YAML spelling; null for an unknown name. */
  public static ReplicaDivisionPreference fromWireName(String name) {
    for (ReplicaDivisionPreference p : values()) {
      if (p.wireName.equals(name)) {
        return p;
      }
    }
    return null;
  }
}
