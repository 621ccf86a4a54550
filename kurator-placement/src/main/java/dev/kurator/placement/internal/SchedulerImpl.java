package dev.kurator.placement.internal;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Problems;
import dev.kurator.core.ResourceSummary;
import dev.kurator.core.TargetCluster;
import dev.kurator.core.ValidationException;
import dev.kurator.placement.BatchDecision;
import dev.kurator.placement.BindingState;
import dev.kurator.placement.ClusterAffinityTerm;
import dev.kurator.placement.ClusterExplanation;
import dev.kurator.placement.Decision;
import dev.kurator.placement.DivisionKind;
import dev.kurator.placement.Placement;
import dev.kurator.placement.Scheduler;
import dev.kurator.placement.SchedulingException;
import dev.kurator.placement.SchedulingRequest;
import dev.kurator.placement.Workload;
import dev.kurator.placement.plugins.ApiEnablementFilter;
import dev.kurator.placement.plugins.ClusterAffinityFilter;
import dev.kurator.placement.plugins.ClusterEvictionFilter;
import dev.kurator.placement.plugins.ClusterLocalityScore;
import dev.kurator.placement.plugins.ComplianceZoneFilter;
import dev.kurator.placement.plugins.GeneralEstimator;
import dev.kurator.placement.plugins.SpreadConstraintFilter;
import dev.kurator.placement.plugins.TaintTolerationFilter;
import dev.kurator.placement.spi.DivisionStrategy;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ReplicaEstimator;
import dev.kurator.placement.spi.SchedulerPlugin;
import dev.kurator.placement.spi.ScorePlugin;
import dev.kurator.placement.spi.ScoredCluster;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The scheduler pipeline: filter, score, estimate, group and select, divide; see {@link Scheduler}. */
public final class SchedulerImpl implements Scheduler {

  private static final Logger log = LoggerFactory.getLogger(SchedulerImpl.class);
  /** Plugins already reported at WARN: a failing plugin fails for many clusters, so repeats go to DEBUG. */
  private static final Set<String> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private static final byte FEASIBLE = 0;
  private static final byte FILTERED = 1;
  private static final byte ERROR = 2;
  /** Plugin name shown when batch capacity accounting rejects a cluster. */
  static final String BATCH_CAPACITY = "BatchCapacity";

  private final List<SchedulerPlugin> registered;
  private final Set<String> disabled;
  private final FilterPlugin[] filters;
  /** Per filter, whether it filters a whole snapshot itself. */
  private final boolean[] batchFilter;
  /** Per score plugin, whether it scores a whole snapshot itself. */
  private final boolean[] batchScorer;
  private final ScorePlugin[] scorers;
  private final String[] scorerNames;
  private final ReplicaEstimator[] estimators;
  private final Map<DivisionKind, DivisionStrategy> strategies;
  /** The index of the last immutable fleet snapshot seen. */
  private final SnapshotCache<FleetIndex> fleetIndex = new SnapshotCache<>(SchedulerImpl::index);

  /**
   * Names checked unique, cluster indices in ascending name order, and per cluster its provider, region and zones
   * as one shared instance per distinct value (grouping then hashes and compares a few hot strings).
   */
  private record FleetIndex(int[] nameOrder, String[] name, String[] provider, String[] region,
      List<List<String>> zones) {}

  private final boolean emptyWorkloadPropagation;

  private SchedulerImpl(List<SchedulerPlugin> registered, Set<String> disabled) {
    this(registered, disabled, false);
  }

