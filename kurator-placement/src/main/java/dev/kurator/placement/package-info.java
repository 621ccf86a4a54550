/**
 * Kurator placement: Karmada's scheduler (v1.16+ semantics) as a pure, pluggable library that explains itself.
 *
 * <ul>
 *   <li>{@link dev.kurator.placement.PropagationPolicies} loads Karmada {@code PropagationPolicy} and
 *       {@code ClusterPropagationPolicy} YAML as is (webhook defaults applied, strict validation with field paths)
 *       and picks the policy that claims a resource (priority, then implicit priority, then name).</li>
 *   <li>{@link dev.kurator.placement.Scheduler} turns a {@link dev.kurator.placement.Workload}, its
 *       {@link dev.kurator.placement.Placement}, a fleet snapshot ({@link dev.kurator.core.ClusterSnapshot}s) and the
 *       previous {@link dev.kurator.core.Assignment} into a {@link dev.kurator.placement.Decision}: filter, score,
 *       estimate available replicas, group and select by spread constraints, divide replicas (Duplicated; Divided by
 *       static weight, dynamic weight or Aggregated, with Webster division and the UID-seeded tie-break; steady
 *       scale up and down; overflow tiers; ordered affinity groups).</li>
 *   <li>Every decision explains itself per cluster ({@link dev.kurator.placement.ClusterExplanation},
 *       {@link dev.kurator.placement.Decision#explain()}); when nothing fits, the message names each cluster's
 *       reason.</li>
 *   <li>Beyond Karmada: batch scheduling without over-commit, gang (all-or-nothing) placement, compliance zones
 *       ({@code kurator.dev/compliance-zone}), cost- and carbon-aware scores
 *       ({@link dev.kurator.placement.plugins}).</li>
 *   <li>Karmada's controller rules as pure functions: {@link dev.kurator.placement.Descheduler},
 *       {@link dev.kurator.placement.GracefulEviction}, {@link dev.kurator.placement.Rescheduling}.</li>
 * </ul>
 *
 * <p>Known, deliberate differences from Karmada: where Go's sort order is unspecified (more than 12 clusters with
 * equal capacity in dynamic division) this engine keeps a stable order; unset {@code maxGroups} selects no cluster,
 * exactly as Karmada does; {@code spreadByLabel} is accepted but, as in Karmada, not schedulable.
 */
package dev.kurator.placement;
