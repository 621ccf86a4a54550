package dev.kurator.core.override;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.override.internal.ImageReference;
import dev.kurator.core.override.internal.Json;
import dev.kurator.core.override.internal.JsonPatch;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of override policies and the pure function that makes one cluster's variant of a resource, with Karmada's
 * semantics and order:
 * <ol>
 *   <li>ClusterOverridePolicies first, then OverridePolicies of the resource's namespace;</li>
 *   <li>within each group, by implicit priority ascending (match-all, then label selector, then name, so the most
 *       specific policy is applied last and wins), then by name;</li>
 *   <li>within a policy, rules in order, each only when its target cluster matches;</li>
 *   <li>within a rule: images, command, args, labels, annotations, then plaintext (one JSON patch).</li>
 * </ol>
 * Instances are immutable and thread-safe.
 */
public final class Overrides {

  private static final Set<String> POD_TEMPLATE_KINDS =
      Set.of("Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job");
  private static final Set<String> COMMAND_ARGS_KINDS =
      Set.of("Pod", "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet");

  private static final Overrides NONE = new Overrides(List.of());

  private final List<OverridePolicy> policies;

  private Overrides(List<OverridePolicy> policies) {
    this.policies = List.copyOf(policies);
  }

  /** No overrides: every cluster gets the template as is. */
  public static Overrides none() {
    return NONE;
  }

  /** The given policies (already validated by construction). */
  public static Overrides of(OverridePolicy... policies) {
    return of(List.of(policies));
  }

  /** The given policies (already validated by construction). */
  public static Overrides of(List<OverridePolicy> policies) {
    return new Overrides(Objects.requireNonNull(policies, "policies"));
  }

  /** A copy with one more policy. */
  public Overrides and(OverridePolicy policy) {
    List<OverridePolicy> list = new ArrayList<>(policies);
    list.add(Objects.requireNonNull(policy, "policy"));
    return new Overrides(list);
  }

  public List<OverridePolicy> policies() {
    return policies;
  }

  /** The policies that apply to {@code resource}, in application order. */
  public List<OverridePolicy> applicableTo(HasMetadata resource) {
    Comparator<OverridePolicy> order = Comparator.<OverridePolicy, Boolean>comparing(p -> !p.clusterScoped())
        .thenComparingInt(p -> p.priority(resource))
        .thenComparing(OverridePolicy::name);
    return policies.stream().filter(p -> p.priority(resource) > 0).sorted(order).toList();
  }

  /**
   * The variant of {@code resource} for {@code cluster}.
   *
   * @throws OverrideException when an overrider cannot be applied (e.g. a patch path that does not exist); names the
   *                           overrider by field path
   */
  public OverrideResult apply(HasMetadata resource, ClusterSnapshot cluster) {
    return apply(Json.tree(resource), resource, cluster);
  }

  /**
   * The variant of {@code tree} (e.g. a template whose replicas were already revised) for {@code cluster};
   * {@code identity} is what resource selectors are matched against. {@code tree} is not modified.
   *
   * @throws OverrideException when an overrider cannot be applied
   */
  public OverrideResult apply(ObjectNode tree, HasMetadata identity, ClusterSnapshot cluster) {
    ObjectNode work = tree.deepCopy();
    Set<String> applied = new LinkedHashSet<>();
    String what = describe(identity);
    for (OverridePolicy policy : applicableTo(identity)) {
      for (int i = 0; i < policy.overrideRules().size(); i++) {
        OverrideRule rule = policy.overrideRules().get(i);
        if (rule.targetCluster() != null && !rule.targetCluster().matches(cluster)) {
          continue;
        }
        String base = policy.id() + ".spec.overrideRules[" + i + "].overriders";
        applyOverriders(work, rule.overriders(), new Site(base, cluster.name(), what));
        applied.add(policy.id());
      }
    }
    return new OverrideResult(work, List.copyOf(applied));
  }

  private record Site(String base, String cluster, String resource) {
    OverrideException fail(String field, String reason) {
      return new OverrideException(base + "." + field, cluster, resource, reason);
    }
  }

  private static void applyOverriders(ObjectNode tree, Overriders o, Site site) {
    String kind = tree.path("kind").asText("");
    for (int i = 0; i < o.imageOverrider().size(); i++) {
      applyImage(tree, kind, o.imageOverrider().get(i), site, "imageOverrider[" + i + "]");
    }
    for (int i = 0; i < o.commandOverrider().size(); i++) {
      applyCommandArgs(tree, kind, "command", o.commandOverrider().get(i));
    }
    for (int i = 0; i < o.argsOverrider().size(); i++) {
      applyCommandArgs(tree, kind, "args", o.argsOverrider().get(i));
    }
    for (LabelAnnotationOverrider l : o.labelsOverrider()) {
      applyLabelsOrAnnotations(tree, "labels", l);
    }
    for (LabelAnnotationOverrider a : o.annotationsOverrider()) {
      applyLabelsOrAnnotations(tree, "annotations", a);
    }
    applyPlaintext(tree, o.plaintext(), site);
  }

