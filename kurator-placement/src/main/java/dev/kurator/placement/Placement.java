package dev.kurator.placement;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where and how a resource is placed, as Karmada's {@code Placement}. Values only; {@link #validate()} applies
 * Karmada's admission rules and the SDK's stricter ones.
 *
 * @param clusterAffinity    single affinity, null for none (mutually exclusive with {@code clusterAffinities})
 * @param clusterAffinities  ordered failover groups, empty for none
 * @param clusterTolerations tolerations of cluster taints
 * @param spreadConstraints  spread constraints
 * @param replicaScheduling  replica strategy, null means {@code Duplicated}
 */
public record Placement(ClusterAffinity clusterAffinity, List<ClusterAffinityTerm> clusterAffinities,
    List<Toleration> clusterTolerations, List<SpreadConstraint> spreadConstraints,
    ReplicaScheduling replicaScheduling) {

  public Placement {
    clusterAffinities = clusterAffinities == null ? List.of() : List.copyOf(clusterAffinities);
    clusterTolerations = clusterTolerations == null ? List.of() : List.copyOf(clusterTolerations);
    spreadConstraints = spreadConstraints == null ? List.of() : List.copyOf(spreadConstraints);
  }

  /** A placement with nothing set: every cluster, duplicated. */
  public static Placement empty() {
    return new Placement(null, List.of(), List.of(), List.of(), null);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.clusterAffinity = clusterAffinity;
    b.clusterAffinities = new ArrayList<>(clusterAffinities);
    b.clusterTolerations = new ArrayList<>(clusterTolerations);
    b.spreadConstraints = new ArrayList<>(spreadConstraints);
    b.replicaScheduling = replicaScheduling;
    return b;
  }

  /** The division strategy this placement asks for ({@code Duplicated} when replica scheduling is unset). */
  public DivisionKind divisionKind() {
    return replicaScheduling == null ? DivisionKind.DUPLICATED : replicaScheduling.kind();
  }

  /** The spread constraint on {@code field}, or null. */
  public SpreadConstraint spreadConstraint(SpreadField field) {
    for (SpreadConstraint c : spreadConstraints) {
      if (c.spreadByField() == field) {
        return c;
      }
    }
    return null;
  }

  /** The affinity term named {@code name}, or null. */
  public ClusterAffinityTerm affinityTerm(String name) {
    for (ClusterAffinityTerm t : clusterAffinities) {
      if (t.affinityName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /**
   * Checks the placement against Karmada's validation rules, reporting every problem under {@code placement.}.
   *
   * @throws ValidationException listing every problem found
   */
  public Placement validate() {
    Problems p = new Problems();
    validateInto(p, "placement");
    p.throwIfAny();
    return this;
  }

  void validateInto(Problems p, String path) {
    p.check(clusterAffinity != null && !clusterAffinities.isEmpty(), path + ".clusterAffinities", "[...]",
        "must not be set together with clusterAffinity");
    if (clusterAffinity != null) {
      validateAffinity(p, path + ".clusterAffinity", clusterAffinity);
    }
    Set<String> names = new HashSet<>();
    boolean overflowAllowed = replicaScheduling != null && replicaScheduling.isDynamicDivided();
    for (int i = 0; i < clusterAffinities.size(); i++) {
      ClusterAffinityTerm t = clusterAffinities.get(i);
      String tp = path + ".clusterAffinities[" + i + "]";
      validateAffinityName(p, tp + ".affinityName", t.affinityName());
      p.check(!names.add(t.affinityName()), tp + ".affinityName", t.affinityName(), "must be unique");
      validateAffinity(p, tp, t.affinity());
      p.check(!t.overflowAffinities().isEmpty() && !overflowAllowed, tp + ".overflowAffinities", "[...]",
          "is only allowed with Divided replica scheduling by dynamic weight or Aggregated");
      Set<String> overflowNames = new HashSet<>();
      for (int j = 0; j < t.overflowAffinities().size(); j++) {
        OverflowAffinity o = t.overflowAffinities().get(j);
        String op = tp + ".overflowAffinities[" + j + "]";
        validateAffinityName(p, op + ".affinityName", o.affinityName());
        p.check(!overflowNames.add(o.affinityName()), op + ".affinityName", o.affinityName(), "must be unique");
        p.check(o.affinityName().equals(t.affinityName()), op + ".affinityName", o.affinityName(),
            "must differ from the primary affinityName");
        p.check(o.affinity().equals(ClusterAffinity.ANY), op, "{}", "must select clusters (an empty overflow "
            + "affinity is not allowed)");
        validateAffinity(p, op, o.affinity());
      }
    }
    for (int i = 0; i < clusterTolerations.size(); i++) {
      Toleration t = clusterTolerations.get(i);
      String tp = path + ".clusterTolerations[" + i + "]";
      p.check(!t.operator().equals("Equal") && !t.operator().equals("Exists"), tp + ".operator", t.operator(),
          "must be Equal or Exists");
      p.check(t.operator().equals("Exists") && !t.value().isEmpty(), tp + ".value", t.value(),
          "must be empty when operator is Exists");
      p.check(t.key().isEmpty() && !t.operator().equals("Exists"), tp + ".operator", t.operator(),
          "must be Exists when key is empty");
      p.check(t.tolerationSeconds() != null && t.tolerationSeconds() < 0, tp + ".tolerationSeconds",
          t.tolerationSeconds(), "must be >= 0");
    }
    Set<SpreadField> fields = new HashSet<>();
    boolean anyField = false;
    for (int i = 0; i < spreadConstraints.size(); i++) {
      SpreadConstraint c = spreadConstraints.get(i);
      String cp = path + ".spreadConstraints[" + i + "]";
      boolean hasLabel = c.spreadByLabel() != null && !c.spreadByLabel().isEmpty();
      p.check(c.spreadByField() != null && hasLabel, cp + ".spreadByLabel", c.spreadByLabel(),
          "must not be set together with spreadByField");
      p.check(c.spreadByField() == null && !hasLabel, cp + ".spreadByField", null,
          "one of spreadByField or spreadByLabel is required");
      p.check(c.minGroups() < 0, cp + ".minGroups", c.minGroups(), "must be >= 0");
      p.check(c.maxGroups() < 0, cp + ".maxGroups", c.maxGroups(), "must be >= 0");
      p.check(c.maxGroups() > 0 && c.maxGroups() < c.minGroups(), cp + ".maxGroups", c.maxGroups(),
          "must be >= minGroups (" + c.minGroups() + ")");
      if (c.spreadByField() != null) {
        anyField = true;
        p.check(!fields.add(c.spreadByField()), cp + ".spreadByField", c.spreadByField().wireName(),
            "must appear at most once");
      }
    }
    p.check(anyField && !fields.contains(SpreadField.CLUSTER), path + ".spreadConstraints", "[...]",
        "must include a spreadByField: cluster constraint when spreading by field");
    if (replicaScheduling != null) {
      String rp = path + ".replicaScheduling";
      p.check(replicaScheduling.type() == null, rp + ".replicaSchedulingType", null, "must be Duplicated or Divided");
      WeightPreference w = replicaScheduling.weightPreference();
      if (w != null) {
        p.check(!w.dynamicWeight().isEmpty() && !w.dynamicWeight().equals(WeightPreference.AVAILABLE_REPLICAS),
            rp + ".weightPreference.dynamicWeight", w.dynamicWeight(), "must be AvailableReplicas");
        for (int i = 0; i < w.staticWeightList().size(); i++) {
          StaticClusterWeight sw = w.staticWeightList().get(i);
          String sp = rp + ".weightPreference.staticWeightList[" + i + "]";
          p.check(sw.weight() < 1, sp + ".weight", sw.weight(), "must be >= 1");
          validateAffinity(p, sp + ".targetCluster", sw.targetCluster());
        }
      }
    }
  }

  private static void validateAffinityName(Problems p, String path, String name) {
    p.check(name.isEmpty() || name.length() > 32 || !name.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?"),
        path, name, "must be 1-32 characters of a label key");
  }

  private static void validateAffinity(Problems p, String path, ClusterAffinity a) {
    if (a.labelSelector() != null) {
      a.labelSelector().matchLabels().forEach((k, v) -> p.check(k.isEmpty(),
          path + ".labelSelector.matchLabels", k, "keys must not be empty"));
      List<SelectorRequirement> exprs = a.labelSelector().matchExpressions();
      for (int i = 0; i < exprs.size(); i++) {
        SelectorRequirement r = exprs.get(i);
        String rp = path + ".labelSelector.matchExpressions[" + i + "]";
        p.check(r.key().isEmpty(), rp + ".key", r.key(), "must not be empty");
        p.check(!Set.of("In", "NotIn", "Exists", "DoesNotExist").contains(r.operator()), rp + ".operator",
            r.operator(), "must be In, NotIn, Exists or DoesNotExist");
      }
    }
    if (a.fieldSelector() != null) {
      List<SelectorRequirement> exprs = a.fieldSelector().matchExpressions();
      for (int i = 0; i < exprs.size(); i++) {
        SelectorRequirement r = exprs.get(i);
        String rp = path + ".fieldSelector.matchExpressions[" + i + "]";
        p.check(!Set.of("provider", "region", "zone").contains(r.key()), rp + ".key", r.key(),
            "must be provider, region or zone");
        p.check(!r.operator().equals("In") && !r.operator().equals("NotIn"), rp + ".operator", r.operator(),
            "must be In or NotIn");
      }
    }
  }

  /** Builds a {@link Placement}; {@link #build()} validates it. */
  public static final class Builder {
    private ClusterAffinity clusterAffinity;
    private List<ClusterAffinityTerm> clusterAffinities = new ArrayList<>();
    private List<Toleration> clusterTolerations = new ArrayList<>();
    private List<SpreadConstraint> spreadConstraints = new ArrayList<>();
    private ReplicaScheduling replicaScheduling;

    private Builder() {}

    public Builder clusterAffinity(ClusterAffinity affinity) {
      this.clusterAffinity = affinity;
      return this;
    }

    public Builder clusterAffinity(ClusterAffinityTerm term) {
      this.clusterAffinities.add(term);
      return this;
    }

    public Builder toleration(Toleration toleration) {
      this.clusterTolerations.add(toleration);
      return this;
    }

    public Builder spread(SpreadConstraint constraint) {
      this.spreadConstraints.add(constraint);
      return this;
    }

    public Builder replicaScheduling(ReplicaScheduling scheduling) {
      this.replicaScheduling = scheduling;
      return this;
    }

    /** Builds the placement without validating it (for placements already checked, or tests of bad input). */
    public Placement buildUnchecked() {
      return new Placement(clusterAffinity, clusterAffinities, clusterTolerations, spreadConstraints,
          replicaScheduling);
    }

    /**
     * Builds and validates the placement.
     *
     * @throws ValidationException listing every problem, with paths under {@code placement.}
     */
    public Placement build() {
      return new Placement(clusterAffinity, clusterAffinities, clusterTolerations, spreadConstraints,
          replicaScheduling).validate();
    }
  }
}
