/**
 * Progressive delivery for a fleet: Flagger's canary semantics, exactly, per member cluster, and waves across the
 * fleet.
 *
 * <ul>
 *   <li>{@link dev.kurator.rollout.CanaryStateMachine}: Flagger's {@code advanceCanary} as a pure function of a
 *       {@link dev.kurator.rollout.CanarySpec}, a {@link dev.kurator.rollout.CanaryState} and
 *       {@link dev.kurator.rollout.Observations}, returning the next state and {@link dev.kurator.rollout.Action}s.
 *   <li>{@link dev.kurator.rollout.Canaries}: loads a Flagger {@code Canary} or a Kurator {@code RolloutConfig}.
 *   <li>{@link dev.kurator.rollout.CanaryDriver}: runs the machine against one cluster (fabric8), persisting the
 *       state in the cluster after every transition.
 *   <li>{@link dev.kurator.rollout.FleetRollout}: ordered {@link dev.kurator.rollout.Wave}s, gates between them,
 *       abort-all or isolate-failed, and a {@link dev.kurator.rollout.FleetStatus}.
 * </ul>
 *
 * <p>The Argo Rollouts step engine lives in {@link dev.kurator.rollout.argo}.
 */
package dev.kurator.rollout;
