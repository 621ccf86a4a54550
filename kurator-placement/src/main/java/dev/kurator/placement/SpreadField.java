package dev.kurator.placement;

/** The cluster field a {@link SpreadConstraint} spreads by, with Karmada's spelling in {@link #wireName()}. */
public enum SpreadField {
  CLUSTER("cluster"),
  REGION("region"),
  ZONE("zone"),
  PROVIDER("provider");

  private final String wireName;

  SpreadField(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses the YAML spelling; returns null for an unknown name. */
  public static SpreadField fromWireName(String name) {
    for (SpreadField f : values()) {
      if (f.wireName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
