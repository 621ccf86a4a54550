package dev.kurator.placement.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.TargetCluster;
import dev.kurator.placement.ClusterAffinity;
import dev.kurator.placement.ClusterAffinityTerm;
import dev.kurator.placement.FieldSelector;
import dev.kurator.placement.LabelSelector;
import dev.kurator.placement.OverflowAffinity;
import dev.kurator.placement.Placement;
import dev.kurator.placement.ReplicaDivisionPreference;
import dev.kurator.placement.ReplicaScheduling;
import dev.kurator.placement.ReplicaSchedulingType;
import dev.kurator.placement.SelectorRequirement;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.StaticClusterWeight;
import dev.kurator.placement.Toleration;
import dev.kurator.placement.WeightPreference;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Translates the snake_case vector inputs into the SDK's model. */
final class VectorModel {

  private VectorModel() {}

  static boolean present(JsonNode n) {
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n == null ? null : n.get(field);
    return present(v) ? v.asText() : dflt;
  }

  static long num(JsonNode n, String field, long dflt) {
    JsonNode v = n == null ? null : n.get(field);
    return present(v) ? v.asLong() : dflt;
  }

  static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (present(n)) {
      n.forEach(x -> out.add(x.asText()));
    }
    return out;
  }

  static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (present(n)) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  static List<SelectorRequirement> requirements(JsonNode n) {
    List<SelectorRequirement> out = new ArrayList<>();
    if (present(n)) {
      n.forEach(r -> out.add(requirement(r)));
    }
    return out;
  }

  static SelectorRequirement requirement(JsonNode r) {
    return new SelectorRequirement(text(r, "key", ""), text(r, "operator", ""), strings(r.get("values")));
  }

  static ClusterAffinity affinity(JsonNode n) {
    if (!present(n)) {
      return null;
    }
    LabelSelector ls = null;
    if (present(n.get("label_selector"))) {
      JsonNode l = n.get("label_selector");
      ls = new LabelSelector(stringMap(l.get("match_labels")), requirements(l.get("match_expressions")));
    }
    FieldSelector fs = null;
    if (present(n.get("field_selector"))) {
      fs = new FieldSelector(requirements(n.get("field_selector").get("match_expressions")));
    }
    return new ClusterAffinity(ls, fs, strings(n.get("cluster_names")), strings(n.get("exclude")));
  }

  static Placement placement(JsonNode n) {
    if (!present(n)) {
      return Placement.empty();
    }
    List<ClusterAffinityTerm> terms = new ArrayList<>();
    if (present(n.get("cluster_affinities"))) {
      for (JsonNode t : n.get("cluster_affinities")) {
        List<OverflowAffinity> overflow = new ArrayList<>();
        if (present(t.get("overflow_affinities"))) {
          for (JsonNode o : t.get("overflow_affinities")) {
            overflow.add(new OverflowAffinity(text(o, "affinity_name", ""), affinity(o)));
          }
        }
        terms.add(new ClusterAffinityTerm(text(t, "affinity_name", ""), affinity(t), overflow));
      }
    }
    List<Toleration> tolerations = new ArrayList<>();
    if (present(n.get("cluster_tolerations"))) {
      for (JsonNode t : n.get("cluster_tolerations")) {
        String effect = text(t, "effect", "");
        tolerations.add(new Toleration(text(t, "key", ""), text(t, "operator", ""), text(t, "value", ""),
            effect.isEmpty() ? null : TaintEffect.fromWireName(effect),
            present(t.get("toleration_seconds")) ? t.get("toleration_seconds").asLong() : null));
      }
    }
    return new Placement(affinity(n.get("cluster_affinity")), terms, tolerations,
        spreadConstraints(n.get("spread_constraints")), replicaScheduling(n.get("replica_scheduling")));
  }

  static List<SpreadConstraint> spreadConstraints(JsonNode n) {
    List<SpreadConstraint> out = new ArrayList<>();
    if (present(n)) {
      for (JsonNode c : n) {
        String field = text(c, "spread_by_field", "");
        String label = text(c, "spread_by_label", "");
        SpreadField f = field.isEmpty() ? (label.isEmpty() ? SpreadField.CLUSTER : null) : SpreadField.fromWireName(field);
        out.add(new SpreadConstraint(f, label.isEmpty() ? null : label, (int) num(c, "min_groups", 0),
            (int) num(c, "max_groups", 0)));
      }
    }
    return out;
  }

  static ReplicaScheduling replicaScheduling(JsonNode n) {
    if (!present(n)) {
      return null;
    }
    String type = text(n, "replica_scheduling_type", "");
    String pref = text(n, "replica_division_preference", "");
    WeightPreference wp = null;
    JsonNode w = n.get("weight_preference");
    if (present(w)) {
      List<StaticClusterWeight> list = new ArrayList<>();
      if (present(w.get("static_weight_list"))) {
        for (JsonNode s : w.get("static_weight_list")) {
          list.add(new StaticClusterWeight(affinity(s.get("target_cluster")), num(s, "weight", 0)));
        }
      }
      wp = new WeightPreference(list, text(w, "dynamic_weight", ""));
    }
    return new ReplicaScheduling(ReplicaSchedulingType.fromWireName(type),
        ReplicaDivisionPreference.fromWireName(pref), wp);
  }

  static ScoredCluster candidate(JsonNode c) {
    String name = c.has("name") ? text(c, "name", "") : text(c, "cluster", "");
    long alloc = num(c, "allocatable_replicas", 0);
    return new ScoredCluster(name, num(c, "score", 0), alloc, num(c, "available_replicas", alloc),
        (int) num(c, "overflow_order", 0), text(c, "provider", ""), text(c, "region", ""), strings(c.get("zones")));
  }

  static List<ScoredCluster> candidates(JsonNode n) {
    List<ScoredCluster> out = new ArrayList<>();
    if (present(n)) {
      n.forEach(c -> out.add(candidate(c)));
    }
    return out;
  }

  static List<TargetCluster> targets(JsonNode n) {
    List<TargetCluster> out = new ArrayList<>();
    if (present(n)) {
      n.forEach(t -> out.add(new TargetCluster(text(t, "cluster", text(t, "name", "")), (int) num(t, "replicas", 0))));
    }
    return out;
  }

  static ClusterSnapshot cluster(JsonNode c) {
    if (!present(c)) {
      c = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
    List<Taint> taints = new ArrayList<>();
    if (present(c.get("taints"))) {
      for (JsonNode t : c.get("taints")) {
        taints.add(new Taint(text(t, "key", ""), text(t, "value", ""), TaintEffect.fromWireName(text(t, "effect", ""))));
      }
    }
    Map<String, Set<String>> apis = new HashMap<>();
    if (present(c.get("api_enablements"))) {
      for (JsonNode a : c.get("api_enablements")) {
        Set<String> kinds = new HashSet<>();
        if (present(a.get("resources"))) {
          a.get("resources").forEach(r -> kinds.add(text(r, "kind", "")));
        }
        apis.computeIfAbsent(text(a, "group_version", ""), k -> new HashSet<>()).addAll(kinds);
      }
    }
    return new ClusterSnapshot(text(c, "name", ""), stringMap(c.get("labels")), taints, text(c, "provider", ""),
        text(c, "region", ""), strings(c.get("zones")), apis, "True".equals(text(c, "complete_api_enablements_condition", "")),
        true, null, List.of());
  }

  static Map<String, Boolean> gates(JsonNode input) {
    Map<String, Boolean> g = new HashMap<>();
    g.put("SchedulingOvercommitProtection", false);
    g.put("CustomizedClusterResourceModeling", true);
    g.put("MultiplePodTemplatesScheduling", false);
    JsonNode n = input.get("feature_gates");
    if (present(n)) {
      if (n.isArray()) {
        n.forEach(x -> g.put(x.asText(), true));
      } else {
        n.fields().forEachRemaining(e -> g.put(e.getKey(), e.getValue().asBoolean()));
      }
    }
    return g;
  }
}
