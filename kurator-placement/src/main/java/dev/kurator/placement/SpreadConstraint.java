package dev.kurator.placement;

/**
 * Spread a workload over groups of clusters, as Karmada's {@code SpreadConstraint}. Exactly one of
 * {@code spreadByField} and {@code spreadByLabel} is set.
 *
 * @param spreadByField the field, null when spreading by label
 * @param spreadByLabel a label key, null when spreading by field (accepted but, as in Karmada, not schedulable)
 * @param minGroups     minimum number of groups, default 1
 * @param maxGroups     maximum number of groups; 0 (unset) selects no cluster, as in Karmada
 */
public record SpreadConstraint(SpreadField spreadByField, String spreadByLabel, int minGroups, int maxGroups) {

  /** A constraint by field with the given bounds. */
  public static SpreadConstraint byField(SpreadField field, int minGroups, int maxGroups) {
    return new SpreadConstraint(field, null, minGroups, maxGroups);
  }
}
