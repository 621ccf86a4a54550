package dev.kurator.core.summary;

import dev.kurator.core.override.internal.LabelSelectors;
import dev.kurator.core.summary.internal.Resources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Estimates how many replicas of a pod template fit on a cluster: the sum over nodes of the per-node fit, as a
 * node-level refinement of Karmada's general estimator. A node counts when it is schedulable and Ready, its labels
 * satisfy the template's {@code nodeSelector} and required node affinity, and the template tolerates its
 * {@code NoSchedule}/{@code NoExecute} taints. Its fit is {@code min(allocatable.pods - pods on it, min over requested
 * resources of (allocatable - requested by its non-terminal pods) / request)}. Pure: no client, no clock.
 */
public final class ReplicaEstimator {

  private ReplicaEstimator() {}

  /** How many replicas of {@code template} fit on the cluster made of {@code nodes} running {@code pods}. */
  public static ReplicaEstimate estimate(PodSpec template, List<Node> nodes, List<Pod> pods) {
    Objects.requireNonNull(template, "template");
    Map<String, Long> request = Resources.podRequest(template);
    request.values().removeIf(v -> v <= 0);
    Map<String, Map<String, Long>> usedByNode = new HashMap<>();
    Map<String, Long> podsByNode = new HashMap<>();
    for (Pod p : pods) {
      String node = p.getSpec() == null ? null : p.getSpec().getNodeName();
      if (node == null || node.isEmpty() || ResourceSummaries.isTerminal(p)) {
        continue;
      }
      Map<String, Long> used = usedByNode.computeIfAbsent(node, n -> new HashMap<>());
      Resources.podRequest(p.getSpec()).forEach((k, v) -> used.merge(k, v, Long::sum));
      podsByNode.merge(node, 1L, Long::sum);
    }
    Map<String, Integer> perNode = new TreeMap<>();
    Map<String, String> excluded = new TreeMap<>();
    long total = 0;
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      String why = unschedulable(template, node);
      if (why != null) {
        excluded.put(name, why);
        continue;
      }
      Map<String, Long> allocatable = new HashMap<>();
      Resources.add(allocatable, node.getStatus() == null ? null : node.getStatus().getAllocatable());
      Map<String, Long> used = usedByNode.getOrDefault(name, Map.of());
      long fit = allocatable.getOrDefault(Resources.PODS, 0L) - podsByNode.getOrDefault(name, 0L);
      String limiting = Resources.PODS;
      for (Map.Entry<String, Long> r : request.entrySet()) {
        long avail = allocatable.getOrDefault(r.getKey(), 0L) - used.getOrDefault(r.getKey(), 0L);
        long n = Math.max(0, avail) / r.getValue();
        if (n < fit) {
          fit = n;
          limiting = r.getKey();
        }
      }
      if (fit <= 0) {
        excluded.put(name, "no room: " + limiting + " exhausted");
        continue;
      }
      perNode.put(name, (int) Math.min(Integer.MAX_VALUE, fit));
      total += fit;
    }
    return new ReplicaEstimate((int) Math.min(Integer.MAX_VALUE, total), perNode, excluded);
  }

  private static String unschedulable(PodSpec template, Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return "node is cordoned (spec.unschedulable)";
    }
    if (node.getStatus() != null && node.getStatus().getConditions() != null) {
      for (NodeCondition c : node.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) && !"True".equals(c.getStatus())) {
          return "node is not Ready";
        }
      }
    }
    Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    if (template.getNodeSelector() != null) {
      for (Map.Entry<String, String> e : template.getNodeSelector().entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return "nodeSelector " + e.getKey() + "=" + e.getValue() + " does not match";
        }
      }
    }
    List<NodeSelectorTerm> terms = requiredTerms(template);
    if (!terms.isEmpty() && terms.stream().noneMatch(t -> termMatches(t, labels))) {
      return "required node affinity does not match";
    }
    if (node.getSpec() != null && node.getSpec().getTaints() != null) {
      for (Taint t : node.getSpec().getTaints()) {
        boolean hard = "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
        if (hard && !tolerated(t, template.getTolerations())) {
          return "taint " + t.getKey() + "=" + (t.getValue() == null ? "" : t.getValue()) + ":" + t.getEffect()
              + " is not tolerated";
        }
      }
    }
    return null;
  }

  private static List<NodeSelectorTerm> requiredTerms(PodSpec template) {
    var affinity = template.getAffinity();
    if (affinity == null || affinity.getNodeAffinity() == null
        || affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
      return List.of();
    }
    List<NodeSelectorTerm> terms =
        affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
    return terms == null ? List.of() : terms;
  }

  private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels) {
    if (term.getMatchExpressions() == null || term.getMatchExpressions().isEmpty()) {
      return false;
    }
    for (NodeSelectorRequirement r : term.getMatchExpressions()) {
      boolean ok = switch (r.getOperator()) {
        case "Gt", "Lt" -> compare(r, labels.get(r.getKey()));
        default -> LabelSelectors.requirementMatches(r.getKey(), r.getOperator(), r.getValues(), labels);
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean compare(NodeSelectorRequirement r, String actual) {
    if (actual == null || r.getValues() == null || r.getValues().size() != 1) {
      return false;
    }
    try {
      long a = Long.parseLong(actual);
      long b = Long.parseLong(r.getValues().get(0));
      return r.getOperator().equals("Gt") ? a > b : a < b;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Kubernetes toleration matching: empty key with Exists tolerates all; empty effect matches every effect. */
  static boolean tolerated(Taint taint, List<Toleration> tolerations) {
    if (tolerations == null) {
      return false;
    }
    for (Toleration t : tolerations) {
      boolean effectOk = t.getEffect() == null || t.getEffect().isEmpty() || t.getEffect().equals(taint.getEffect());
      if (!effectOk) {
        continue;
      }
      String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
      if (t.getKey() == null || t.getKey().isEmpty()) {
        if (op.equals("Exists")) {
          return true;
        }
        continue;
      }
      if (!t.getKey().equals(taint.getKey())) {
        continue;
      }
      if (op.equals("Exists")) {
        return true;
      }
      String tv = t.getValue() == null ? "" : t.getValue();
      String v = taint.getValue() == null ? "" : taint.getValue();
      if (tv.equals(v)) {
        return true;
      }
    }
    return false;
  }
}
