package dev.kurator.placement.internal;

import dev.kurator.placement.DivisionKind;
import dev.kurator.placement.Placement;
import dev.kurator.placement.ReplicaSchedulingType;
import dev.kurator.placement.SchedulingException;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.spi.ScoredCluster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Karmada's grouping and spread-constraint selection ({@code pkg/scheduler/core/spreadconstraint}): cluster
 * groups by region/zone/provider, group scores, selection by cluster and by region.
 */
public final class SpreadSelector {

  /** Weight of one replica in a group score, so that capacity dominates the plugin score. */
  static final long WEIGHT_UNIT = 1000;

  private SpreadSelector() {}

  /**
   * A group of clusters (a region, zone or provider), best first. Groups built by {@link #groupNameOrdered} for
   * selection by region guarantee only the head and the prefix the score read to be in order; the rest stays in
   * name order (selection re-orders what it reads).
   */
  public record Group(String name, long score, long available, List<ScoredCluster> clusters) {}

  /** Clusters sorted in Karmada's total order, and the topology groups built for the spread fields in use. */
  public record Grouped(List<ScoredCluster> clusters, Map<String, Group> regions, Map<String, Group> zones,
      Map<String, Group> providers) {}

  /** Whether spread constraints are ignored: static weights ({@code shouldIgnoreSpreadConstraint}). */
  public static boolean ignoreSpreadConstraints(Placement placement) {
    var rs = placement.replicaScheduling();
    if (rs == null || rs.type() != ReplicaSchedulingType.DIVIDED) {
      return false;
    }
    if (rs.preference() != dev.kurator.placement.ReplicaDivisionPreference.WEIGHTED) {
      return false;
    }
    var wp = rs.weightPreference();
    return wp == null || !wp.staticWeightList().isEmpty() && wp.dynamicWeight().isEmpty();
  }

  static boolean topologyIgnored(Placement placement) {
    List<SpreadConstraint> sc = placement.spreadConstraints();
    if (sc.isEmpty() || sc.size() == 1 && sc.get(0).spreadByField() == SpreadField.CLUSTER) {
      return true;
    }
    return ignoreSpreadConstraints(placement);
  }

  static boolean duplicatedForScore(Placement placement) {
    return placement.replicaScheduling() == null
        || placement.replicaScheduling().type() == ReplicaSchedulingType.DUPLICATED;
  }

  /** {@code GroupClustersWithScore}: sorts the candidates and builds the groups. */
  public static Grouped group(List<ScoredCluster> candidates, Placement placement, int replicas) {
    List<ScoredCluster> sorted = new ArrayList<>(candidates);
    sorted.sort(ScoredCluster.ORDER);
    return groupSorted(sorted, placement, replicas);
  }

  /**
   * As {@link #group(List, Placement, int)} for candidates already in ascending name order: a stable sort on the
   * other keys then gives Karmada's total order without comparing names.
   */
  public static Grouped groupNameOrdered(List<ScoredCluster> byName, Placement placement, int replicas) {
    boolean byRegion = placement.spreadConstraint(SpreadField.REGION) != null
        && !placement.spreadConstraints().isEmpty() && !ignoreSpreadConstraints(placement);
    if (!byRegion) {
      List<ScoredCluster> sorted = new ArrayList<>(byName);
      sorted.sort(ORDER_BEFORE_NAME);
      return groupSorted(sorted, placement, replicas);
    }
    // Selection by region only reads the groups, and of each group its head and the prefix its score reads: order
    // just that prefix (same order as a full sort, which is stable over name-ordered input). The flat list stays in
    // name order.
    return groupSorted(byName, placement, replicas, ORDER_BEFORE_NAME);
  }

  private static final java.util.Comparator<ScoredCluster> ORDER_BEFORE_NAME = (a, b) -> {
    if (a.overflowOrder() != b.overflowOrder()) {
      return Integer.compare(a.overflowOrder(), b.overflowOrder());
    }
    if (a.score() != b.score()) {
      return Long.compare(b.score(), a.score());
    }
    return Long.compare(b.available(), a.available());
  };

