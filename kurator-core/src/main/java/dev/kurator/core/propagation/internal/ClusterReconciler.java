package dev.kurator.core.propagation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.MemberUnavailableException;
import dev.kurator.core.propagation.ClusterSync;
import dev.kurator.core.propagation.ConflictResolution;
import dev.kurator.core.propagation.Drift;
import dev.kurator.core.propagation.ObjectChange;
import dev.kurator.core.propagation.ObjectChange.Action;
import dev.kurator.core.propagation.ObjectRef;
import dev.kurator.core.propagation.Ownership;
import dev.kurator.core.propagation.PropagationPlan.Variant;
import dev.kurator.core.propagation.PropagationTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one cluster to its desired variants (or, when not writing, only reports how it differs): creates what is
 * missing, rewrites what differs, deletes our copies that are no longer wanted and never touches objects we do not own
 * (unless told to overwrite conflicts).
 */
public final class ClusterReconciler {

  private static final Logger log = LoggerFactory.getLogger(ClusterReconciler.class);

  private final String propagation;
  private final Set<List<String>> kinds;
  private final ConflictResolution conflicts;
  private final boolean prune;

  /**
   * @param propagation owning propagation's name (the value of {@link Ownership#PROPAGATION_LABEL})
   * @param kinds       every {@code [apiVersion, kind]} the propagation manages, to look for copies to collect
   * @param conflicts   what to do with same-named objects we did not create
   * @param prune       whether copies no longer wanted are deleted (else only reported)
   */
  public ClusterReconciler(String propagation, Set<List<String>> kinds, ConflictResolution conflicts,
      boolean prune) {
    this.prune = prune;
    this.propagation = propagation;
    this.kinds = Set.copyOf(kinds);
    this.conflicts = conflicts;
  }

  /** Outcome of one pass on one cluster. */
  public record Outcome(ClusterSync sync, List<Drift> drift) {}

  /**
   * Reconciles (when {@code write}) or inspects one cluster. Every read and write goes through
   * {@link PropagationTarget#call}, so on a fleet it is retried, time-limited and stopped by the member's circuit
   * breaker. Never throws for cluster-side failures.
   */
  public Outcome reconcile(String cluster, PropagationTarget target, List<Variant> variants, boolean write) {
    KubeObjects kube = new KubeObjects(target.client(cluster));
    Map<ObjectRef, ObjectNode> owned = new LinkedHashMap<>();
    try {
      for (List<String> k : kinds) {
        // a kind this cluster does not serve holds no copies of ours; a variant of it still fails on write below
        listOwnedIfServed(cluster, target, kube, k).forEach(o -> owned.put(ObjectRef.of(o), o));
      }
      // kinds our copies say we propagated before, whose last template has been dropped since
      Set<List<String>> listed = new java.util.HashSet<>(kinds);
      java.util.Deque<ObjectNode> toRead = new java.util.ArrayDeque<>(owned.values());
      while (!toRead.isEmpty()) {
        String named = toRead.pop().path("metadata").path("annotations").path(Ownership.KINDS_ANNOTATION).asText(null);
        for (List<String> former : Ownership.parseKinds(named)) {
          if (listed.add(former)) {
            for (ObjectNode o : listOwnedIfServed(cluster, target, kube, former)) {
              owned.put(ObjectRef.of(o), o);
              toRead.add(o);
            }
          }
        }
      }
    } catch (MemberUnavailableException e) {
      return new Outcome(new ClusterSync(cluster, ClusterSync.Status.UNAVAILABLE, List.of(), e.reason()), List.of());
    } catch (RuntimeException e) {
      log.warn("Propagation {}: cannot list owned objects on cluster {}: {}", propagation, cluster, e.toString());
      return new Outcome(new ClusterSync(cluster, ClusterSync.Status.FAILED, List.of(),
          "cannot read cluster: " + e.getMessage()), List.of());
    }
    List<ObjectChange> changes = new ArrayList<>();
    List<Drift> drift = new ArrayList<>();
    Set<String> namespaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    variants.stream().filter(v -> v.ref().kind().equals("Namespace") && v.ref().apiVersion().equals("v1"))
        .forEach(v -> namespaces.add(v.ref().name()));
    for (Variant v : variants) {
      try {
        // each attempt starts afresh: a retried 409 reads the object again and writes on its new resourceVersion
        Attempt a = target.call(cluster, (write ? "sync " : "inspect ") + v.ref(), () -> {
          List<Drift> found = new ArrayList<>();
          return new Attempt(one(cluster, kube, v, write, found, namespaces), found);
        });
        drift.addAll(a.drift());
        changes.add(a.change());
      } catch (RuntimeException e) {
        log.warn("Propagation {}: {} on cluster {} failed: {}", propagation, v.ref(), cluster, e.toString());
        changes.add(new ObjectChange(v.ref(), Action.FAILED, e.getMessage()));
      }
      owned.remove(v.ref());
    }
    for (ObjectRef orphan : owned.keySet()) {
      drift.add(new Drift(cluster, orphan, Drift.Kind.ORPHANED, List.of()));
      if (!write || !prune) {
        continue;
      }
      try {
        target.call(cluster, "delete " + orphan, () -> {
          kube.delete(orphan);
          return orphan;
        });
        log.info("Propagation {}: deleted {} from cluster {} (no longer selected)", propagation, orphan, cluster);
        changes.add(new ObjectChange(orphan, Action.DELETED, ""));
      } catch (RuntimeException e) {
        log.warn("Propagation {}: deleting {} on cluster {} failed: {}", propagation, orphan, cluster, e.toString());
        changes.add(new ObjectChange(orphan, Action.FAILED, e.getMessage()));
      }
    }
    boolean failed = changes.stream().anyMatch(c -> c.action() == Action.FAILED || c.action() == Action.CONFLICT);
    return new Outcome(new ClusterSync(cluster, failed ? ClusterSync.Status.FAILED : ClusterSync.Status.OK, changes,
        ""), drift);
  }

