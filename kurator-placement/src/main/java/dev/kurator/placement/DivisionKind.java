package dev.kurator.placement;

/** The replica division strategies: one per Karmada assign strategy. */
public enum DivisionKind {
  /** Every cluster gets all replicas. */
  DUPLICATED,
  /** Webster division over static weights. */
  STATIC_WEIGHT,
  /** Webster division over available replicas, steady on scale. */
  DYNAMIC_WEIGHT,
  /** As few clusters as possible, steady on scale. */
  AGGREGATED
}
