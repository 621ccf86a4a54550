package dev.kurator.core.propagation;

import dev.kurator.core.Assignment;
import dev.kurator.core.Fleet;
import dev.kurator.core.override.OverridePolicy;
import dev.kurator.core.override.Overrides;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link Propagation} bound to a fleet, as returned by {@code fleet.propagate(templates)}:
 * {@code fleet.propagate(web).assignment(decision.assignment()).overrides(policies).sync()}. Each terminal call
 * ({@link #sync()}, {@link #diff()}, {@link #plan()}) validates the settings and works on the fleet's current
 * members.
 */
public final class FleetPropagation {

  private final Fleet fleet;
  private final List<HasMetadata> templates;
  private String name;
  private Assignment assignment = Assignment.none();
  private Overrides overrides = Overrides.none();
  private ReplicaInterpreters interpreters = ReplicaInterpreters.defaults();
  private ConflictResolution conflicts = ConflictResolution.ABORT;
  private boolean prune = true;
  private java.time.Duration clusterTimeout = Propagation.DEFAULT_CLUSTER_TIMEOUT;
  private final List<dev.kurator.core.spi.AdmissionGate> gates = new java.util.ArrayList<>();

  /**
   * Binds templates to a fleet; the propagation is named after the first template ({@code <name>-<kind>}) unless
   * {@link #name(String)} says otherwise.
   */
  public FleetPropagation(Fleet fleet, List<? extends HasMetadata> templates) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.templates = new java.util.ArrayList<>(Objects.requireNonNull(templates, "templates"));
    this.name = defaultName(templates);
  }

  /** Names the propagation (the ownership label value on every copy). */
  public FleetPropagation name(String name) {
    this.name = name;
    return this;
  }

  /** Which clusters, and for workloads how many replicas each. */
  public FleetPropagation assignment(Assignment assignment) {
    this.assignment = Objects.requireNonNull(assignment, "assignment");
    return this;
  }

  /** Per-cluster overrides. */
  public FleetPropagation overrides(Overrides overrides) {
    this.overrides = Objects.requireNonNull(overrides, "overrides");
    return this;
  }

  /** Per-cluster overrides from Karmada policies. */
  public FleetPropagation overrides(OverridePolicy... policies) {
    return overrides(Overrides.of(policies));
  }

  /** Replica interpreters for custom workload kinds. */
  public FleetPropagation interpreters(ReplicaInterpreters interpreters) {
    this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
    return this;
  }

  /** What to do with same-named objects we did not create (default ABORT). */
  public FleetPropagation conflictResolution(ConflictResolution conflicts) {
    this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
    return this;
  }

  /** Whether copies no longer wanted are deleted (default true). */
  public FleetPropagation prune(boolean prune) {
    this.prune = prune;
    return this;
  }

  /**
   * Runs every variant through these admission gates before anything is written, as {@code fleet.apply(...)
   * .through(gate)} does: mutations are applied, and a denial on any cluster writes nothing to any cluster.
   */
  public FleetPropagation through(dev.kurator.core.spi.AdmissionGate... gates) {
    for (dev.kurator.core.spi.AdmissionGate g : gates) {
      this.gates.add(Objects.requireNonNull(g, "gate"));
    }
    return this;
  }

  /** How long one cluster's pass may take before it is reported FAILED (default 60s). */
  public FleetPropagation clusterTimeout(java.time.Duration clusterTimeout) {
    this.clusterTimeout = clusterTimeout;
    return this;
  }

  /**
   * The propagation as configured.
   *
   * @throws dev.kurator.core.ValidationException listing every problem by field path
   */
  public Propagation propagation() {
    return Propagation.builder(name).templates(templates).assignment(assignment).overrides(overrides)
        .interpreters(interpreters).conflictResolution(conflicts).prune(prune).clusterTimeout(clusterTimeout)
        .gates(gates).build();
  }

  /** The variants per cluster, without I/O beyond the fleet snapshot. */
  public PropagationPlan plan() {
    return propagation().plan(fleet.snapshot());
  }

  /**
   * Converges every member; per-cluster outcomes.
   *
   * @throws dev.kurator.core.override.OverrideException when an override cannot be applied; nothing was written
   */
  public PropagationResult sync() {
    return propagation().sync(PropagationTarget.of(fleet));
  }

  /** Per-cluster drift, without writing. */
  public PropagationDiff diff() {
    return propagation().diff(PropagationTarget.of(fleet));
  }

  private static String defaultName(List<? extends HasMetadata> templates) {
    if (templates.isEmpty() || templates.get(0) == null || templates.get(0).getMetadata() == null
        || templates.get(0).getMetadata().getName() == null || templates.get(0).getKind() == null) {
      return "propagation";
    }
    String raw = (templates.get(0).getMetadata().getName() + "-" + templates.get(0).getKind())
        .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    raw = raw.length() > 63 ? raw.substring(0, 63) : raw;
    return raw.replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
  }
}
