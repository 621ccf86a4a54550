package dev.kurator.core.propagation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.KuratorException;
import dev.kurator.core.Problems;
import dev.kurator.core.TargetCluster;
import dev.kurator.core.internal.Resources;
import dev.kurator.core.override.OverrideResult;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.override.internal.Json;
import dev.kurator.core.propagation.PropagationPlan.Variant;
import dev.kurator.core.propagation.internal.ClusterReconciler;
import dev.kurator.core.propagation.internal.Trees;
import dev.kurator.core.propagation.spi.ReplicaInterpreter;
import dev.kurator.core.spi.AdmissionGate;
import dev.kurator.core.spi.AdmissionOperation;
import dev.kurator.core.spi.AdmissionRequest;
import dev.kurator.core.spi.AdmissionReview;
import dev.kurator.core.spi.RuleResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;

/**
 * One desired state, many clusters, each getting its own variant: resource templates plus a per-cluster
 * {@link Assignment} plus {@link Overrides}, converged on every selected member.
 *
 * <p>For each selected cluster and template the variant is: the template without server-set fields, its replica
 * count revised to the cluster's share (when the assignment carries replicas and a {@link ReplicaInterpreters
 * replica interpreter} knows the kind), then the overrides, then the ownership marks of {@link Ownership}. All
 * variants are computed before anything is written, so an override that cannot be applied aborts the whole sync with
 * no write.
 *
 * <p>{@link #sync} creates what is missing, rewrites what differs (template changed or someone edited it), deletes
 * our copies from clusters no longer selected, and writes nothing when everything already matches. It never deletes
 * or (by default) overwrites an object it did not create. {@link #diff} reports the same differences without
 * writing. Every read and write on a member goes through {@link PropagationTarget#call}: on a fleet that is the
 * fleet's {@link dev.kurator.core.Resilience} (per-call timeout, retries of connection errors, 429, 5xx and 409
 * conflicts, the member's circuit breaker), so a flaky member is retried and a dead one is reported
 * {@link ClusterSync.Status#UNAVAILABLE} or FAILED while the others go on.
 *
 * <p>Garbage collection lists, by {@link Ownership#PROPAGATION_LABEL}, the copies of every kind among the current
 * templates and of every kind named in the {@link Ownership#KINDS_ANNOTATION} of the copies it finds, so dropping the
 * last template of a kind deletes that kind's copies too (the remaining copies are rewritten once with the new
 * kinds). A cluster holding no copy of any current kind cannot name the former ones: when every kind changes at
 * once, sync once with {@link Assignment#none()} first. Instances are immutable and thread-safe.
 */
public final class Propagation {

  /** Default time one cluster's pass may take: 60 seconds. */
  public static final Duration DEFAULT_CLUSTER_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(Propagation.class);
  private static final Pattern LABEL_VALUE = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");
  private static final Set<String> SERVER_METADATA = Set.of("resourceVersion", "uid", "creationTimestamp",
      "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences");

  private final String name;
  private final List<HasMetadata> templates;
  private final Assignment assignment;
  private final Overrides overrides;
  private final ReplicaInterpreters interpreters;
  private final ConflictResolution conflicts;
  private final boolean prune;
  private final Duration clusterTimeout;
  private final List<AdmissionGate> gates;

  private Propagation(Builder b) {
    this.name = b.name;
    this.templates = List.copyOf(b.templates);
    this.assignment = b.assignment;
    this.overrides = b.overrides;
    this.interpreters = b.interpreters;
    this.conflicts = b.conflicts;
    this.prune = b.prune;
    this.clusterTimeout = b.clusterTimeout;
    this.gates = List.copyOf(b.gates);
  }

