package dev.kurator.placement;

/** Whether each cluster runs all replicas ({@code Duplicated}) or a share ({@code Divided}). */
public enum ReplicaSchedulingType {
  DUPLICATED("Duplicated"),
  DIVIDED("Divided");

  private final String wireName;

  ReplicaSchedulingType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses the YAML spelling; null for an unknown name. */
  public static ReplicaSchedulingType fromWireName(String name) {
    for (ReplicaSchedulingType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
