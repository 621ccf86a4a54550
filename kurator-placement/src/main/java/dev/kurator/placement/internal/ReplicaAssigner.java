package dev.kurator.placement.internal;

import dev.kurator.core.TargetCluster;
import dev.kurator.placement.ClusterAffinityTerm;
import dev.kurator.placement.DivisionKind;
import dev.kurator.placement.Placement;
import dev.kurator.placement.SchedulingException;
import dev.kurator.placement.StaticClusterWeight;
import dev.kurator.placement.WeightPreference;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Karmada's replica assignment ({@code pkg/scheduler/core/common.go} and {@code assignment.go}): strategy dispatch,
 * overflow tiers, steady scale-up/scale-down, fresh division and zero removal.
 */
public final class ReplicaAssigner {

  private ReplicaAssigner() {}

  /** Matches a candidate cluster by name against a static-weight rule's affinity. */
  public interface WeightMatcher {
    boolean matches(String cluster, dev.kurator.placement.ClusterAffinity affinity);
  }

  /**
   * The inputs of one assignment.
   *
   * @param replicas             desired replicas
   * @param workload             whether the resource is a workload (replicas or requirements present) with at most
   *                             one component
   * @param placement            the placement
   * @param previous             current assignment ({@code spec.clusters}), in order
   * @param observedAffinityName current affinity term name
   * @param fresh                divide afresh (explicit reschedule)
   * @param uid                  tie-break seed
   * @param weightMatcher        how static weight rules match clusters
   * @param strategies           replacement division strategies by kind, may be empty
   */
  public record Request(int replicas, boolean workload, Placement placement, List<TargetCluster> previous,
      String observedAffinityName, boolean fresh, String uid, WeightMatcher weightMatcher,
      Map<DivisionKind, Division> strategies) {}

  /** One replica division strategy over one tier of candidates. */
  public interface Division {
    List<TargetCluster> divide(List<ScoredCluster> candidates, int desired, List<TargetCluster> previous,
        Request request);
  }

  /** {@code core.AssignReplicas}. */
  public static List<TargetCluster> assign(List<ScoredCluster> candidates, Request req) {
    if (candidates.isEmpty()) {
      throw new SchedulingException(SchedulingException.Reason.ERROR, "no clusters available to schedule");
    }
    if (!req.workload()) {
      List<TargetCluster> out = new ArrayList<>(candidates.size());
      for (ScoredCluster c : candidates) {
        out.add(new TargetCluster(c.name(), 0));
      }
      return out;
    }
    DivisionKind kind = req.placement().divisionKind();
    List<TargetCluster> result;
    if (overflowEnabled(req.placement(), req.observedAffinityName())) {
      result = assignTiers(candidates, req, kind);
    } else {
      result = divide(kind, candidates, req.replicas(), req.previous(), req);
    }
    List<TargetCluster> out = new ArrayList<>(result.size());
    for (TargetCluster t : result) {
      if (t.replicas() != 0) {
        out.add(t);
      }
    }
    return out;
  }

  /** Whether overflow tiers apply (Karmada: clusterAffinities in use, observed term has overflow affinities). */
  public static boolean overflowEnabled(Placement placement, String observedAffinityName) {
    if (placement.clusterAffinity() != null || placement.clusterAffinities().isEmpty()
        || observedAffinityName == null || observedAffinityName.isEmpty()) {
      return false;
    }
    ClusterAffinityTerm term = placement.affinityTerm(observedAffinityName);
    return term != null && !term.overflowAffinities().isEmpty();
  }

  /**
   * Karmada's {@code getClusterOverflowOrder}: 0 when the cluster matches the observed term's primary affinity,
   * {@code i + 1} when it first matches overflow tier {@code i}, {@link ScoredCluster#NO_TIER} otherwise; 0 for every
   * cluster when overflow is not in use.
   */
  public static int overflowOrder(dev.kurator.core.ClusterSnapshot cluster, Placement placement,
      String observedAffinityName) {
    if (!overflowEnabled(placement, observedAffinityName)) {
      return 0;
    }
    ClusterAffinityTerm term = placement.affinityTerm(observedAffinityName);
    if (ClusterMatcher.matches(cluster, term.affinity())) {
      return 0;
    }
    for (int i = 0; i < term.overflowAffinities().size(); i++) {
      if (ClusterMatcher.matches(cluster, term.overflowAffinities().get(i).affinity())) {
        return i + 1;
      }
    }
    return ScoredCluster.NO_TIER;
  }