  /**
   * Starts a propagation.
   *
   * @param name identifies the propagation on every cluster (label {@link Ownership#PROPAGATION_LABEL}); a label
   *             value of at most 63 characters: lower-case letters, digits, {@code -} and {@code .}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder with this propagation's settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.templates.addAll(templates);
    b.assignment = assignment;
    b.overrides = overrides;
    b.interpreters = interpreters;
    b.conflicts = conflicts;
    b.gates.addAll(gates);
    b.prune = prune;
    b.clusterTimeout = clusterTimeout;
    return b;
  }

  public String name() {
    return name;
  }

  public List<HasMetadata> templates() {
    return templates;
  }

  public Assignment assignment() {
    return assignment;
  }

  public Overrides overrides() {
    return overrides;
  }

  /**
   * The variants for every selected cluster. Pure: no I/O.
   *
   * @param clusters snapshots used to evaluate override target clusters; a selected cluster without a snapshot is
   *                 matched by name only
   * @throws dev.kurator.core.override.OverrideException when an override cannot be applied (names the rule)
   * @throws KuratorException                            when a replica interpreter fails
   */
  public PropagationPlan plan(List<ClusterSnapshot> clusters) {
    Map<String, ClusterSnapshot> byName = new LinkedHashMap<>();
    clusters.forEach(c -> byName.put(c.name(), c));
    List<HasMetadata> ordered = new ArrayList<>(templates);
    ordered.sort(Comparator.comparingInt(t -> "Namespace".equals(t.getKind()) ? 0 : 1));
    boolean divided = assignment.totalReplicas() > 0;
    Map<HasMetadata, ObjectNode> cleanedTemplates = new java.util.IdentityHashMap<>();
    ordered.forEach(t -> cleanedTemplates.put(t, cleaned(t)));
    Map<String, List<Variant>> desired = new LinkedHashMap<>();
    for (TargetCluster target : assignment.targets()) {
      ClusterSnapshot snapshot = byName.getOrDefault(target.name(), ClusterSnapshot.builder(target.name()).build());
      List<Variant> variants = new ArrayList<>();
      for (HasMetadata template : ordered) {
        ObjectNode tree = cleanedTemplates.get(template).deepCopy();
        if (divided) {
          Optional<ReplicaInterpreter> interpreter = interpreters.find(tree);
          if (interpreter.isPresent()) {
            revise(interpreter.get(), tree, target, template);
          }
        }
        OverrideResult r = overrides.apply(tree, template, snapshot);
        variants.add(mark(r.tree(), template, r.appliedPolicies()));
      }
      desired.put(target.name(), variants);
    }
    return new PropagationPlan(name, desired);
  }

  /**
   * Brings every member to its desired state, one task per cluster on an internal pool that is shut down on return.
   *
   * @throws dev.kurator.core.override.OverrideException when an override cannot be applied; nothing was written
   */
  public PropagationResult sync(PropagationTarget target) {
    return withPool(target, pool -> sync(target, pool));
  }

  /**
   * Brings every member to its desired state, one task per cluster on the host's {@code executor}.
   *
   * @throws dev.kurator.core.override.OverrideException when an override cannot be applied; nothing was written
   */
  public PropagationResult sync(PropagationTarget target, Executor executor) {
    Map<String, ClusterReconciler.Outcome> outcomes = run(target, executor, true);
    Map<String, ClusterSync> clusters = new LinkedHashMap<>();
    outcomes.forEach((k, v) -> clusters.put(k, v.sync()));
    return new PropagationResult(name, clusters);
  }

  /** Reports, per member, how the live objects differ from the desired variants, without writing. */
  public PropagationDiff diff(PropagationTarget target) {
    return withPool(target, pool -> diff(target, pool));
  }

  /** Reports drift without writing, one task per cluster on the host's {@code executor}. */
  public PropagationDiff diff(PropagationTarget target, Executor executor) {
    Map<String, ClusterReconciler.Outcome> outcomes = run(target, executor, false);
    Map<String, List<Drift>> drift = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    outcomes.forEach((cluster, o) -> {
      drift.put(cluster, o.drift());
      if (!o.sync().error().isEmpty()) {
        errors.put(cluster, o.sync().error());
      }
      o.sync().changes().stream().filter(c -> c.action() == ObjectChange.Action.FAILED).findFirst()
          .ifPresent(c -> errors.putIfAbsent(cluster, c.ref() + ": " + c.detail()));
    });
    return new PropagationDiff(name, drift, errors);
  }

