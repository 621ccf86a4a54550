package dev.kurator.placement;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.internal.SchedulerImpl;
import dev.kurator.placement.spi.SchedulerPlugin;
import java.util.List;

/**
 * Karmada's scheduler as a pure function: a workload, its placement, a snapshot of the fleet and the previous
 * assignment in; a {@link Decision} with per-cluster explanations out. Immutable and thread-safe: the configuration
 * methods return a new scheduler.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.withDefaults().plugin(new CarbonAwareScore());
 * Decision d = scheduler.schedule(workload, policy.placement(), fleet.snapshot(), previous);
 * System.out.println(d.explain());
 * }</pre>
 */
public interface Scheduler {

  /**
   * Karmada's in-tree plugins in a fixed order: filters {@code ClusterAffinity}, {@code TaintToleration},
   * {@code APIEnablement}, {@code SpreadConstraint}, {@code ClusterEviction}, {@code ComplianceZone}; scores
   * {@code ClusterAffinity} (always 0) and {@code ClusterLocality}; the {@code general-estimator}.
   */
  static Scheduler withDefaults() {
    return SchedulerImpl.defaults();
  }

  /** A scheduler with no plugins at all (compliance zones are still enforced). */
  static Scheduler empty() {
    return SchedulerImpl.empty();
  }

  /**
   * Registers a plugin after the existing ones (order of registration is the order of evaluation).
   *
   * @throws dev.kurator.core.ValidationException when a plugin of the same name is already registered
   */
  Scheduler plugin(SchedulerPlugin plugin);

  /**
   * Disables a registered plugin by name (Karmada's {@code --plugins=*,-Name}).
   *
   * @throws dev.kurator.core.ValidationException when no plugin has that name
   */
  Scheduler disable(String pluginName);

  /**
   * Enables a disabled plugin again.
   *
   * @throws dev.kurator.core.ValidationException when no plugin has that name
   */
  Scheduler enable(String pluginName);

  /**
   * Adds the plugins listed in {@code META-INF/services/dev.kurator.placement.spi.SchedulerPlugin} visible from
   * {@code loader}, after the registered ones. Explicitly registered plugins win over discovered ones of the same
   * name; among discovered duplicates the first wins (both cases are logged).
   */
  Scheduler discoverPlugins(ClassLoader loader);

  /**
   * Karmada's {@code --enable-empty-workload-propagation}: selected clusters that receive no replicas stay in the
   * assignment with 0 replicas (so, e.g., a Deployment scaled to 0 keeps its clusters). Off by default.
   */
  Scheduler emptyWorkloadPropagation(boolean enabled);

  /** Names of the enabled plugins, in evaluation order. */
  List<String> plugins();

  /** Schedules one resource that is currently placed as {@code previous} ({@link Assignment#none()} if new). */
  default Decision schedule(Workload workload, Placement placement, List<ClusterSnapshot> clusters,
      Assignment previous) {
    return schedule(workload, placement, clusters, BindingState.of(previous));
  }

  /**
   * Schedules one resource. Never throws for a resource that does not fit: the decision says why, per cluster.
   *
   * @param clusters the fleet snapshot; cluster names must be unique
   * @throws dev.kurator.core.ValidationException when cluster names repeat
   */
  Decision schedule(Workload workload, Placement placement, List<ClusterSnapshot> clusters, BindingState state);

  /**
   * Schedules many resources against one snapshot without over-committing any cluster: each scheduled resource's
   * replicas times its requests are added to the clusters' {@code allocating} resources before the next one is
   * scheduled, and duplicated or statically weighted resources are only placed where every replica fits.
   * Requests are handled in order; one failure does not stop the rest.
   */
  BatchDecision scheduleBatch(List<SchedulingRequest> requests, List<ClusterSnapshot> clusters);

  /**
   * Schedules a gang all-or-nothing: like {@link #scheduleBatch} but, when any member cannot be placed, no member
   * is placed (the others get status {@link Decision.Status#GANG_REJECTED} and an empty assignment).
   */
  BatchDecision scheduleGang(List<SchedulingRequest> requests, List<ClusterSnapshot> clusters);
}