  /** Builds the groups over clusters already in Karmada's order. */
  public static Grouped groupSorted(List<ScoredCluster> sorted, Placement placement, int replicas) {
    return groupSorted(sorted, placement, replicas, null);
  }

  private static Grouped groupSorted(List<ScoredCluster> sorted, Placement placement, int replicas,
      Comparator<ScoredCluster> sortGroups) {
    Map<String, Group> regions = new LinkedHashMap<>();
    Map<String, Group> zones = new LinkedHashMap<>();
    Map<String, Group> providers = new LinkedHashMap<>();
    if (!topologyIgnored(placement)) {
      SpreadConstraint cc = placement.spreadConstraint(SpreadField.CLUSTER);
      int clusterMin = cc == null ? 0 : cc.minGroups();
      for (SpreadField f : new SpreadField[] {SpreadField.ZONE, SpreadField.REGION, SpreadField.PROVIDER}) {
        SpreadConstraint c = placement.spreadConstraint(f);
        if (c == null) {
          continue;
        }
        Map<String, List<ScoredCluster>> members = new java.util.HashMap<>();
        for (ScoredCluster cand : sorted) {
          switch (f) {
            case ZONE -> cand.zones().forEach(z -> members.computeIfAbsent(z, k -> new ArrayList<>()).add(cand));
            case REGION -> {
              if (!cand.region().isEmpty()) {
                members.computeIfAbsent(cand.region(), k -> new ArrayList<>()).add(cand);
              }
            }
            default -> {
              if (!cand.provider().isEmpty()) {
                members.computeIfAbsent(cand.provider(), k -> new ArrayList<>()).add(cand);
              }
            }
          }
        }
        Map<String, Group> target = f == SpreadField.ZONE ? zones : f == SpreadField.REGION ? regions : providers;
        members.forEach((name, list) -> {
          long avail = 0;
          for (ScoredCluster cand : list) {
            avail += cand.available();
          }
          long score = groupScore(list, sortGroups, placement, replicas, c.minGroups(), clusterMin);
          target.put(name, new Group(name, score, avail, list));
        });
      }
    }
    return new Grouped(sorted, regions, zones, providers);
  }

  /** {@code calcGroupScore}: capacity toward the per-group target first, then the average score. */
  public static long groupScore(List<ScoredCluster> clusters, Placement placement, int replicas, int minGroups,
      int clusterMinGroups) {
    return groupScore(clusters, null, placement, replicas, minGroups, clusterMinGroups);
  }

  /**
   * As {@link #groupScore(List, Placement, int, int, int)}; with {@code lazyOrder} the clusters are in name order
   * and only the prefix the score reads is put in that order (see {@link #sortPrefix}).
   */
  private static long groupScore(List<ScoredCluster> clusters, Comparator<ScoredCluster> lazyOrder,
      Placement placement, int replicas, int minGroups, int clusterMinGroups) {
    if (duplicatedForScore(placement)) {
      if (lazyOrder != null) {
        sortPrefix(clusters, 0, lazyOrder);
      }
      return groupScoreDuplicated(clusters, replicas);
    }
    long target;
    if (minGroups <= 0) {
      target = Long.MIN_VALUE; // Go converts +Inf to MinInt64 on amd64
    } else {
      target = (long) Math.ceil((double) replicas / (double) minGroups);
    }
    int k = Math.max(clusterMinGroups, minGroups);
    long sumAvail = 0;
    long sumScore = 0;
    long count = 0;
    // at least k clusters are read: order that many in one pass, then one by one
    int ordered = lazyOrder == null ? clusters.size() : sortTop(clusters, Math.min(k, SELECTION_LIMIT), lazyOrder);
    for (int i = 0; i < clusters.size(); i++) {
      if (i >= ordered) {
        sortPrefix(clusters, i, lazyOrder);
      }
      ScoredCluster c = clusters.get(i);
      sumAvail += c.available();
      sumScore += c.score();
      count++;
      if (count >= k && sumAvail >= target) {
        break;
      }
    }
    if (sumAvail < target) {
      return sumAvail * WEIGHT_UNIT + (clusters.isEmpty() ? 0 : sumScore / clusters.size());
    }
    return target * WEIGHT_UNIT + (count == 0 ? 0 : sumScore / count);
  }