  private Map<String, ClusterReconciler.Outcome> run(PropagationTarget target, Executor executor, boolean write) {
    List<ClusterSnapshot> members = target.clusters();
    PropagationPlan plan = plan(members);
    if (!gates.isEmpty()) {
      Admission admission = admit(plan, members);
      if (!admission.denials().isEmpty()) {
        return denied(admission.denials(), members);
      }
      plan = admission.plan();
    }
    ClusterReconciler reconciler = new ClusterReconciler(name, kinds(), conflicts, prune);
    Map<String, CompletableFuture<ClusterReconciler.Outcome>> futures = new LinkedHashMap<>();
    Set<String> memberNames = new HashSet<>();
    for (ClusterSnapshot m : members) {
      memberNames.add(m.name());
      List<Variant> variants = plan.variants(m.name());
      if (!m.ready()) {
        futures.put(m.name(), CompletableFuture.completedFuture(new ClusterReconciler.Outcome(new ClusterSync(
            m.name(), ClusterSync.Status.UNAVAILABLE, List.of(), "cluster is not ready"), List.of())));
        continue;
      }
      futures.put(m.name(), CompletableFuture.supplyAsync(
          () -> reconciler.reconcile(m.name(), target, variants, write), executor)
          .orTimeout(clusterTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }
    for (String selected : assignment.clusterNames()) {
      if (!memberNames.contains(selected)) {
        futures.put(selected, CompletableFuture.completedFuture(new ClusterReconciler.Outcome(new ClusterSync(
            selected, ClusterSync.Status.FAILED, List.of(), "not a member of the fleet"), List.of())));
      }
    }
    Map<String, ClusterReconciler.Outcome> out = new LinkedHashMap<>();
    futures.forEach((cluster, f) -> out.put(cluster, join(cluster, f)));
    return out;
  }

  private ClusterReconciler.Outcome join(String cluster, CompletableFuture<ClusterReconciler.Outcome> f) {
    try {
      return f.join();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String why = cause instanceof TimeoutException ? "timed out; the cluster may still finish writes in flight"
          : cause.toString();
      log.warn("Propagation {}: cluster {} failed: {}", name, cluster, why);
      return new ClusterReconciler.Outcome(new ClusterSync(cluster, ClusterSync.Status.FAILED, List.of(), why),
          List.of());
    }
  }

  /** The {@code [apiVersion, kind]} of every template, in template order. */
  private Set<List<String>> kinds() {
    Set<List<String>> kinds = new LinkedHashSet<>();
    templates.forEach(t -> kinds.add(List.of(t.getApiVersion(), t.getKind())));
    return kinds;
  }

  private static <T> T withPool(PropagationTarget target, java.util.function.Function<Executor, T> body) {
    int threads = Math.max(1, Math.min(4, target.clusters().size()));
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kurator-propagation-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      return body.apply(pool);
    } finally {
      pool.shutdown();
    }
  }

  private static ObjectNode cleaned(HasMetadata template) {
    ObjectNode tree = Json.tree(template);
    tree.remove("status");
    ObjectNode metadata = tree.withObjectProperty("metadata");
    SERVER_METADATA.forEach(metadata::remove);
    return tree;
  }

  private void revise(ReplicaInterpreter interpreter, ObjectNode tree, TargetCluster target, HasMetadata template) {
    try {
      interpreter.reviseReplicas(tree, target.replicas());
    } catch (RuntimeException e) {
      throw new KuratorException("replica interpreter " + interpreter.name() + " failed on " + ObjectRef.of(template)
          + " for cluster " + target.name() + ": " + e.getMessage(), e);
    }
  }

  /** The plan as the gates let it through (mutations applied), and the denials per cluster. */
  private record Admission(PropagationPlan plan, Map<String, List<String>> denials) {}

  /**
   * Reviews every variant of every selected cluster through the gates, in order, before anything is read or written.
   * A variant is reviewed as a {@code CREATE} of the desired object: policies judge the state a cluster is brought
   * to. A mutating gate's object replaces the variant (ownership marks kept, hash recomputed); a gate that throws
   * denies the variant.
   */
  private Admission admit(PropagationPlan plan, List<ClusterSnapshot> members) {
    Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    members.forEach(m -> labels.put(m.name(), m.labels()));
    Map<String, List<Variant>> admitted = new LinkedHashMap<>();
    Map<String, List<String>> denials = new LinkedHashMap<>();
    plan.desired().forEach((cluster, variants) -> {
      List<Variant> out = new ArrayList<>();
      for (Variant v : variants) {
        GenericKubernetesResource object = Resources.convert(v.tree(), GenericKubernetesResource.class);
        boolean mutated = false;
        String denial = null;
        for (AdmissionGate gate : gates) {
          AdmissionReview review;
          try {
            review = Objects.requireNonNull(gate.review(new AdmissionRequest(cluster,
                labels.getOrDefault(cluster, Map.of()), AdmissionOperation.CREATE, object, null)), "review");
          } catch (RuntimeException e) {
            log.warn("Propagation {}: admission gate {} failed on cluster {} for {}", name, gate.name(), cluster,
                v.ref(), e);
            denial = v.ref() + ": gate " + gate.name() + " failed: " + e;
            break;
          }
          if (!review.allowed()) {
            denial = v.ref() + ": denied by " + gate.name() + ": " + review.results().stream()
                .filter(r -> r.status() == RuleResult.Status.FAIL || r.status() == RuleResult.Status.ERROR)
                .map(r -> r.policy() + "/" + r.rule() + ": " + r.message()).toList();
            break;
          }
          if (review.mutated() != null) {
            object = review.mutated();
            mutated = true;
          }
        }
        if (denial != null) {
          denials.computeIfAbsent(cluster, k -> new ArrayList<>()).add(denial);
        } else {
          out.add(mutated ? remark((ObjectNode) Resources.tree(object), v) : v);
        }
      }
      admitted.put(cluster, out);
    });
    return new Admission(new PropagationPlan(name, admitted), denials);
  }

  /** Nothing is written anywhere: denied clusters say why, the others that they were held back. */
  private Map<String, ClusterReconciler.Outcome> denied(Map<String, List<String>> denials,
      List<ClusterSnapshot> members) {
    log.warn("Propagation {}: admission denied on {}; nothing was written to any cluster", name, denials.keySet());
    Set<String> clusters = new LinkedHashSet<>();
    members.forEach(m -> clusters.add(m.name()));
    clusters.addAll(assignment.clusterNames());
    Map<String, ClusterReconciler.Outcome> out = new LinkedHashMap<>();
    for (String cluster : clusters) {
      List<String> why = denials.get(cluster);
      ClusterSync sync = why != null
          ? new ClusterSync(cluster, ClusterSync.Status.DENIED, List.of(), String.join("; ", why))
          : new ClusterSync(cluster, ClusterSync.Status.SKIPPED, List.of(),
              "not written: admission denied a variant on " + String.join(", ", denials.keySet()));
      out.put(cluster, new ClusterReconciler.Outcome(sync, List.of()));
    }
    return out;
  }

  /** A gate-mutated variant: the planned ownership marks restored, the hash computed over the new object. */
  private static Variant remark(ObjectNode tree, Variant planned) {
    ObjectNode plannedMeta = (ObjectNode) planned.tree().path("metadata");
    ObjectNode metadata = tree.withObjectProperty("metadata");
    ObjectNode labels = metadata.withObjectProperty("labels");
    for (String key : List.of(Ownership.PROPAGATION_LABEL, Ownership.MANAGED_BY_LABEL)) {
      labels.set(key, plannedMeta.path("labels").path(key));
    }
    ObjectNode annotations = metadata.withObjectProperty("annotations");
    for (String key : List.of(Ownership.TEMPLATE_ANNOTATION, Ownership.KINDS_ANNOTATION,
        Ownership.OVERRIDES_ANNOTATION)) {
      if (plannedMeta.path("annotations").has(key)) {
        annotations.set(key, plannedMeta.path("annotations").path(key));
      }
    }
    annotations.remove(Ownership.HASH_ANNOTATION);
    String hash = Trees.hash(tree);
    annotations.put(Ownership.HASH_ANNOTATION, hash);
    return new Variant(planned.ref(), tree, hash, planned.appliedPolicies());
  }

  private Variant mark(ObjectNode tree, HasMetadata template, List<String> applied) {
    ObjectNode metadata = tree.withObjectProperty("metadata");
    ObjectNode labels = metadata.withObjectProperty("labels");
    labels.put(Ownership.PROPAGATION_LABEL, name);
    labels.put(Ownership.MANAGED_BY_LABEL, Ownership.MANAGER);
    ObjectNode annotations = metadata.withObjectProperty("annotations");
    annotations.put(Ownership.TEMPLATE_ANNOTATION, ObjectRef.of(template).key());
    annotations.put(Ownership.KINDS_ANNOTATION, Ownership.kindsValue(kinds()));
    if (!applied.isEmpty()) {
      annotations.put(Ownership.OVERRIDES_ANNOTATION, String.join(",", applied));
    }
    String hash = Trees.hash(tree);
    annotations.put(Ownership.HASH_ANNOTATION, hash);
    return new Variant(ObjectRef.of(tree), tree, hash, applied);
  }

  @Override
  public String toString() {
    return "Propagation[" + name + ", templates=" + templates.stream().map(ObjectRef::of).toList() + ", assignment="
        + assignment.asMap() + ", policies=" + overrides.policies().size() + "]";
  }

  /** Collects a propagation's settings; {@link #build()} validates them all at once. */
  public static final class Builder {
    private final String name;
    private final List<HasMetadata> templates = new ArrayList<>();
    private Assignment assignment = Assignment.none();
    private Overrides overrides = Overrides.none();
    private ReplicaInterpreters interpreters = ReplicaInterpreters.defaults();
    private ConflictResolution conflicts = ConflictResolution.ABORT;
    private boolean prune = true;
    private Duration clusterTimeout = DEFAULT_CLUSTER_TIMEOUT;
    private final List<AdmissionGate> gates = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    /** Adds templates; their {@code apiVersion}, {@code kind} and {@code metadata.name} are required. */
    public Builder templates(List<? extends HasMetadata> templates) {
      this.templates.addAll(Objects.requireNonNull(templates, "templates"));
      return this;
    }

    /** Adds templates. */
    public Builder template(HasMetadata... templates) {
      return templates(List.of(templates));
    }

    /** Which clusters, and for workloads how many replicas each (default: none, i.e. remove everywhere). */
    public Builder assignment(Assignment assignment) {
      this.assignment = Objects.requireNonNull(assignment, "assignment");
      return this;
    }

    /** Per-cluster overrides (default: none). */
    public Builder overrides(Overrides overrides) {
      this.overrides = Objects.requireNonNull(overrides, "overrides");
      return this;
    }

    /** Replica interpreters (default: the built-ins). */
    public Builder interpreters(ReplicaInterpreters interpreters) {
      this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
      return this;
    }

    /** What to do with same-named objects we did not create (default: {@link ConflictResolution#ABORT}). */
    public Builder conflictResolution(ConflictResolution conflicts) {
      this.conflicts = Objects.requireNonNull(conflicts, "conflicts");
      return this;
    }

    /**
     * Whether our copies that are no longer wanted (cluster deselected, template dropped) are deleted (default true).
     * When false they are only reported, as {@link Drift.Kind#ORPHANED} by {@link Propagation#diff}.
     */
    public Builder prune(boolean prune) {
      this.prune = prune;
      return this;
    }

    /**
     * How long one cluster's pass may take before it is reported FAILED and the result returned without it (default
     * {@link #DEFAULT_CLUSTER_TIMEOUT}); a slow cluster never holds up the others' results.
     */
    public Builder clusterTimeout(Duration clusterTimeout) {
      this.clusterTimeout = clusterTimeout;
      return this;
    }

    /**
     * Admission gates (e.g. kurator-policy's Kyverno gate) every variant passes, in order, before anything is
     * written: a mutation replaces the variant, a denial on any cluster means nothing is written to any cluster
     * (clusters report {@link ClusterSync.Status#DENIED} or {@link ClusterSync.Status#SKIPPED}).
     */
    public Builder gates(List<? extends AdmissionGate> gates) {
      Objects.requireNonNull(gates, "gates").forEach(g -> this.gates.add(Objects.requireNonNull(g, "gate")));
      return this;
    }

    /**
     * The propagation.
     *
     * @throws dev.kurator.core.ValidationException listing every problem by field path, e.g.
     *                                              {@code propagation.templates[1].metadata.name}
     */
    public Propagation build() {
      Problems p = new Problems();
      p.check(name == null || !LABEL_VALUE.matcher(name).matches(), "propagation.name", name,
          "must be a label value: at most 63 lower-case letters, digits, '-' or '.', starting and ending with a"
              + " letter or digit");
      Set<ObjectRef> seen = new HashSet<>();
      for (int i = 0; i < templates.size(); i++) {
        HasMetadata t = templates.get(i);
        String at = "propagation.templates[" + i + "]";
        if (t == null) {
          p.add(at, null, "must not be null");
          continue;
        }
        p.check(blank(t.getApiVersion()), at + ".apiVersion", t.getApiVersion(), "must not be blank");
        p.check(blank(t.getKind()), at + ".kind", t.getKind(), "must not be blank");
        boolean noName = t.getMetadata() == null || blank(t.getMetadata().getName());
        p.check(noName, at + ".metadata.name", noName ? null : t.getMetadata().getName(), "must not be blank");
        if (!noName && t instanceof io.fabric8.kubernetes.api.model.Namespaced) {
          p.check(blank(t.getMetadata().getNamespace()), at + ".metadata.namespace", t.getMetadata().getNamespace(),
              "must be set for a namespaced kind");
        }
        if (!noName) {
          p.check(!seen.add(ObjectRef.of(t)), at, ObjectRef.of(t).toString(), "must not repeat another template");
        }
      }
      p.check(clusterTimeout == null || clusterTimeout.isNegative() || clusterTimeout.isZero(),
          "propagation.clusterTimeout", clusterTimeout, "must be positive");
      p.throwIfAny();
      return new Propagation(this);
    }

    private static boolean blank(String s) {
      return s == null || s.isBlank();
    }
  }
}