  private static List<TargetCluster> assignTiers(List<ScoredCluster> candidates, Request req, DivisionKind kind) {
    Map<Integer, List<ScoredCluster>> tiers = new java.util.TreeMap<>();
    for (ScoredCluster c : candidates) {
      tiers.computeIfAbsent(c.overflowOrder(), k -> new ArrayList<>()).add(c);
    }
    List<TargetCluster> out = new ArrayList<>();
    long remaining = req.replicas();
    for (List<ScoredCluster> tier : tiers.values()) {
      if (remaining <= 0) {
        break;
      }
      long budget = 0;
      Set<String> names = new HashSet<>();
      for (ScoredCluster c : tier) {
        budget += c.available();
        names.add(c.name());
      }
      int r = (int) Math.min(remaining, budget);
      List<TargetCluster> history = new ArrayList<>();
      for (TargetCluster t : req.previous()) {
        if (names.contains(t.name())) {
          history.add(t);
        }
      }
      out.addAll(divide(kind, tier, r, history, req));
      remaining -= r;
    }
    if (remaining > 0) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "Clusters available replicas are not enough to schedule.");
    }
    return out;
  }

  private static List<TargetCluster> divide(DivisionKind kind, List<ScoredCluster> candidates, int desired,
      List<TargetCluster> previous, Request req) {
    Division custom = req.strategies() == null ? null : req.strategies().get(kind);
    if (custom != null) {
      return custom.divide(candidates, desired, previous, req);
    }
    return switch (kind) {
      case DUPLICATED -> duplicated(candidates, desired);
      case STATIC_WEIGHT -> staticWeight(candidates, desired, req.placement().replicaScheduling().weightPreference(),
          req.uid(), req.weightMatcher());
      case DYNAMIC_WEIGHT, AGGREGATED -> dynamic(candidates, desired, previous, kind == DivisionKind.AGGREGATED,
          req.fresh(), req.uid());
    };
  }

  /** {@code assignByDuplicatedStrategy}. */
  public static List<TargetCluster> duplicated(List<ScoredCluster> candidates, int replicas) {
    List<TargetCluster> out = new ArrayList<>(candidates.size());
    for (ScoredCluster c : candidates) {
      out.add(new TargetCluster(c.name(), replicas));
    }
    return out;
  }

  /** {@code assignByStaticWeightStrategy} (zero entries kept). */
  public static List<TargetCluster> staticWeight(List<ScoredCluster> candidates, int replicas, WeightPreference pref,
      String uid, WeightMatcher matcher) {
    Map<String, Long> weights = new LinkedHashMap<>();
    if (pref == null) {
      for (ScoredCluster c : candidates) {
        weights.put(c.name(), 1L);
      }
    } else {
      for (ScoredCluster c : candidates) {
        long w = 0;
        for (StaticClusterWeight rule : pref.staticWeightList()) {
          if (matcher.matches(c.name(), rule.targetCluster())) {
            w = Math.max(w, rule.weight());
          }
        }
        if (w != 0) {
          weights.put(c.name(), w);
        }
      }
      long sum = 0;
      for (long w : weights.values()) {
        sum += w;
      }
      if (sum == 0) {
        weights.clear();
        for (ScoredCluster c : candidates) {
          weights.put(c.name(), 1L);
        }
      }
    }
    return Dispenser.allocateByWeight(replicas, null, weights, uid);
  }

  /** {@code assignByDynamicStrategy}: steady scale up/down, or fresh division. */
  public static List<TargetCluster> dynamic(List<ScoredCluster> candidates, int desired, List<TargetCluster> previous,
      boolean aggregated, boolean fresh, String uid) {
    Map<String, ScoredCluster> byName = new HashMap<>();
    for (ScoredCluster c : candidates) {
      byName.put(c.name(), c);
    }
    List<TargetCluster> scheduled = new ArrayList<>();
    long assigned = 0;
    for (TargetCluster t : previous) {
      if (byName.containsKey(t.name())) {
        scheduled.add(t);
        assigned += t.replicas();
      }
    }
    if (fresh) {
      Map<String, Integer> prev = new HashMap<>();
      for (TargetCluster t : scheduled) {
        prev.put(t.name(), t.replicas());
      }
      List<Cap> available = new ArrayList<>();
      for (ScoredCluster c : candidates) {
        available.add(new Cap(c.name(), c.allocatable() + prev.getOrDefault(c.name(), 0)));
      }
      return divideDynamic(available, desired, List.of(), List.of(), aggregated, uid);
    }
    if (assigned > desired) {
      List<Cap> available = new ArrayList<>();
      for (TargetCluster t : scheduled) {
        available.add(new Cap(t.name(), t.replicas()));
      }
      return divideDynamic(available, desired, scheduled, List.of(), aggregated, uid);
    }
    if (assigned < desired) {
      return scaleUp(candidates, desired, scheduled, (int) assigned, aggregated, uid);
    }
    return scheduled;
  }

  /** {@code dynamicScaleUp}: divides the missing replicas by free capacity and merges them into {@code scheduled}. */
  public static List<TargetCluster> scaleUp(List<ScoredCluster> candidates, int desired, List<TargetCluster> scheduled,
      int assigned, boolean aggregated, String uid) {
    List<Cap> available = new ArrayList<>(candidates.size());
    for (ScoredCluster c : candidates) {
      available.add(new Cap(c.name(), c.allocatable()));
    }
    return divideDynamic(available, desired - assigned, scheduled, scheduled, aggregated, uid);
  }

  /** A cluster and the capacity used as its weight. */
  public record Cap(String name, long capacity) {}

  /**
   * {@code dynamicDivideReplicas}: sort by capacity (stable), check the sum, keep the shortest sufficient prefix for
   * Aggregated (clusters in use first), divide by Webster and merge into {@code merge}.
   */
  public static List<TargetCluster> divideDynamic(List<Cap> available, int target, List<TargetCluster> inUse,
      List<TargetCluster> merge, boolean aggregated, String uid) {
    List<Cap> sorted = new ArrayList<>(available);
    sorted.sort(Comparator.comparingLong(Cap::capacity).reversed());
    long sum = 0;
    for (Cap c : sorted) {
      sum += c.capacity();
    }
    if (sum < target) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "Clusters available replicas " + sum + " are not enough to schedule.");
    }
    if (aggregated) {
      Set<String> used = new HashSet<>();
      for (TargetCluster t : inUse) {
        if (t.replicas() > 0) {
          used.add(t.name());
        }
      }
      List<Cap> reordered = new ArrayList<>(sorted.size());
      for (Cap c : sorted) {
        if (used.contains(c.name())) {
          reordered.add(c);
        }
      }
      for (Cap c : sorted) {
        if (!used.contains(c.name())) {
          reordered.add(c);
        }
      }
      long acc = 0;
      int end = 0;
      while (end < reordered.size() && acc < target) {
        acc += reordered.get(end).capacity();
        end++;
      }
      sorted = reordered.subList(0, end);
    }
    Map<String, Long> weights = new LinkedHashMap<>();
    for (Cap c : sorted) {
      weights.put(c.name(), c.capacity());
    }
    List<TargetCluster> fresh = Dispenser.allocateByWeight(target, null, weights, uid);
    return mergeTargetClusters(merge, fresh);
  }

  /** {@code MergeTargetClusters}: old replicas added into matching new entries, old-only entries appended. */
  public static List<TargetCluster> mergeTargetClusters(List<TargetCluster> old, List<TargetCluster> fresh) {
    if (old.isEmpty()) {
      return fresh;
    }
    if (fresh.isEmpty()) {
      return old;
    }
    Map<String, Integer> oldMap = new LinkedHashMap<>();
    for (TargetCluster t : old) {
      oldMap.put(t.name(), t.replicas());
    }
    List<TargetCluster> out = new ArrayList<>();
    for (TargetCluster t : fresh) {
      Integer o = oldMap.remove(t.name());
      out.add(o == null ? t : new TargetCluster(t.name(), t.replicas() + o));
    }
    oldMap.forEach((n, r) -> out.add(new TargetCluster(n, r)));
    return out;
  }

  /** {@code attachZeroReplicasCluster}: selected clusters without replicas are appended with 0. */
  public static List<TargetCluster> attachZeroReplicaClusters(List<String> selected, List<TargetCluster> targets) {
    Set<String> have = new HashSet<>();
    for (TargetCluster t : targets) {
      have.add(t.name());
    }
    List<TargetCluster> out = new ArrayList<>(targets);
    for (String s : selected) {
      if (!have.contains(s)) {
        out.add(new TargetCluster(s, 0));
      }
    }
    return out;
  }
}