  /** {@code calcGroupScoreForDuplicate}: clusters that fit every replica count most. */
  public static long groupScoreDuplicated(List<ScoredCluster> clusters, long replicas) {
    long valid = 0;
    long sum = 0;
    for (ScoredCluster c : clusters) {
      if (c.available() >= replicas) {
        valid++;
        sum += c.score();
      }
    }
    return valid == 0 ? 0 : valid * WEIGHT_UNIT + sum / valid;
  }

  /**
   * {@code SelectBestClusters}: all clusters when there are no (or ignored) spread constraints, otherwise selection
   * by region or by cluster.
   *
   * @param needReplicas replicas the selection must hold; ignored for Duplicated placements
   */
  public static List<ScoredCluster> selectBest(Placement placement, Grouped grouped, int needReplicas) {
    if (placement.spreadConstraints().isEmpty() || ignoreSpreadConstraints(placement)) {
      return grouped.clusters();
    }
    long need = duplicatedForScore(placement) ? -1 : needReplicas;
    SpreadConstraint region = placement.spreadConstraint(SpreadField.REGION);
    SpreadConstraint cluster = placement.spreadConstraint(SpreadField.CLUSTER);
    if (region != null) {
      List<Group> regions = new ArrayList<>(grouped.regions().values());
      return selectByRegion(regions, region, cluster == null ? new SpreadConstraint(SpreadField.CLUSTER, null, 0, 0)
          : cluster);
    }
    if (cluster != null) {
      return selectByCluster(grouped.clusters(), cluster, need);
    }
    throw new SchedulingException(SchedulingException.Reason.ERROR, "just support cluster and region spread constraint");
  }