  private SchedulerImpl(List<SchedulerPlugin> registered, Set<String> disabled, boolean emptyWorkloadPropagation) {
    this.emptyWorkloadPropagation = emptyWorkloadPropagation;
    this.registered = List.copyOf(registered);
    this.disabled = Set.copyOf(disabled);
    List<FilterPlugin> f = new ArrayList<>();
    List<ScorePlugin> s = new ArrayList<>();
    List<ReplicaEstimator> e = new ArrayList<>();
    Map<DivisionKind, DivisionStrategy> d = new EnumMap<>(DivisionKind.class);
    for (SchedulerPlugin p : this.registered) {
      if (this.disabled.contains(p.name())) {
        continue;
      }
      if (p instanceof FilterPlugin fp) {
        f.add(fp);
      }
      if (p instanceof ScorePlugin sp) {
        s.add(sp);
      }
      if (p instanceof ReplicaEstimator ep) {
        e.add(ep);
      }
      if (p instanceof DivisionStrategy ds) {
        d.putIfAbsent(ds.kind(), ds);
      }
    }
    this.filters = f.toArray(new FilterPlugin[0]);
    this.batchFilter = new boolean[filters.length];
    for (int i = 0; i < filters.length; i++) {
      batchFilter[i] = hasSnapshotMethod(filters[i], FilterPlugin.class, "filter", FilterResult[].class);
    }
    this.scorers = s.toArray(new ScorePlugin[0]);
    this.batchScorer = new boolean[scorers.length];
    for (int i = 0; i < scorers.length; i++) {
      batchScorer[i] = hasSnapshotMethod(scorers[i], ScorePlugin.class, "score", long[].class);
    }
    this.scorerNames = s.stream().map(SchedulerPlugin::name).toArray(String[]::new);
    this.estimators = e.toArray(new ReplicaEstimator[0]);
    this.strategies = d;
  }

  /** Karmada's in-tree plugins plus the compliance filter. */
  public static Scheduler defaults() {
    return new SchedulerImpl(List.of(new ClusterAffinityFilter(), new TaintTolerationFilter(),
        new ApiEnablementFilter(), new SpreadConstraintFilter(), new ClusterEvictionFilter(),
        new ComplianceZoneFilter(), new ClusterLocalityScore(), new GeneralEstimator()), Set.of());
  }

  /** No plugins. */
  public static Scheduler empty() {
    return new SchedulerImpl(List.of(), Set.of());
  }

  @Override
  public Scheduler plugin(SchedulerPlugin plugin) {
    Objects.requireNonNull(plugin, "plugin");
    String name = plugin.name();
    Problems p = new Problems();
    p.check(name == null || name.isBlank(), "plugins[" + registered.size() + "].name", name, "must not be blank");
    p.check(name != null && registered.stream().anyMatch(r -> r.name().equals(name)),
        "plugins[" + registered.size() + "].name", name, "must be unique: a plugin with this name is registered");
    p.throwIfAny();
    List<SchedulerPlugin> next = new ArrayList<>(registered);
    next.add(plugin);
    return new SchedulerImpl(next, disabled, emptyWorkloadPropagation);
  }

  @Override
  public Scheduler disable(String pluginName) {
    requireKnown(pluginName);
    Set<String> next = new HashSet<>(disabled);
    next.add(pluginName);
    return new SchedulerImpl(registered, next, emptyWorkloadPropagation);
  }

  @Override
  public Scheduler enable(String pluginName) {
    requireKnown(pluginName);
    Set<String> next = new HashSet<>(disabled);
    next.remove(pluginName);
    return new SchedulerImpl(registered, next, emptyWorkloadPropagation);
  }

  private void requireKnown(String name) {
    if (registered.stream().noneMatch(r -> r.name().equals(name))) {
      throw ValidationException.of("plugin", name, "must name a registered plugin, one of "
          + registered.stream().map(SchedulerPlugin::name).toList());
    }
  }

  @Override
  public Scheduler discoverPlugins(ClassLoader loader) {
    List<SchedulerPlugin> next = new ArrayList<>(registered);
    Set<String> explicit = new HashSet<>();
    registered.forEach(r -> explicit.add(r.name()));
    Set<String> discovered = new HashSet<>();
    for (SchedulerPlugin p : ServiceLoader.load(SchedulerPlugin.class, loader)) {
      if (explicit.contains(p.name())) {
        log.info("Discovered scheduler plugin {} ({}) ignored: a plugin of that name is registered explicitly",
            p.name(), p.getClass().getName());
      } else if (!discovered.add(p.name())) {
        log.warn("Discovered scheduler plugin {} ({}) ignored: another discovered plugin has the same name",
            p.name(), p.getClass().getName());
      } else {
        next.add(p);
      }
    }
    return new SchedulerImpl(next, disabled, emptyWorkloadPropagation);
  }

