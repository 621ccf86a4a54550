package dev.kurator.placement;

/**
 * How a workload's replicas are scheduled, as Karmada's {@code ReplicaSchedulingStrategy}. A null field means
 * "unset"; {@link PropagationPolicies} applies Karmada's webhook defaults when loading YAML (type {@code Divided},
 * and {@code Weighted} for a divided type without preference).
 *
 * @param type             duplicated or divided, null when unset (not schedulable)
 * @param preference       aggregated or weighted, null when unset
 * @param weightPreference weights for {@code Weighted}, null for equal static weights
 */
public record ReplicaScheduling(ReplicaSchedulingType type, ReplicaDivisionPreference preference,
    WeightPreference weightPreference) {

  /** Every selected cluster runs all replicas. */
  public static ReplicaScheduling duplicated() {
    return new ReplicaScheduling(ReplicaSchedulingType.DUPLICATED, null, null);
  }

  /** Divided by dynamic weights (available replicas). */
  public static ReplicaScheduling dividedDynamic() {
    return new ReplicaScheduling(ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.WEIGHTED,
        WeightPreference.dynamic());
  }

  /** Divided by static weights ({@code null} means equal weights). */
  public static ReplicaScheduling dividedStatic(WeightPreference weights) {
    return new ReplicaScheduling(ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.WEIGHTED, weights);
  }

  /** Divided, packed onto as few clusters as possible. */
  public static ReplicaScheduling aggregated() {
    return new ReplicaScheduling(ReplicaSchedulingType.DIVIDED, ReplicaDivisionPreference.AGGREGATED, null);
  }

  /**
   * The division strategy, as Karmada's {@code newAssignState}.
   *
   * @throws SchedulingException when the combination is not one Karmada supports
   */
  public DivisionKind kind() {
    if (type == ReplicaSchedulingType.DUPLICATED) {
      return DivisionKind.DUPLICATED;
    }
    if (type == ReplicaSchedulingType.DIVIDED) {
      if (preference == ReplicaDivisionPreference.AGGREGATED) {
        return DivisionKind.AGGREGATED;
      }
      if (preference == ReplicaDivisionPreference.WEIGHTED) {
        return weightPreference != null && !weightPreference.dynamicWeight().isEmpty()
            ? DivisionKind.DYNAMIC_WEIGHT : DivisionKind.STATIC_WEIGHT;
      }
    }
    throw new SchedulingException(SchedulingException.Reason.ERROR, "unsupported replica scheduling strategy, "
        + "replicaSchedulingType: " + type + ", replicaDivisionPreference: " + preference);
  }

  /** Whether the placement divides replicas by dynamic weight or aggregates them. */
  public boolean isDynamicDivided() {
    return type == ReplicaSchedulingType.DIVIDED && (preference == ReplicaDivisionPreference.AGGREGATED
        || preference == ReplicaDivisionPreference.WEIGHTED && weightPreference != null
        && !weightPreference.dynamicWeight().isEmpty());
  }
}
