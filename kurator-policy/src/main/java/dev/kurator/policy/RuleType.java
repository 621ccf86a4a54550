package dev.kurator.policy;

/** The kind of rule body that produced a result. */
public enum RuleType {
  /** validate: pattern, anyPattern, deny, foreach or CEL. */
  VALIDATION,
  /** mutate: patchStrategicMerge, patchesJson6902 or foreach. */
  MUTATION,
  /** generate: data or clone. */
  GENERATION
}