  private List<ObjectNode> listOwned(String cluster, PropagationTarget target, KubeObjects kube, List<String> kind) {
    return target.call(cluster, "list " + kind.get(0) + "/" + kind.get(1) + " owned by " + propagation,
        () -> kube.list(kind.get(0), kind.get(1), Ownership.PROPAGATION_LABEL, propagation));
  }

  /** Our copies of a kind on a cluster; none when the cluster does not serve that kind. */
  private List<ObjectNode> listOwnedIfServed(String cluster, PropagationTarget target, KubeObjects kube,
      List<String> kind) {
    try {
      return listOwned(cluster, target, kube, kind);
    } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
      if (!notServed(e)) {
        throw e;
      }
      log.debug("Propagation {}: cluster {} does not serve {}/{}; no copies of it to collect", propagation, cluster,
          kind.get(0), kind.get(1));
      return List.of();
    }
  }

  /**
   * Whether the failure says the cluster has no such API: a 404 on the list, or fabric8's client-side discovery
   * finding no resource for the apiVersion and kind (which it reports without an HTTP code).
   */
  private static boolean notServed(io.fabric8.kubernetes.client.KubernetesClientException e) {
    return e.getCode() == 404
        || (e.getCode() <= 0 && String.valueOf(e.getMessage()).contains("Could not find the metadata"));
  }

  /** What one attempt at one object did, and the drift it saw. */
  private record Attempt(ObjectChange change, List<Drift> drift) {}

  private ObjectChange one(String cluster, KubeObjects kube, Variant v, boolean write, List<Drift> drift,
      Set<String> namespaces) {
    Optional<ObjectNode> found = kube.get(v.ref());
    if (found.isEmpty()) {
      drift.add(new Drift(cluster, v.ref(), Drift.Kind.MISSING, List.of()));
      if (write) {
        String ns = v.ref().namespace();
        if (!ns.isEmpty() && !namespaces.contains(ns)) {
          if (kube.ensureNamespace(ns)) {
            log.info("Propagation {}: created namespace {} on cluster {} for {}", propagation, ns, cluster, v.ref());
          }
          namespaces.add(ns);
        }
        kube.create(v.tree());
        log.info("Propagation {}: created {} on cluster {}", propagation, v.ref(), cluster);
      }
      return new ObjectChange(v.ref(), Action.CREATED, "");
    }
    ObjectNode live = found.get();
    String resourceVersion = live.path("metadata").path("resourceVersion").asText();
    String owner = live.path("metadata").path("labels").path(Ownership.PROPAGATION_LABEL).asText(null);
    if (!propagation.equals(owner)) {
      drift.add(new Drift(cluster, v.ref(), Drift.Kind.CONFLICT, List.of()));
      String why = owner == null ? "exists and was not created by a propagation"
          : "is owned by propagation " + owner;
      if (conflicts == ConflictResolution.ABORT || !write) {
        return new ObjectChange(v.ref(), Action.CONFLICT, why);
      }
      kube.update(v.tree(), resourceVersion);
      log.info("Propagation {}: took over {} on cluster {} ({})", propagation, v.ref(), cluster, why);
      return new ObjectChange(v.ref(), Action.UPDATED, "taken over: " + why);
    }
    boolean sameHash = v.hash().equals(
        live.path("metadata").path("annotations").path(Ownership.HASH_ANNOTATION).asText(""));
    List<String> differing = Trees.mismatches(v.tree(), live);
    if (sameHash && differing.isEmpty()) {
      return new ObjectChange(v.ref(), Action.UNCHANGED, "");
    }
    drift.add(new Drift(cluster, v.ref(), sameHash ? Drift.Kind.MODIFIED : Drift.Kind.OUTDATED, differing));
    if (write) {
      kube.update(v.tree(), resourceVersion);
      log.info("Propagation {}: updated {} on cluster {} (differed at {})", propagation, v.ref(), cluster, differing);
    }
    return new ObjectChange(v.ref(), Action.UPDATED, "");
  }
}
