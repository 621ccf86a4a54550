package dev.kurator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which clusters a resource goes to and, for workloads, how many replicas each gets: the value a placement decision
 * produces and a propagation consumes. Order is significant (it is the scheduler's order) and names are unique.
 */
public record Assignment(List<TargetCluster> targets) {

  public Assignment {
    Objects.requireNonNull(targets, "targets");
    targets = List.copyOf(targets);
    Problems problems = new Problems();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < targets.size(); i++) {
      String name = targets.get(i).name();
      problems.check(!seen.add(name), "targets[" + i + "].name", name, "must be unique in an assignment");
    }
    problems.throwIfAny();
  }

  /** An empty assignment: the resource goes nowhere (and is removed where it was). */
  public static Assignment none() {
    return new Assignment(List.of());
  }

  /** Every named cluster, 0 replicas each (for resources that are not workloads). */
  public static Assignment of(String... clusters) {
    List<TargetCluster> list = new ArrayList<>();
    for (String c : clusters) {
      list.add(new TargetCluster(c, 0));
    }
    return new Assignment(list);
  }

  /** From an ordered map of cluster name to replicas. */
  public static Assignment ofReplicas(Map<String, Integer> replicasByCluster) {
    List<TargetCluster> list = new ArrayList<>();
    replicasByCluster.forEach((c, r) -> list.add(new TargetCluster(c, r)));
    return new Assignment(list);
  }

  /** Cluster name to replicas, in assignment order. */
  public Map<String, Integer> asMap() {
    Map<String, Integer> map = new LinkedHashMap<>();
    targets.forEach(t -> map.put(t.name(), t.replicas()));
    return map;
  }

  public List<String> clusterNames() {
    return targets.stream().map(TargetCluster::name).toList();
  }

  public Optional<TargetCluster> target(String cluster) {
    return targets.stream().filter(t -> t.name().equals(cluster)).findFirst();
  }

  public boolean contains(String cluster) {
    return target(cluster).isPresent();
  }

  public int totalReplicas() {
    return targets.stream().mapToInt(TargetCluster::replicas).sum();
  }
}