  private static void applyImage(ObjectNode tree, String kind, ImageOverrider io, Site site, String field) {
    List<String> paths = new ArrayList<>();
    if (io.predicatePath() != null) {
      JsonNode at = JsonPatch.get(tree, io.predicatePath());
      if (at == null || !at.isTextual()) {
        throw site.fail(field + ".predicate.path", "no image string at " + io.predicatePath());
      }
      paths.add(io.predicatePath());
    } else {
      String containers = kind.equals("Pod") ? "/spec/containers"
          : POD_TEMPLATE_KINDS.contains(kind) ? "/spec/template/spec/containers" : null;
      JsonNode list = containers == null ? null : JsonPatch.get(tree, containers);
      if (list instanceof ArrayNode array) {
        for (int c = 0; c < array.size(); c++) {
          if (array.get(c).path("image").isTextual()) {
            paths.add(containers + "/" + c + "/image");
          }
        }
      }
    }
    for (String path : paths) {
      String current = JsonPatch.get(tree, path).asText();
      ImageReference ref;
      try {
        ref = ImageReference.parse(current);
      } catch (IllegalArgumentException e) {
        throw site.fail(field, e.getMessage());
      }
      String v = io.value();
      switch (io.component()) {
        case REGISTRY -> ref.registry(switch (io.operator()) {
          case ADD -> ref.registry() + v;
          case REPLACE -> v;
          case REMOVE -> "";
        });
        case REPOSITORY -> ref.repository(switch (io.operator()) {
          case ADD -> ref.repository() + v;
          case REPLACE -> v;
          case REMOVE -> "";
        });
        case TAG -> ref.tagOrDigest(switch (io.operator()) {
          case ADD -> ref.tagOrDigest() + v;
          case REPLACE -> v;
          case REMOVE -> "";
        });
      }
      JsonPatch.replace(tree, path, TextNode.valueOf(ref.toString()));
    }
  }

  private static void applyCommandArgs(ObjectNode tree, String kind, String target, CommandArgsOverrider c) {
    if (!COMMAND_ARGS_KINDS.contains(kind)) {
      return;
    }
    JsonNode list = JsonPatch.get(tree, kind.equals("Pod") ? "/spec/containers" : "/spec/template/spec/containers");
    if (!(list instanceof ArrayNode containers)) {
      return;
    }
    for (JsonNode container : containers) {
      if (!c.containerName().equals(container.path("name").asText(null)) || !(container instanceof ObjectNode obj)) {
        continue;
      }
      JsonNode existing = obj.get(target);
      if (existing == null && c.operator() == OverrideOperator.REMOVE) {
        continue;
      }
      List<String> values = new ArrayList<>();
      if (existing != null) {
        existing.forEach(e -> values.add(e.asText()));
      }
      if (c.operator() == OverrideOperator.ADD) {
        values.addAll(c.value());
      } else {
        values.removeIf(c.value()::contains);
      }
      ArrayNode out = obj.putArray(target);
      values.forEach(out::add);
    }
  }

  private static void applyLabelsOrAnnotations(ObjectNode tree, String field, LabelAnnotationOverrider l) {
    ObjectNode metadata = tree.withObjectProperty("metadata");
    JsonNode current = metadata.get(field);
    for (Map.Entry<String, String> e : l.value().entrySet()) {
      boolean exists = current instanceof ObjectNode map && map.has(e.getKey());
      switch (l.operator()) {
        case ADD -> {
          if (!(current instanceof ObjectNode)) {
            current = metadata.putObject(field);
          }
          ((ObjectNode) current).put(e.getKey(), e.getValue());
        }
        case REPLACE -> {
          if (exists) {
            ((ObjectNode) current).put(e.getKey(), e.getValue());
          }
        }
        case REMOVE -> {
          if (exists) {
            ((ObjectNode) current).remove(e.getKey());
          }
        }
      }
    }
  }

  private static void applyPlaintext(ObjectNode tree, List<PlaintextOverrider> plaintext, Site site) {
    for (int i = 0; i < plaintext.size(); i++) {
      PlaintextOverrider p = plaintext.get(i);
      try {
        switch (p.operator()) {
          case ADD -> JsonPatch.add(tree, p.path(), p.value());
          case REPLACE -> JsonPatch.replace(tree, p.path(), p.value());
          case REMOVE -> JsonPatch.remove(tree, p.path());
        }
      } catch (JsonPatch.PatchException | IllegalArgumentException e) {
        throw site.fail("plaintext[" + i + "]", e.getMessage());
      }
    }
  }

  static String describe(HasMetadata resource) {
    String ns = resource.getMetadata().getNamespace();
    return resource.getKind() + " " + (ns == null || ns.isEmpty() ? "" : ns + "/") + resource.getMetadata().getName();
  }
}