  @Override
  public Scheduler emptyWorkloadPropagation(boolean enabled) {
    return new SchedulerImpl(registered, disabled, enabled);
  }

  @Override
  public List<String> plugins() {
    return registered.stream().map(SchedulerPlugin::name).filter(n -> !disabled.contains(n)).toList();
  }

  @Override
  public Decision schedule(Workload workload, Placement placement, List<ClusterSnapshot> clusters,
      BindingState state) {
    return schedule(workload, placement, clusters, state, false);
  }

  private Decision schedule(Workload workload, Placement placement, List<ClusterSnapshot> clusters,
      BindingState state, boolean batch) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(placement, "placement");
    Objects.requireNonNull(clusters, "clusters");
    Objects.requireNonNull(state, "state");
    FleetIndex fleet = fleetIndex.get(clusters);
    Map<String, Integer> previous = new HashMap<>();
    for (TargetCluster t : state.previous().targets()) {
      previous.put(t.name(), t.replicas());
    }
    List<ClusterAffinityTerm> terms = placement.clusterAffinities();
    if (placement.clusterAffinity() != null || terms.isEmpty()) {
      return attempt(workload, placement, null, clusters, fleet, state, previous, batch);
    }
    int start = 0;
    if (!state.rescheduleTriggered()) {
      for (int i = 0; i < terms.size(); i++) {
        if (terms.get(i).affinityName().equals(state.observedAffinityName())) {
          start = i;
          break;
        }
      }
    }
    Decision first = null;
    for (int i = start; i < terms.size(); i++) {
      Decision d = attempt(workload, placement, terms.get(i), clusters, fleet, state, previous, batch);
      if (d.succeeded()) {
        return d;
      }
      log.debug("{}: affinity term {} failed: {}", d.resource(), terms.get(i).affinityName(), d.message());
      if (first == null) {
        first = d;
      }
    }
    // Karmada leaves the observed term unchanged when every term fails.
    return new Decision(first.resource(), first.status(), first.assignment(), state.observedAffinityName(),
        first.message(), first.clusters());
  }

  /**
   * Checks the names and indexes the snapshot. An immutable snapshot list (the usual {@code List.copyOf} of a
   * fleet) is indexed once and reused while the same list is passed again (see {@link SnapshotCache}).
   */
  private static FleetIndex index(List<ClusterSnapshot> clusters) {
    requireUniqueNames(clusters);
    Integer[] order = new Integer[clusters.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> clusters.get(a).name().compareTo(clusters.get(b).name()));
    int[] nameOrder = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      nameOrder[i] = order[i];
    }
    Map<Object, Object> shared = new HashMap<>();
    String[] name = new String[clusters.size()];
    String[] provider = new String[clusters.size()];
    String[] region = new String[clusters.size()];
    List<List<String>> zones = new ArrayList<>(clusters.size());
    for (int i = 0; i < provider.length; i++) {
      ClusterSnapshot c = clusters.get(i);
      name[i] = c.name();
      provider[i] = (String) shared.computeIfAbsent(c.provider(), v -> v);
      region[i] = (String) shared.computeIfAbsent(c.region(), v -> v);
      @SuppressWarnings("unchecked")
      List<String> z = (List<String>) shared.get(c.zones());
      if (z == null) {
        List<String> canonical = new ArrayList<>(c.zones().size());
        for (String zone : c.zones()) {
          canonical.add((String) shared.computeIfAbsent(zone, v -> v));
        }
        z = List.copyOf(canonical);
        shared.put(z, z);
      }
      zones.add(z);
    }
    return new FleetIndex(nameOrder, name, provider, region, zones);
  }

  private static void requireUniqueNames(List<ClusterSnapshot> clusters) {
    Set<String> seen = new HashSet<>(clusters.size() * 2);
    Problems p = null;
    for (int i = 0; i < clusters.size(); i++) {
      if (!seen.add(clusters.get(i).name())) {
        if (p == null) {
          p = new Problems();
        }
        p.add("clusters[" + i + "].name", clusters.get(i).name(), "must be unique in a snapshot");
      }
    }
    if (p != null) {
      p.throwIfAny();
    }
  }

  private Decision attempt(Workload w, Placement p, ClusterAffinityTerm term, List<ClusterSnapshot> clusters,
      FleetIndex fleet, BindingState state, Map<String, Integer> previous, boolean batch) {
    String resource = w.namespace().isEmpty() ? w.name() : w.namespace() + "/" + w.name();
    String observed = term == null ? state.observedAffinityName() : term.affinityName();
    BindingState st = term == null ? state : state.withObservedAffinityName(observed);
    PluginContext ctx = new PluginContext(w, p, term, st, previous);
    int n = clusters.size();
    int ns = scorers.length;
    byte[] verdict = new byte[n];
    String[] by = new String[n];
    String[] reason = new String[n];
    long[] scores = new long[n * ns];
    long[] available = new long[n];
    boolean[] estimated = new boolean[n];
    boolean compliance = !w.complianceZones().isEmpty();
    int[] passing = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (compliance) {
        FilterResult r = ComplianceZoneFilter.check(ctx, clusters.get(i));
        if (!r.isSuccess()) {
          verdict[i] = FILTERED;
          by[i] = ComplianceZoneFilter.NAME;
          reason[i] = r.reason();
          continue;
        }
      }
      passing[count++] = i;
    }
    // Filter by filter over the clusters still passing: each cluster meets the filters in registration order and
    // stops at the first that rejects it, as when filtering cluster by cluster.
    FilterResult[] results = new FilterResult[count];
    for (int f = 0; f < filters.length && count > 0; f++) {
      if (runFilter(f, ctx, clusters, passing, count, results)) {
        continue;
      }
      int kept = 0;
      for (int k = 0; k < count; k++) {
        int i = passing[k];
        FilterResult r = results[k];
        if (r == null) {
          r = FilterResult.error("plugin returned no result");
        }
        if (r.isSuccess()) {
          passing[kept++] = i;
        } else {
          verdict[i] = r.code() == FilterResult.Code.ERROR ? ERROR : FILTERED;
          by[i] = filters[f].name();
          reason[i] = r.reason();
        }
      }
      count = kept;
    }
    long[] scored = new long[count];
    for (int k = 0; k < ns && count > 0; k++) {
      count = runScore(k, ctx, clusters, passing, count, scored, verdict, by, reason, scores);
    }
    int feasible = count;
    if (feasible == 0) {
      String msg = noFitMessage(clusters, by, reason);
      return explained(resource, Decision.Status.NO_CLUSTER_FIT, Assignment.none(), observed, msg, clusters,
          verdict, by, reason, scores, available, estimated, Map.of());
    }
    boolean workload = w.isWorkload();
    boolean duplicated;
    try {
      duplicated = p.divisionKind() == DivisionKind.DUPLICATED;
    } catch (SchedulingException e) {
      return explained(resource, Decision.Status.ERROR, Assignment.none(), observed, e.getMessage(), clusters,
          verdict, by, reason, scores, available, estimated, Map.of());
    }
    List<ScoredCluster> candidates = new ArrayList<>(feasible);
    boolean overflow = ReplicaAssigner.overflowEnabled(p, observed);
    int[] which = new int[feasible];
    int k0 = 0;
    for (int i : fleet.nameOrder()) {
      if (verdict[i] == FEASIBLE) {
        which[k0++] = i;
      }
    }
    long[] alloc = workload ? estimate(ctx, clusters, which, w) : null;
    for (int k = 0; k < which.length; k++) {
      int i = which[k];
      String name = fleet.name()[i];
      long a = workload ? alloc[k] : Integer.MAX_VALUE;
      int assigned = previous.isEmpty() ? 0 : previous.getOrDefault(name, 0);
      available[i] = a + assigned;
      estimated[i] = true;
      if (batch && workload && duplicated && a + assigned < w.replicas()) {
        verdict[i] = FILTERED;
        by[i] = BATCH_CAPACITY;
        reason[i] = "only " + (a + assigned) + " of " + w.replicas() + " replicas fit after the batch so far";
        continue;
      }
      long total = 0;
      for (int j = 0; j < ns; j++) {
        total += scores[i * ns + j];
      }
      candidates.add(new ScoredCluster(name, total, a, a + assigned,
          overflow ? ReplicaAssigner.overflowOrder(clusters.get(i), p, observed) : 0, fleet.provider()[i],
          fleet.region()[i], fleet.zones().get(i)));
    }
    if (candidates.isEmpty()) {
      String msg = noFitMessage(clusters, by, reason);
      return explained(resource, Decision.Status.NO_CLUSTER_FIT, Assignment.none(), observed, msg, clusters,
          verdict, by, reason, scores, available, estimated, Map.of());
    }
    List<TargetCluster> targets;
    try {
      SpreadSelector.Grouped grouped = SpreadSelector.groupNameOrdered(candidates, p, w.replicas());
      List<ScoredCluster> selected = SpreadSelector.selectBest(p, grouped, w.replicas());
      Map<String, ClusterSnapshot> byName = null;
      if (p.replicaScheduling() != null && p.divisionKind() == DivisionKind.STATIC_WEIGHT) {
        byName = new HashMap<>();
        for (ClusterSnapshot c : clusters) {
          byName.put(c.name(), c);
        }
      }
      Map<String, ClusterSnapshot> lookup = byName;
      ReplicaAssigner.WeightMatcher matcher = (name, affinity) -> lookup != null && lookup.containsKey(name)
          ? ClusterMatcher.matches(lookup.get(name), affinity)
          : ClusterMatcher.matches(name, Map.of(), "", "", List.of(), affinity);
      targets = ReplicaAssigner.assign(selected, new ReplicaAssigner.Request(w.replicas(), workload, p,
          state.previous().targets(), observed, state.rescheduleTriggered(), w.uid(), matcher,
          divisionsFor(ctx)));
      if (emptyWorkloadPropagation) {
        List<String> names = new ArrayList<>(selected.size());
        selected.forEach(c -> names.add(c.name()));
        targets = ReplicaAssigner.attachZeroReplicaClusters(names, targets);
      }
      checkTargets(targets, selected, clusters, ctx, batch && workload);
    } catch (SchedulingException e) {
      Decision.Status status = e.reason() == SchedulingException.Reason.ERROR ? Decision.Status.ERROR
          : Decision.Status.UNSCHEDULABLE;
      return explained(resource, status, Assignment.none(), observed, e.getMessage(), clusters, verdict, by,
          reason, scores, available, estimated, Map.of());
    }
    Map<String, Integer> share = new HashMap<>();
    for (TargetCluster t : targets) {
      share.put(t.name(), t.replicas());
    }
    return explained(resource, Decision.Status.SCHEDULED, new Assignment(targets), observed, "", clusters,
        verdict, by, reason, scores, available, estimated, share);
  }

  /**
   * Runs filter {@code f} over {@code clusters[which[0..count)]} into {@code out}: through its snapshot method when
   * it has one, else (or when that throws) cluster by cluster, where a throwing call is an error verdict.
   *
   * @return true when every cluster passed ({@code out} then need not be read)
   */
  private boolean runFilter(int f, PluginContext ctx, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    FilterPlugin plugin = filters[f];
    if (batchFilter[f]) {
      try {
        return plugin.filter(ctx, clusters, which, count, out);
      } catch (RuntimeException e) {
        log.debug("Filter {} failed on the snapshot; filtering cluster by cluster", plugin.name(), e);
      }
    }
    for (int k = 0; k < count; k++) {
      ClusterSnapshot c = clusters.get(which[k]);
      try {
        out[k] = plugin.filter(ctx, c);
      } catch (RuntimeException e) {
        pluginFailed("Filter", plugin.name(), c, ctx.workload(), e);
        out[k] = FilterResult.error("plugin failed: " + e);
      }
    }
    return false;
  }

  /**
   * Whether a plugin overrides the snapshot method {@code method} of {@code spi} (otherwise the scheduler calls its
   * per-cluster method directly).
   */
  private static boolean hasSnapshotMethod(SchedulerPlugin plugin, Class<?> spi, String method, Class<?> out) {
    try {
      return plugin.getClass().getMethod(method, PluginContext.class, List.class, int[].class, int.class, out)
          .getDeclaringClass() != spi;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(spi.getSimpleName() + " without its snapshot method", e);
    }
  }

  /**
   * Runs score plugin {@code k} over {@code clusters[which[0..count)]}, into column {@code k} of {@code scores}:
   * through its snapshot method when it has one, else (or when that throws) cluster by cluster, where a throwing
   * call is an error verdict and drops the cluster from {@code which}.
   *
   * @return how many clusters of {@code which} are still feasible (kept in order at its start)
   */
  private int runScore(int k, PluginContext ctx, List<ClusterSnapshot> clusters, int[] which, int count,
      long[] out, byte[] verdict, String[] by, String[] reason, long[] scores) {
    ScorePlugin plugin = scorers[k];
    int ns = scorers.length;
    if (batchScorer[k]) {
      try {
        plugin.score(ctx, clusters, which, count, out);
        for (int j = 0; j < count; j++) {
          scores[which[j] * ns + k] = out[j];
        }
        return count;
      } catch (RuntimeException e) {
        log.debug("Score plugin {} failed on the snapshot; scoring cluster by cluster", plugin.name(), e);
      }
    }
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int i = which[j];
      ClusterSnapshot c = clusters.get(i);
      try {
        scores[i * ns + k] = plugin.score(ctx, c);
        which[kept++] = i;
      } catch (RuntimeException e) {
        pluginFailed("Score", plugin.name(), c, ctx.workload(), e);
        verdict[i] = ERROR;
        by[i] = plugin.name();
        reason[i] = "plugin failed: " + e;
      }
    }
    return kept;
  }

  private static void pluginFailed(String kind, String plugin, ClusterSnapshot c, Workload w, RuntimeException e) {
    if (WARNED.add(plugin)) {
      log.warn("{} plugin {} failed for cluster {} and {}/{} (further failures of this plugin are logged at DEBUG)",
          kind, plugin, c.name(), w.namespace(), w.name(), e);
    } else {
      log.debug("{} plugin {} failed for cluster {} and {}/{}", kind, plugin, c.name(), w.namespace(), w.name(), e);
    }
  }

  /**
   * Karmada's {@code calAvailableReplicas}: per cluster the minimum over estimators; {@link ReplicaEstimator#UNKNOWN}
   * abstains, a throwing estimator is skipped, and a cluster nobody could estimate gets the workload's replicas.
   */
  private long[] estimate(PluginContext ctx, List<ClusterSnapshot> clusters, int[] which, Workload w) {
    long[] best = null;
    long[] out = null;
    for (ReplicaEstimator e : estimators) {
      if (out == null) {
        out = new long[which.length];
      }
      try {
        e.maxReplicas(ctx, clusters, which, out);
      } catch (RuntimeException ex) {
        log.debug("Estimator {} failed on the snapshot; estimating cluster by cluster", e.name(), ex);
        for (int k = 0; k < which.length; k++) {
          ClusterSnapshot c = clusters.get(which[k]);
          try {
            out[k] = e.maxReplicas(ctx, c);
          } catch (RuntimeException perCluster) {
            pluginFailed("Estimator", e.name(), c, w, perCluster);
            out[k] = ReplicaEstimator.UNKNOWN;
          }
        }
      }
      if (best == null) {
        // the first estimate is the minimum so far: keep its array, abstentions as "no estimate"
        for (int k = 0; k < which.length; k++) {
          if (out[k] < 0 || out[k] > Integer.MAX_VALUE) {
            out[k] = Integer.MAX_VALUE;
          }
        }
        best = out;
        out = null;
        continue;
      }
      for (int k = 0; k < which.length; k++) {
        if (out[k] >= 0 && out[k] < best[k]) {
          best[k] = out[k];
        }
      }
    }
    if (best == null) {
      best = new long[which.length];
      Arrays.fill(best, Integer.MAX_VALUE);
    }
    for (int k = 0; k < which.length; k++) {
      if (best[k] == Integer.MAX_VALUE) {
        best[k] = w.replicas();
      }
    }
    return best;
  }

  private Map<DivisionKind, ReplicaAssigner.Division> divisionsFor(PluginContext ctx) {
    if (strategies.isEmpty()) {
      return Map.of();
    }
    Map<DivisionKind, ReplicaAssigner.Division> out = new EnumMap<>(DivisionKind.class);
    strategies.forEach((kind, s) -> out.put(kind, (cands, desired, prev, req) -> {
      List<TargetCluster> r = s.divide(List.copyOf(cands), desired, List.copyOf(prev), ctx);
      if (r == null) {
        throw new SchedulingException(SchedulingException.Reason.ERROR,
            "division strategy " + s.name() + " returned no result");
      }
      return r;
    }));
    return out;
  }

  /** Guards the result: compliance zones always, capacity in batch mode, and custom strategies' choices. */
  private static void checkTargets(List<TargetCluster> targets, List<ScoredCluster> candidates,
      List<ClusterSnapshot> clusters, PluginContext ctx, boolean capacity) {
    Map<String, ScoredCluster> cands = new HashMap<>();
    for (ScoredCluster c : candidates) {
      cands.put(c.name(), c);
    }
    Set<String> seen = new HashSet<>();
    for (TargetCluster t : targets) {
      ScoredCluster c = cands.get(t.name());
      if (c == null || !seen.add(t.name())) {
        throw new SchedulingException(SchedulingException.Reason.ERROR, "division produced cluster " + t.name()
            + " which is not a feasible candidate or appears twice");
      }
      if (capacity && t.replicas() > c.available()) {
        throw new SchedulingException(SchedulingException.Reason.UNSCHEDULABLE, "cluster " + t.name()
            + " would be over-committed: " + t.replicas() + " replicas, room for " + c.available());
      }
    }
    if (!ctx.workload().complianceZones().isEmpty()) {
      for (ClusterSnapshot c : clusters) {
        if (seen.contains(c.name()) && !ComplianceZoneFilter.check(ctx, c).isSuccess()) {
          throw new SchedulingException(SchedulingException.Reason.ERROR,
              "cluster " + c.name() + " is outside the workload's compliance zones");
        }
      }
    }
  }

  private static String noFitMessage(List<ClusterSnapshot> clusters, String[] by, String[] reason) {
    Map<String, Integer> counts = new TreeMap<>();
    StringBuilder detail = new StringBuilder();
    for (int i = 0; i < clusters.size(); i++) {
      String r = reason[i] == null ? "not a candidate" : reason[i];
      counts.merge(r, 1, Integer::sum);
      detail.append("\n  ").append(clusters.get(i).name()).append(": ")
          .append(by[i] == null ? "" : by[i] + ": ").append(r);
    }
    StringBuilder sb = new StringBuilder("0/").append(clusters.size()).append(" clusters are available: ");
    List<String> parts = new ArrayList<>();
    counts.forEach((r, k) -> parts.add(k + " " + r));
    sb.append(String.join(", ", parts)).append('.');
    return sb.append(detail).toString();
  }

  private Decision explained(String resource, Decision.Status status, Assignment assignment, String observed,
      String message, List<ClusterSnapshot> clusters, byte[] verdict, String[] by, String[] reason, long[] scores,
      long[] available, boolean[] estimated, Map<String, Integer> share) {
    String[] names = scorerNames;
    boolean workloadShare = !share.isEmpty();
    return Decision.withLazyExplanations(resource, status, assignment, observed, message, () -> {
      int ns = names.length;
      List<ClusterExplanation> out = new ArrayList<>(clusters.size());
      for (int i = 0; i < clusters.size(); i++) {
        String name = clusters.get(i).name();
        Map<String, Long> sc = new LinkedHashMap<>();
        long total = 0;
        if (verdict[i] == FEASIBLE || estimated[i]) {
          for (int k = 0; k < ns; k++) {
            sc.put(names[k], scores[i * ns + k]);
            total += scores[i * ns + k];
          }
        }
        ClusterExplanation.Verdict v;
        String why = reason[i];
        if (verdict[i] == FILTERED) {
          v = ClusterExplanation.Verdict.FILTERED;
        } else if (verdict[i] == ERROR) {
          v = ClusterExplanation.Verdict.ERROR;
        } else if (workloadShare && share.containsKey(name)) {
          v = ClusterExplanation.Verdict.SELECTED;
        } else {
          v = ClusterExplanation.Verdict.NOT_SELECTED;
          why = status == Decision.Status.SCHEDULED ? "not chosen by spread constraints or replica division"
              : message;
        }
        out.add(new ClusterExplanation(name, v, by[i], why, sc, total, estimated[i] ? available[i] : -1,
            share.getOrDefault(name, 0)));
      }
      return out;
    });
  }

  @Override
  public BatchDecision scheduleBatch(List<SchedulingRequest> requests, List<ClusterSnapshot> clusters) {
    List<ClusterSnapshot> current = new ArrayList<>(clusters);
    List<Decision> out = new ArrayList<>(requests.size());
    for (SchedulingRequest r : requests) {
      Decision d = schedule(r.workload(), r.placement(), current, r.state(), true);
      if (d.succeeded()) {
        current = commit(current, r.workload(), r.state().previous(), d.assignment());
      }
      out.add(d);
    }
    return new BatchDecision(out);
  }

  @Override
  public BatchDecision scheduleGang(List<SchedulingRequest> requests, List<ClusterSnapshot> clusters) {
    BatchDecision batch = scheduleBatch(requests, clusters);
    if (batch.allScheduled()) {
      return batch;
    }
    List<String> failed = batch.failures().stream().map(Decision::resource).toList();
    List<Decision> out = new ArrayList<>();
    for (Decision d : batch.decisions()) {
      out.add(d.succeeded() ? d.withStatus(Decision.Status.GANG_REJECTED,
          "not placed: gang member(s) " + failed + " could not be placed") : d);
    }
    return new BatchDecision(out);
  }

  /**
   * Adds the new replicas of {@code w} (beyond what it already had) to each target cluster's {@code allocating}
   * resources, so later requests of the batch see the capacity as taken.
   */
  static List<ClusterSnapshot> commit(List<ClusterSnapshot> clusters, Workload w, Assignment previous,
      Assignment assignment) {
    Map<String, Integer> delta = new HashMap<>();
    for (TargetCluster t : assignment.targets()) {
      int added = t.replicas() - previous.target(t.name()).map(TargetCluster::replicas).orElse(0);
      if (added > 0) {
        delta.put(t.name(), added);
      }
    }
    if (delta.isEmpty()) {
      return clusters;
    }
    List<ClusterSnapshot> out = new ArrayList<>(clusters.size());
    for (ClusterSnapshot c : clusters) {
      Integer added = delta.get(c.name());
      if (added == null || c.resourceSummary() == null) {
        out.add(c);
        continue;
      }
      ResourceSummary s = c.resourceSummary();
      Map<String, Quantity> allocating = new HashMap<>(s.allocating());
      add(allocating, "pods", BigDecimal.valueOf(added));
      if (w.requests() != null) {
        w.requests().forEach((k, q) -> add(allocating, k, Quantities.amount(q).multiply(BigDecimal.valueOf(added))));
      }
      out.add(c.toBuilder().resourceSummary(new ResourceSummary(s.allocatable(), allocating, s.allocated(),
          s.allocatableModelings())).build());
    }
    return out;
  }

  private static void add(Map<String, Quantity> m, String key, BigDecimal amount) {
    BigDecimal sum = Quantities.amount(m.get(key)).add(amount);
    m.put(key, new Quantity(sum.stripTrailingZeros().toPlainString()));
  }

  @Override
  public String toString() {
    return "Scheduler" + new LinkedHashSet<>(plugins());
  }
}
