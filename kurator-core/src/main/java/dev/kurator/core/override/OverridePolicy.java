package dev.kurator.core.override;

import dev.kurator.core.Problems;
import dev.kurator.core.override.internal.JsonPointers;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Karmada {@code OverridePolicy} (namespaced: applies to resources of its namespace) or
 * {@code ClusterOverridePolicy} (cluster-scoped: applies to any resource). Construction validates every rule and
 * throws one {@link dev.kurator.core.ValidationException} naming each problem by field path, e.g.
 * {@code overridePolicy[default/web].spec.overrideRules[0].overriders.plaintext[1].path: was "spec/x", must be a JSON
 * pointer starting with "/"}.
 *
 * @param name              policy name, not blank
 * @param namespace         the namespace of an OverridePolicy; empty for a ClusterOverridePolicy
 * @param clusterScoped     whether this is a ClusterOverridePolicy
 * @param resourceSelectors which resources it applies to; empty means all
 * @param overrideRules     rules, applied in order
 */
public record OverridePolicy(String name, String namespace, boolean clusterScoped,
    List<ResourceSelector> resourceSelectors, List<OverrideRule> overrideRules) {

  /** Karmada's API version of both kinds. */
  public static final String API_VERSION = "policy.karmada.io/v1alpha1";

  public OverridePolicy {
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    resourceSelectors = List.copyOf(Objects.requireNonNull(resourceSelectors, "resourceSelectors"));
    overrideRules = List.copyOf(Objects.requireNonNull(overrideRules, "overrideRules"));
    Problems problems = new Problems();
    String id = clusterScoped ? "clusterOverridePolicy[" + name + "]" : "overridePolicy[" + namespace + "/" + name + "]";
    problems.check(name.isBlank(), id + ".metadata.name", name, "must not be blank");
    problems.check(!clusterScoped && namespace.isBlank(), id + ".metadata.namespace", namespace,
        "must not be blank for an OverridePolicy");
    problems.check(clusterScoped && !namespace.isBlank(), id + ".metadata.namespace", namespace,
        "must be empty for a ClusterOverridePolicy");
    for (int i = 0; i < resourceSelectors.size(); i++) {
      ResourceSelector rs = resourceSelectors.get(i);
      String at = id + ".spec.resourceSelectors[" + i + "]";
      rs.validate(at, problems);
      problems.check(!clusterScoped && !rs.namespace().isEmpty() && !rs.namespace().equals(namespace),
          at + ".namespace", rs.namespace(), "must be empty or the policy's namespace \"" + namespace + "\"");
    }
    for (int i = 0; i < overrideRules.size(); i++) {
      validateRule(id + ".spec.overrideRules[" + i + "]", overrideRules.get(i), problems);
    }
    problems.throwIfAny();
  }

  /** Starts a namespaced OverridePolicy. */
  public static Builder builder(String namespace, String name) {
    return new Builder(name, namespace, false);
  }

  /** Starts a ClusterOverridePolicy. */
  public static Builder clusterBuilder(String name) {
    return new Builder(name, "", true);
  }

  /** The field-path prefix of this policy in error messages, e.g. {@code overridePolicy[default/web]}. */
  public String id() {
    return clusterScoped ? "clusterOverridePolicy[" + name + "]" : "overridePolicy[" + namespace + "/" + name + "]";
  }

  /**
   * Karmada's implicit priority of this policy for {@code resource}: 0 when it does not apply, else the highest
   * priority among its selectors (1 all, 2 label selector, 3 name); a policy without selectors applies to all (1).
   * An OverridePolicy applies only to resources of its own namespace.
   */
  public int priority(HasMetadata resource) {
    if (!clusterScoped && !namespace.equals(resource.getMetadata().getNamespace())) {
      return 0;
    }
    if (resourceSelectors.isEmpty()) {
      return 1;
    }
    return resourceSelectors.stream().mapToInt(rs -> rs.priority(resource)).max().orElse(0);
  }

  private static void validateRule(String at, OverrideRule rule, Problems problems) {
    if (rule.targetCluster() != null) {
      rule.targetCluster().validate(at + ".targetCluster", problems);
    }
    Overriders o = rule.overriders();
    String base = at + ".overriders";
    for (int i = 0; i < o.imageOverrider().size(); i++) {
      ImageOverrider io = o.imageOverrider().get(i);
      String p = base + ".imageOverrider[" + i + "]";
      if (io.predicatePath() != null) {
        String why = JsonPointers.problem(io.predicatePath());
        problems.check(why != null, p + ".predicate.path", io.predicatePath(), why);
      }
      problems.check(io.operator() != OverrideOperator.REMOVE && io.value().isEmpty(), p + ".value", io.value(),
          "must not be empty for operator " + io.operator().wireName());
    }
    validateCommandArgs(base + ".commandOverrider", o.commandOverrider(), problems);
    validateCommandArgs(base + ".argsOverrider", o.argsOverrider(), problems);
    validateLabels(base + ".labelsOverrider", o.labelsOverrider(), problems);
    validateLabels(base + ".annotationsOverrider", o.annotationsOverrider(), problems);
    for (int i = 0; i < o.plaintext().size(); i++) {
      PlaintextOverrider po = o.plaintext().get(i);
      String p = base + ".plaintext[" + i + "]";
      String why = JsonPointers.problem(po.path());
      problems.check(why != null, p + ".path", po.path(), why);
      boolean hasValue = po.value() != null && !po.value().isMissingNode();
      problems.check(po.operator() != OverrideOperator.REMOVE && !hasValue, p + ".value", null,
          "is required for operator " + po.operator().wireName());
      problems.check(po.operator() == OverrideOperator.REMOVE && hasValue && !po.value().isNull(), p + ".value",
          String.valueOf(po.value()), "must be empty for operator remove");
    }
  }

  private static void validateCommandArgs(String base, List<CommandArgsOverrider> list, Problems problems) {
    for (int i = 0; i < list.size(); i++) {
      CommandArgsOverrider c = list.get(i);
      String p = base + "[" + i + "]";
      problems.check(c.containerName().isBlank(), p + ".containerName", c.containerName(), "must not be blank");
      problems.check(c.operator() == OverrideOperator.REPLACE, p + ".operator", c.operator().wireName(),
          "must be one of add, remove");
    }
  }

  private static void validateLabels(String base, List<LabelAnnotationOverrider> list, Problems problems) {
    for (int i = 0; i < list.size(); i++) {
      LabelAnnotationOverrider l = list.get(i);
      for (Map.Entry<String, String> e : l.value().entrySet()) {
        String p = base + "[" + i + "].value";
        problems.check(e.getKey() == null || e.getKey().isBlank(), p, e.getKey(), "keys must not be blank");
        problems.check(e.getValue() == null && l.operator() != OverrideOperator.REMOVE, p + "." + e.getKey(), null,
            "must not be null");
      }
    }
  }

  /** Builds a policy; {@link #build()} validates. */
  public static final class Builder {
    private final String name;
    private final String namespace;
    private final boolean clusterScoped;
    private final List<ResourceSelector> selectors = new ArrayList<>();
    private final List<OverrideRule> rules = new ArrayList<>();

    private Builder(String name, String namespace, boolean clusterScoped) {
      this.name = name;
      this.namespace = namespace;
      this.clusterScoped = clusterScoped;
    }

    public Builder resourceSelector(ResourceSelector selector) {
      selectors.add(Objects.requireNonNull(selector, "selector"));
      return this;
    }

    public Builder rule(OverrideRule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /** A rule on the clusters {@code target} selects (null for all). */
    public Builder rule(ClusterAffinity target, Overriders overriders) {
      return rule(new OverrideRule(target, overriders));
    }

    /**
     * The policy.
     *
     * @throws dev.kurator.core.ValidationException listing every problem by field path
     */
    public OverridePolicy build() {
      return new OverridePolicy(name, namespace, clusterScoped, selectors, rules);
    }
  }
}
