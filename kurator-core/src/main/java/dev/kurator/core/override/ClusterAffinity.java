package dev.kurator.core.override;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Problems;
import dev.kurator.core.override.internal.LabelSelectors;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which member clusters a rule targets, as Karmada's {@code ClusterAffinity} in {@code overrideRules[].targetCluster}.
 * A cluster matches when it is not excluded, its labels satisfy {@code labelSelector} (if set), its provider, region
 * and zones satisfy {@code fieldSelector} (if set) and its name is in {@code clusterNames} (if not empty). An empty
 * affinity matches every cluster.
 *
 * @param clusterNames  names to target; empty means any name
 * @param exclude       names never targeted (wins over everything)
 * @param labelSelector label selector over cluster labels, null for none
 * @param fieldSelector requirements on {@code provider}, {@code region} and {@code zone} (operators In, NotIn)
 */
public record ClusterAffinity(List<String> clusterNames, List<String> exclude, LabelSelector labelSelector,
    List<NodeSelectorRequirement> fieldSelector) {

  private static final Set<String> FIELD_KEYS = Set.of("provider", "region", "zone");

  public ClusterAffinity {
    clusterNames = List.copyOf(Objects.requireNonNull(clusterNames, "clusterNames"));
    exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
    fieldSelector = List.copyOf(Objects.requireNonNull(fieldSelector, "fieldSelector"));
  }

  /** Targets exactly the named clusters. */
  public static ClusterAffinity names(String... names) {
    return new ClusterAffinity(List.of(names), List.of(), null, List.of());
  }

  /** Targets clusters whose labels contain all of {@code labels}. */
  public static ClusterAffinity labels(Map<String, String> labels) {
    return new ClusterAffinity(List.of(), List.of(), new LabelSelector(List.of(), Map.copyOf(labels)), List.of());
  }

  /** Targets clusters matching a full label selector. */
  public static ClusterAffinity selector(LabelSelector selector) {
    return new ClusterAffinity(List.of(), List.of(), Objects.requireNonNull(selector, "selector"), List.of());
  }

  /** A copy that never targets the named clusters. */
  public ClusterAffinity excluding(String... names) {
    return new ClusterAffinity(clusterNames, List.of(names), labelSelector, fieldSelector);
  }

  /** Whether {@code cluster} is targeted. */
  public boolean matches(ClusterSnapshot cluster) {
    if (exclude.contains(cluster.name())) {
      return false;
    }
    if (!LabelSelectors.matches(labelSelector, cluster.labels())) {
      return false;
    }
    for (NodeSelectorRequirement r : fieldSelector) {
      if (!fieldMatches(r, cluster)) {
        return false;
      }
    }
    return clusterNames.isEmpty() || clusterNames.contains(cluster.name());
  }

  private static boolean fieldMatches(NodeSelectorRequirement r, ClusterSnapshot cluster) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    if ("zone".equals(r.getKey())) {
      List<String> zones = cluster.zones();
      return switch (r.getOperator()) {
        case "In" -> zones.stream().anyMatch(values::contains);
        case "NotIn" -> zones.stream().noneMatch(values::contains);
        case "Exists" -> !zones.isEmpty();
        case "DoesNotExist" -> zones.isEmpty();
        default -> false;
      };
    }
    Map<String, String> fields = new java.util.HashMap<>();
    if (!cluster.provider().isEmpty()) {
      fields.put("provider", cluster.provider());
    }
    if (!cluster.region().isEmpty()) {
      fields.put("region", cluster.region());
    }
    return LabelSelectors.requirementMatches(r.getKey(), r.getOperator(), values, fields);
  }

  void validate(String path, Problems problems) {
    for (int i = 0; i < clusterNames.size(); i++) {
      String n = clusterNames.get(i);
      problems.check(n == null || n.isBlank(), path + ".clusterNames[" + i + "]", n, "must not be blank");
    }
    for (int i = 0; i < exclude.size(); i++) {
      String n = exclude.get(i);
      problems.check(n == null || n.isBlank(), path + ".exclude[" + i + "]", n, "must not be blank");
    }
    LabelSelectors.validate(path + ".labelSelector", labelSelector, problems);
    for (int i = 0; i < fieldSelector.size(); i++) {
      NodeSelectorRequirement r = fieldSelector.get(i);
      String at = path + ".fieldSelector.matchExpressions[" + i + "]";
      problems.check(!FIELD_KEYS.contains(r.getKey()), at + ".key", r.getKey(), "must be one of provider, region, zone");
      problems.check(!"In".equals(r.getOperator()) && !"NotIn".equals(r.getOperator()), at + ".operator",
          r.getOperator(), "must be one of In, NotIn");
    }
  }
}
