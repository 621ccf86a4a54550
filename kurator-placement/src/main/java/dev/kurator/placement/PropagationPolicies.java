package dev.kurator.placement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kurator.core.KuratorException;
import dev.kurator.core.Problems;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.ValidationException;
import dev.kurator.placement.internal.YamlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Karmada {@code PropagationPolicy} and {@code ClusterPropagationPolicy} YAML as is (API
 * {@code policy.karmada.io/v1alpha1}), applies Karmada's webhook defaults, validates strictly, and decides which
 * policy claims a resource.
 *
 * <p>Rejected, with the field path of each problem: unknown fields, wrong types, an unknown {@code spreadByField},
 * weights below 1, {@code minGroups > maxGroups}, and every other rule of {@link Placement#validate()}.
 */
public final class PropagationPolicies {

  private static final Logger log = LoggerFactory.getLogger(PropagationPolicies.class);
  /** The API version the loader accepts. */
  public static final String API_VERSION = "policy.karmada.io/v1alpha1";
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec", "status");
  private static final Set<String> SPEC = Set.of("resourceSelectors", "priority", "preemption", "placement",
      "propagateDeps", "dependentOverrides", "conflictResolution", "activationPreference", "suspension",
      "preserveResourcesOnDeletion", "schedulerName", "failover", "schedulePriority");
  private static final Set<String> SELECTOR = Set.of("apiVersion", "kind", "namespace", "name", "labelSelector");
  private static final Set<String> LABEL_SELECTOR = Set.of("matchLabels", "matchExpressions");
  private static final Set<String> REQUIREMENT = Set.of("key", "operator", "values");
  private static final Set<String> PLACEMENT = Set.of("clusterAffinity", "clusterAffinities", "clusterTolerations",
      "spreadConstraints", "replicaScheduling", "workloadAffinity");
  private static final Set<String> AFFINITY = Set.of("labelSelector", "fieldSelector", "clusterNames", "exclude");
  private static final Set<String> TERM = Set.of("affinityName", "labelSelector", "fieldSelector", "clusterNames",
      "exclude", "overflowAffinities");
  private static final Set<String> OVERFLOW = Set.of("affinityName", "labelSelector", "fieldSelector",
      "clusterNames", "exclude");
  private static final Set<String> TOLERATION = Set.of("key", "operator", "value", "effect", "tolerationSeconds");
  private static final Set<String> SPREAD = Set.of("spreadByField", "spreadByLabel", "minGroups", "maxGroups");
  private static final Set<String> REPLICA = Set.of("replicaSchedulingType", "replicaDivisionPreference",
      "weightPreference");
  private static final Set<String> WEIGHTS = Set.of("staticWeightList", "dynamicWeight");
  private static final Set<String> STATIC_WEIGHT = Set.of("targetCluster", "weight");

  private PropagationPolicies() {}

  /**
   * Loads the single policy in {@code file}.
   *
   * @throws ValidationException listing every problem, by field path
   * @throws KuratorException    when the file cannot be read or holds not exactly one document
   */
  public static PropagationPolicy load(Path file) {
    List<PropagationPolicy> all = loadAll(file);
    if (all.size() != 1) {
      throw new KuratorException(file + ": expected exactly one policy, found " + all.size());
    }
    return all.get(0);
  }

  /**
   * Loads every policy of a (multi-document) YAML file. Nothing is returned unless every document is valid.
   *
   * @throws ValidationException listing every problem of every document, paths prefixed by the document index
   *                             when there are several
   */
  public static List<PropagationPolicy> loadAll(Path file) {
    try {
      return parseAll(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read propagation policies from " + file, e);
    }
  }

  /**
   * Parses one policy from YAML text.
   *
   * @throws ValidationException listing every problem, by field path
   */
  public static PropagationPolicy parse(String yaml) {
    List<PropagationPolicy> all = parseAll(yaml);
    if (all.size() != 1) {
      throw new KuratorException("expected exactly one policy, found " + all.size());
    }
    return all.get(0);
  }

  /**
   * Parses every policy of a multi-document YAML text.
   *
   * @throws ValidationException listing every problem, by field path
   */
  public static List<PropagationPolicy> parseAll(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode()) {
          docs.add(n);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw ValidationException.of("(document)", null, "must be valid YAML: " + e.getMessage());
    }
    Problems problems = new Problems();
    List<PropagationPolicy> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      String prefix = docs.size() == 1 ? "" : "[" + i + "]";
      PropagationPolicy p = policy(new YamlNode(prefix, docs.get(i), problems), prefix);
      if (p != null) {
        out.add(p);
      }
    }
    problems.throwIfAny();
    return out;
  }

  private static String join(String prefix, String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  private static PropagationPolicy policy(YamlNode doc, String prefix) {
    Problems p = doc.problems();
    if (!doc.allowOnly(TOP)) {
      return null;
    }
    String apiVersion = doc.string("apiVersion", "");
    p.check(!API_VERSION.equals(apiVersion), join(prefix, "apiVersion"), apiVersion, "must be " + API_VERSION);
    String kind = doc.string("kind", "");
    p.check(!PropagationPolicy.KIND.equals(kind) && !PropagationPolicy.CLUSTER_KIND.equals(kind),
        join(prefix, "kind"), kind, "must be PropagationPolicy or ClusterPropagationPolicy");
    YamlNode meta = doc.object("metadata");
    String name = meta == null ? "" : meta.string("name", "");
    String namespace = meta == null ? "" : meta.string("namespace", "");
    p.check(name.isEmpty(), join(prefix, "metadata.name"), name, "must not be empty");
    boolean cluster = PropagationPolicy.CLUSTER_KIND.equals(kind);
    p.check(cluster && !namespace.isEmpty(), join(prefix, "metadata.namespace"), namespace,
        "must be empty for a ClusterPropagationPolicy");
    if (!cluster && namespace.isEmpty()) {
      namespace = "default";
    }
    YamlNode spec = doc.object("spec");
    if (spec == null) {
      p.add(join(prefix, "spec"), null, "is required");
      return null;
    }
    spec.allowOnly(SPEC);
    String ns = namespace;
    List<ResourceSelector> selectors = spec.list("resourceSelectors", n -> selector(n, cluster ? "" : ns));
    p.check(selectors.isEmpty(), join(prefix, "spec.resourceSelectors"), "[]", "must list at least one selector");
    int priority = spec.int32("priority", 0);
    String preemption = spec.string("preemption", "Never");
    p.check(!preemption.equals("Never") && !preemption.equals("Always"), join(prefix, "spec.preemption"),
        preemption, "must be Never or Always");
    String schedulerName = spec.string("schedulerName", "default-scheduler");
    YamlNode placementNode = spec.object("placement");
    Placement placement = placementNode == null ? Placement.empty() : placement(placementNode);
    placement.validateInto(p, join(prefix, "spec.placement"));
    return new PropagationPolicy(kind, name, cluster ? "" : namespace, priority, selectors, placement,
        schedulerName);
  }

  private static ResourceSelector selector(YamlNode n, String policyNamespace) {
    n.allowOnly(SELECTOR);
    String apiVersion = n.string("apiVersion", "");
    String kind = n.string("kind", "");
    n.problems().check(apiVersion.isEmpty(), n.path() + ".apiVersion", apiVersion, "is required");
    n.problems().check(kind.isEmpty(), n.path() + ".kind", kind, "is required");
    String namespace = n.string("namespace", "");
    if (!policyNamespace.isEmpty()) {
      n.problems().check(!namespace.isEmpty() && !namespace.equals(policyNamespace), n.path() + ".namespace",
          namespace, "must be empty or the policy's namespace (" + policyNamespace + ")");
      namespace = policyNamespace;
    }
    YamlNode ls = n.object("labelSelector");
    return new ResourceSelector(apiVersion, kind, namespace, n.string("name", ""), ls == null ? null
        : labelSelector(ls));
  }

  private static LabelSelector labelSelector(YamlNode n) {
    n.allowOnly(LABEL_SELECTOR);
    return new LabelSelector(n.stringMap("matchLabels"), n.list("matchExpressions", PropagationPolicies::requirement));
  }

  private static SelectorRequirement requirement(YamlNode n) {
    n.allowOnly(REQUIREMENT);
    return new SelectorRequirement(n.string("key", ""), n.string("operator", ""), n.strings("values"));
  }

  private static Placement placement(YamlNode n) {
    n.allowOnly(PLACEMENT);
    if (n.has("workloadAffinity")) {
      log.warn("{}.workloadAffinity is an alpha Karmada feature this engine does not evaluate; ignored", n.path());
    }
    YamlNode a = n.object("clusterAffinity");
    ClusterAffinity affinity = a == null ? null : affinity(a, AFFINITY);
    List<ClusterAffinityTerm> terms = n.list("clusterAffinities", t -> new ClusterAffinityTerm(
        t.string("affinityName", ""), affinity(t, TERM), t.list("overflowAffinities",
            o -> new OverflowAffinity(o.string("affinityName", ""), affinity(o, OVERFLOW)))));
    List<Toleration> tolerations = n.list("clusterTolerations", PropagationPolicies::toleration);
    List<SpreadConstraint> spread = n.list("spreadConstraints", PropagationPolicies::spread);
    YamlNode rs = n.object("replicaScheduling");
    return new Placement(affinity, terms, tolerations, spread, rs == null ? null : replicaScheduling(rs));
  }

  private static ClusterAffinity affinity(YamlNode n, Set<String> allowed) {
    n.allowOnly(allowed);
    YamlNode ls = n.object("labelSelector");
    YamlNode fs = n.object("fieldSelector");
    FieldSelector field = null;
    if (fs != null) {
      fs.allowOnly(Set.of("matchExpressions"));
      field = new FieldSelector(fs.list("matchExpressions", PropagationPolicies::requirement));
    }
    return new ClusterAffinity(ls == null ? null : labelSelector(ls), field, n.strings("clusterNames"),
        n.strings("exclude"));
  }

  private static Toleration toleration(YamlNode n) {
    n.allowOnly(TOLERATION);
    String effect = n.string("effect", "");
    TaintEffect e = null;
    if (!effect.isEmpty()) {
      try {
        e = TaintEffect.fromWireName(effect);
      } catch (ValidationException ex) {
        n.problems().add(n.path() + ".effect", effect, "must be NoSchedule, PreferNoSchedule or NoExecute");
      }
    }
    Long seconds = n.has("tolerationSeconds") ? n.integer("tolerationSeconds", 0) : null;
    return new Toleration(n.string("key", ""), n.string("operator", "Equal"), n.string("value", ""), e, seconds);
  }

  private static SpreadConstraint spread(YamlNode n) {
    n.allowOnly(SPREAD);
    String field = n.string("spreadByField", "");
    String label = n.string("spreadByLabel", "");
    SpreadField f = null;
    if (!field.isEmpty()) {
      f = SpreadField.fromWireName(field);
      n.problems().check(f == null, n.path() + ".spreadByField", field, "must be one of cluster, region, zone, provider");
    } else if (label.isEmpty()) {
      f = SpreadField.CLUSTER;
    }
    int min = n.int32("minGroups", 0);
    if (min == 0) {
      min = 1;
    }
    if (!field.isEmpty() && f == null) {
      // already reported; keep the position so later problems name the right index
      return new SpreadConstraint(null, field, min, n.int32("maxGroups", 0));
    }
    return new SpreadConstraint(f, label.isEmpty() ? null : label, min, n.int32("maxGroups", 0));
  }

  private static ReplicaScheduling replicaScheduling(YamlNode n) {
    n.allowOnly(REPLICA);
    String type = n.string("replicaSchedulingType", "Divided");
    ReplicaSchedulingType t = ReplicaSchedulingType.fromWireName(type);
    n.problems().check(t == null, n.path() + ".replicaSchedulingType", type, "must be Duplicated or Divided");
    String pref = n.string("replicaDivisionPreference", "");
    ReplicaDivisionPreference d = null;
    if (!pref.isEmpty()) {
      d = ReplicaDivisionPreference.fromWireName(pref);
      n.problems().check(d == null, n.path() + ".replicaDivisionPreference", pref, "must be Aggregated or Weighted");
    } else if (t == ReplicaSchedulingType.DIVIDED) {
      d = ReplicaDivisionPreference.WEIGHTED;
    }
    YamlNode w = n.object("weightPreference");
    WeightPreference wp = null;
    if (w != null) {
      w.allowOnly(WEIGHTS);
      wp = new WeightPreference(w.list("staticWeightList", s -> {
        s.allowOnly(STATIC_WEIGHT);
        YamlNode target = s.object("targetCluster");
        s.problems().check(target == null, s.path() + ".targetCluster", null, "is required");
        return new StaticClusterWeight(target == null ? ClusterAffinity.ANY : affinity(target, AFFINITY),
            s.integer("weight", 0));
      }), w.string("dynamicWeight", ""));
    }
    return new ReplicaScheduling(t == null ? ReplicaSchedulingType.DIVIDED : t, d, wp);
  }

  /**
   * The policy that claims {@code resource}, as Karmada's detector: the best matching namespaced policy in the
   * resource's namespace, else the best matching cluster policy. "Best" is explicit priority (higher first), then
   * implicit priority (by name 3 &gt; by label 2 &gt; match-all 1), then the smaller policy name.
   */
  public static Optional<PropagationPolicy> claim(Workload resource, List<PropagationPolicy> policies) {
    List<PropagationPolicy> namespaced = new ArrayList<>();
    List<PropagationPolicy> cluster = new ArrayList<>();
    for (PropagationPolicy p : policies) {
      (p.isClusterScoped() ? cluster : namespaced).add(p);
    }
    Optional<PropagationPolicy> best = highestPriority(resource, namespaced);
    return best.isPresent() ? best : highestPriority(resource, cluster);
  }

  /** Karmada's {@code getHighestPriorityPropagationPolicy} over one kind of policy. */
  public static Optional<PropagationPolicy> highestPriority(Workload resource, List<PropagationPolicy> policies) {
    PropagationPolicy best = null;
    int bestImplicit = 0;
    for (PropagationPolicy p : policies) {
      int implicit = p.implicitPriority(resource);
      if (implicit == 0) {
        continue;
      }
      if (best == null || p.priority() > best.priority()
          || p.priority() == best.priority() && (implicit > bestImplicit
          || implicit == bestImplicit && p.name().compareTo(best.name()) < 0)) {
        best = p;
        bestImplicit = implicit;
      }
    }
    return Optional.ofNullable(best);
  }
}