  /** {@code selectBestClustersByCluster}. */
  public static List<ScoredCluster> selectByCluster(List<ScoredCluster> clusters, SpreadConstraint c, long needReplicas) {
    if (clusters.size() < c.minGroups()) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "the number of feasible clusters is less than spreadConstraint.MinGroups");
    }
    int needCnt = Math.min(clusters.size(), c.maxGroups());
    if (needReplicas == -1) {
      return new ArrayList<>(clusters.subList(0, needCnt));
    }
    List<ScoredCluster> ret = new ArrayList<>(clusters.subList(0, needCnt));
    List<ScoredCluster> rest = new ArrayList<>(clusters.subList(needCnt, clusters.size()));
    long sum = 0;
    for (ScoredCluster x : ret) {
      sum += x.available();
    }
    for (int i = needCnt - 1; sum < needReplicas && i >= 0; i--) {
      int best = -1;
      for (int j = 0; j < rest.size(); j++) {
        long a = rest.get(j).available();
        if (a > ret.get(i).available() && (best < 0 || a > rest.get(best).available())) {
          best = j;
        }
      }
      if (best >= 0) {
        ScoredCluster out = ret.get(i);
        sum += rest.get(best).available() - out.available();
        ret.set(i, rest.get(best));
        rest.set(best, out);
      }
    }
    if (sum < needReplicas) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "no enough resource when selecting " + needCnt + " clusters");
    }
    return ret;
  }

  /** {@code selectBestClustersByRegion}: choose regions by {@link #selectGroups}, then the best clusters. */
  public static List<ScoredCluster> selectByRegion(List<Group> regions, SpreadConstraint region,
      SpreadConstraint cluster) {
    if (regions.size() < region.minGroups()) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "the number of feasible region is less than spreadConstraint.MinGroups");
    }
    List<GroupInfo> infos = new ArrayList<>();
    Map<String, Group> byName = new LinkedHashMap<>();
    for (Group g : regions) {
      infos.add(new GroupInfo(g.name(), g.clusters().size(), g.score()));
      byName.put(g.name(), g);
    }
    List<GroupInfo> chosen = selectGroups(infos, region.minGroups(), region.maxGroups(), cluster.minGroups());
    if (chosen == null || chosen.isEmpty()) {
      throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE,
          "the number of clusters is less than the cluster spreadConstraint.MinGroups");
    }
    List<ScoredCluster> selected = new ArrayList<>();
    List<ScoredCluster> candidates = new ArrayList<>();
    for (GroupInfo g : chosen) {
      List<ScoredCluster> cl = byName.get(g.name()).clusters();
      selected.add(cl.get(0));
      candidates.addAll(cl.subList(1, cl.size()));
    }
    int need = Math.min(candidates.size() + selected.size(), cluster.maxGroups());
    int rest = need - selected.size();
    if (rest > 0) {
      for (int i = 0; i < rest; i++) {
        sortPrefix(candidates, i, ScoredCluster.ORDER);
      }
      selected.addAll(candidates.subList(0, rest));
    }
    return selected;
  }

  /**
   * Puts the {@code top} smallest elements (the first of equals first) at the head of {@code list} in order, the
   * others after them in input order: the same state as {@code top} calls of {@link #sortPrefix}, in one pass.
   *
   * @return how many leading elements are now in order
   */
  static int sortTop(List<ScoredCluster> list, int top, Comparator<ScoredCluster> order) {
    int n = list.size();
    int want = Math.min(top, n);
    if (want <= 1) {
      if (want == 1) {
        sortPrefix(list, 0, order);
      }
      return want;
    }
    int[] best = new int[want];
    int filled = 0;
    for (int j = 0; j < n; j++) {
      ScoredCluster c = list.get(j);
      if (filled == want && order.compare(c, list.get(best[want - 1])) >= 0) {
        continue;
      }
      int p = filled < want ? filled++ : want - 1;
      while (p > 0 && order.compare(c, list.get(best[p - 1])) < 0) {
        best[p] = best[p - 1];
        p--;
      }
      best[p] = j;
    }
    ScoredCluster[] head = new ScoredCluster[want];
    boolean[] taken = new boolean[n];
    for (int t = 0; t < want; t++) {
      head[t] = list.get(best[t]);
      taken[best[t]] = true;
    }
    int w = n - 1;
    for (int j = n - 1; j >= 0; j--) {
      if (!taken[j]) {
        list.set(w--, list.get(j));
      }
    }
    for (int t = 0; t < want; t++) {
      list.set(t, head[t]);
    }
    return want;
  }

  /** Up to this many leading elements are ordered one by one; past it the rest is sorted at once. */
  private static final int SELECTION_LIMIT = 8;

  /**
   * Extends a sorted prefix by one: given {@code list[0, i)} already equal to the first {@code i} elements of a
   * stable sort by {@code order} and the rest in input order, makes {@code list[0, i]} so too. Below
   * {@link #SELECTION_LIMIT} this moves the smallest remaining element (the first of equals) to {@code i}, keeping
   * the others' relative order; at the limit it stable-sorts the remainder. Either way the list stays a prefix of
   * the full stable sort followed by the remaining elements in input order, so a group's head, its score and the
   * best candidates come out exactly as after sorting everything, at a fraction of the comparisons.
   */
  static void sortPrefix(List<ScoredCluster> list, int i, Comparator<ScoredCluster> order) {
    int n = list.size();
    if (i > SELECTION_LIMIT || i >= n - 1) {
      return;
    }
    if (i == SELECTION_LIMIT) {
      list.subList(i, n).sort(order);
      return;
    }
    int best = i;
    ScoredCluster min = list.get(i);
    for (int j = i + 1; j < n; j++) {
      ScoredCluster c = list.get(j);
      if (order.compare(c, min) < 0) {
        best = j;
        min = c;
      }
    }
    if (best != i) {
      list.add(i, list.remove(best));
    }
  }

  /** A group for {@link #selectGroups}: name, value (cluster count) and weight (score). */
  public record GroupInfo(String name, long value, long weight) {}

  private static final Comparator<GroupInfo> PATH_ORDER =
      Comparator.comparingLong(GroupInfo::weight).reversed().thenComparing(GroupInfo::name);

  /** Paths by weight descending, then value descending, then discovery order. */
  private static final Comparator<Path> PATH_RANK = (a, b) -> {
    if (a.weight != b.weight) {
      return Long.compare(b.weight, a.weight);
    }
    if (a.value != b.value) {
      return Long.compare(b.value, a.value);
    }
    return Integer.compare(a.id, b.id);
  };

  private static final class Path {
    final int id;
    private final GroupInfo[] groups;
    private boolean sorted;
    final long weight;
    final long value;

    Path(int id, GroupInfo[] groups, long weight, long value) {
      this.id = id;
      this.groups = groups;
      this.weight = weight;
      this.value = value;
    }

    int size() {
      return groups.length;
    }

    /** The groups by weight descending, then name (sorted on first use: most paths are never compared). */
    GroupInfo[] groups() {
      if (!sorted) {
        Arrays.sort(groups, PATH_ORDER);
        sorted = true;
      }
      return groups;
    }

    boolean hasStrictPrefix(Path sub) {
      if (sub.size() >= size()) {
        return false;
      }
      GroupInfo[] mine = groups();
      GroupInfo[] theirs = sub.groups();
      for (int i = 0; i < theirs.length; i++) {
        if (!mine[i].name().equals(theirs[i].name())) {
          return false;
        }
      }
      return true;
    }
  }

  /** {@code selectGroups}: the best combination of groups by DFS; null when none is feasible. */
  public static List<GroupInfo> selectGroups(List<GroupInfo> groups, int min, int max, long target) {
    if (groups.isEmpty()) {
      return null;
    }
    List<GroupInfo> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparingLong(GroupInfo::value)
        .thenComparing(Comparator.comparingLong(GroupInfo::weight).reversed())
        .thenComparing(GroupInfo::name));
    List<Path> paths = new ArrayList<>();
    dfs(sorted, min, max, target, 0, 0, new GroupInfo[Math.max(0, Math.min(max, sorted.size()))], 0, paths);
    if (paths.isEmpty()) {
      return null;
    }
    Path best = paths.get(0);
    boolean sameSize = true;
    for (Path path : paths) {
      sameSize &= path.size() == best.size();
    }
    if (sameSize) {
      // no path can be a strict prefix of another: the best is the first in path order, found without sorting
      for (Path path : paths) {
        if (PATH_RANK.compare(path, best) < 0) {
          best = path;
        }
      }
    } else {
      paths.sort(PATH_RANK);
      best = paths.get(0);
      for (int i = 1; i < paths.size(); i++) {
        if (best.hasStrictPrefix(paths.get(i))) {
          best = paths.get(i);
        }
      }
    }
    return List.of(best.groups());
  }

  /** Depth-first over combinations; {@code path[0..size)} is the current one, {@code sum} its total value. */
  private static void dfs(List<GroupInfo> groups, int min, int max, long target, long sum, int begin,
      GroupInfo[] path, int size, List<Path> out) {
    if (sum >= target && size >= min && size <= max) {
      long weight = 0;
      for (int i = 0; i < size; i++) {
        weight += path[i].weight();
      }
      out.add(new Path(out.size() + 1, Arrays.copyOf(path, size), weight, sum));
      return;
    }
    if (size >= max) {
      return;
    }
    for (int i = begin; i < groups.size(); i++) {
      path[size] = groups.get(i);
      dfs(groups, min, max, target, sum + groups.get(i).value(), i + 1, path, size + 1, out);
    }
  }

  /** Whether the division strategy ignores capacity during selection. */
  static boolean isDuplicated(DivisionKind kind) {
    return kind == DivisionKind.DUPLICATED;
  }
}
