package dev.kurator.core.internal;

import dev.kurator.core.ApplyOperation;
import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.DeleteOperation;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Outcome;
import dev.kurator.core.ResourceRef;
import dev.kurator.core.Selector;
import dev.kurator.core.spi.AdmissionGate;
import dev.kurator.core.spi.AdmissionOperation;
import dev.kurator.core.spi.AdmissionRequest;
import dev.kurator.core.spi.AdmissionReview;
import dev.kurator.core.spi.RuleResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fan-out writes, apply and delete: per cluster, each resource in order. With gates, every (cluster, resource)
 * variant is reviewed first and nothing is written anywhere if any is denied.
 */
public final class WriteOp<T extends HasMetadata> implements ApplyOperation<T>, DeleteOperation<T> {

  private static final Logger log = LoggerFactory.getLogger(WriteOp.class);

  private final Fleet fleet;
  private final FleetRuntime rt;
  private final List<T> resources;
  private final boolean delete;
  private final List<AdmissionGate> gates;

  /** An apply of {@code resources}, which must already be validated. */
  public static <T extends HasMetadata> WriteOp<T> apply(Fleet fleet, FleetRuntime rt, List<T> resources) {
    return new WriteOp<>(fleet, rt, resources, false, List.of());
  }

  /** A delete of {@code resources}, which must already be validated. */
  public static <T extends HasMetadata> WriteOp<T> delete(Fleet fleet, FleetRuntime rt, List<T> resources) {
    return new WriteOp<>(fleet, rt, resources, true, List.of());
  }

  private WriteOp(Fleet fleet, FleetRuntime rt, List<T> resources, boolean delete, List<AdmissionGate> gates) {
    this.fleet = fleet;
    this.rt = rt;
    this.resources = List.copyOf(resources);
    this.delete = delete;
    this.gates = List.copyOf(gates);
  }

  @Override
  public WriteOp<T> through(AdmissionGate gate) {
    Objects.requireNonNull(gate, "gate");
    List<AdmissionGate> more = new ArrayList<>(gates);
    more.add(gate);
    return new WriteOp<>(fleet, rt, resources, delete, more);
  }

  @Override
  public FleetResult<T> onClusters(Selector selector) {
    List<MemberCluster> targets = Objects.requireNonNull(selector, "selector").select(fleet);
    ResourceRef fallback = ResourceRef.of(resources.get(0));
    if (gates.isEmpty()) {
      return FanOut.run(fleet, rt, targets, fallback, m -> {
        List<ClusterOutcome<T>> rows = new ArrayList<>();
        for (T r : resources) {
          rows.add(FanOut.timed(m.name(), ref(m, r), () -> write(m, r)));
        }
        return rows;
      });
    }
    FleetResult<Variant<T>> reviewed = FanOut.run(fleet, rt, targets, fallback, this::review);
    List<ClusterOutcome<Variant<T>>> variants = reviewed.rows();
    TreeSet<String> deniedOn = new TreeSet<>();
    int denied = 0;
    for (ClusterOutcome<Variant<T>> row : variants) {
      if (row.outcome() instanceof Outcome.Found<Variant<T>> f && f.object().verdict() instanceof Outcome.Denied<T>) {
        deniedOn.add(row.cluster());
        denied++;
      }
    }
    if (denied > 0) {
      log.warn("fleet {}: admission denied {} variant(s) on {}; nothing {}", fleet.name(), denied, deniedOn,
          delete ? "deleted" : "written");
      String reason = (delete ? "not deleted" : "not written") + ": admission denied " + denied + " variant(s) on "
          + deniedOn;
      List<ClusterOutcome<T>> rows = new ArrayList<>();
      for (ClusterOutcome<Variant<T>> row : variants) {
        Outcome<T> outcome = verdictOf(row);
        rows.add(new ClusterOutcome<>(row.cluster(), row.resource(),
            outcome == null ? new Outcome.Skipped<>(reason) : outcome, row.elapsed()));
      }
      return new FleetResult<>(fleet.name(), reviewed.clusters(), rows);
    }
    return FanOut.run(fleet, rt, targets, fallback, m -> {
      List<ClusterOutcome<T>> rows = new ArrayList<>();
      for (ClusterOutcome<Variant<T>> row : reviewed.rows(m.name())) {
        Outcome<T> verdict = verdictOf(row);
        if (verdict != null) {
          rows.add(new ClusterOutcome<>(row.cluster(), row.resource(), verdict, row.elapsed()));
        } else {
          T desired = row.outcome().value().orElseThrow().desired();
          ClusterOutcome<T> applied = FanOut.timed(m.name(), row.resource(), () -> write(m, desired));
          rows.add(new ClusterOutcome<>(applied.cluster(), applied.resource(), applied.outcome(),
              applied.elapsed().plus(row.elapsed())));
        }
      }
      return rows;
    });
  }

  private Outcome<T> write(MemberCluster m, T desired) {
    if (delete) {
      return MemberCalls.call(rt, m.name(), "delete " + ResourceRef.of(desired),
          () -> Applier.<T>deleteOnce(m.client(), desired), o -> o);
    }
    return MemberCalls.call(rt, m.name(), "apply " + ResourceRef.of(desired),
        () -> Applier.applyOnce(m.client(), desired), o -> o);
  }

  private ResourceRef ref(MemberCluster m, HasMetadata r) {
    return Resources.ref(r, m.client().getNamespace());
  }

  /** The verdict of a reviewed variant: null when it may be written, else its failure or denial. */
  private static <T> Outcome<T> verdictOf(ClusterOutcome<Variant<T>> row) {
    Outcome<Variant<T>> o = row.outcome();
    if (o instanceof Outcome.Found<Variant<T>> f) {
      return f.object().verdict();
    }
    if (o instanceof Outcome.Failed<Variant<T>> f) {
      return new Outcome.Failed<>(f.cause(), f.attempts());
    }
    if (o instanceof Outcome.Unavailable<Variant<T>> u) {
      return new Outcome.Unavailable<>(u.reason());
    }
    return new Outcome.Failed<>(new IllegalStateException("unexpected review outcome " + o), 0);
  }

  /** One (cluster, resource) after review: what to write, or why not ({@code verdict} non-null). */
  record Variant<T>(T desired, Outcome<T> verdict) {}

  private List<ClusterOutcome<Variant<T>>> review(MemberCluster m) {
    List<ClusterOutcome<Variant<T>>> rows = new ArrayList<>();
    for (T r : resources) {
      rows.add(FanOut.timed(m.name(), ref(m, r), () -> MemberCalls.call(rt, m.name(), "read " + ResourceRef.of(r),
          () -> java.util.Optional.ofNullable(Applier.read(m.client(), r)),
          live -> new Outcome.Found<>(admit(m, r, live.orElse(null))))));
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  private Variant<T> admit(MemberCluster m, T resource, T live) {
    if (delete && live == null) {
      return new Variant<>(null, new Outcome.NotFound<>());
    }
    GenericKubernetesResource old = live == null ? null : Resources.generic(live);
    GenericKubernetesResource object = delete ? Resources.generic(live) : Resources.convert(
        JsonTrees.desiredFields(Resources.tree(resource)), GenericKubernetesResource.class);
    if (object.getMetadata().getNamespace() == null && live != null) {
      object.getMetadata().setNamespace(live.getMetadata().getNamespace());
    }
    AdmissionOperation op = delete ? AdmissionOperation.DELETE
        : live == null ? AdmissionOperation.CREATE : AdmissionOperation.UPDATE;
    for (AdmissionGate gate : gates) {
      AdmissionReview review;
      try {
        review = gate.review(new AdmissionRequest(m.name(), m.labels(), op, object, old));
        Objects.requireNonNull(review, "review");
      } catch (RuntimeException e) {
        log.warn("fleet {}: admission gate {} failed on cluster {} for {}", fleet.name(), gate.name(), m.name(),
            ResourceRef.of(resource), e);
        return new Variant<>(null, new Outcome.Denied<>(gate.name(), List.of(new RuleResult(gate.name(), "review",
            RuleResult.Status.ERROR, "gate failed: " + e))));
      }
      if (!review.allowed()) {
        return new Variant<>(null, new Outcome.Denied<>(gate.name(), review.results()));
      }
      if (review.mutated() != null) {
        object = Resources.convert(Resources.tree(review.mutated()), GenericKubernetesResource.class);
      }
    }
    T desired = delete ? resource : (T) Resources.convert(Resources.tree(object), resource.getClass());
    return new Variant<>(desired, null);
  }

  /** For logs. */
  @Override
  public String toString() {
    return (delete ? "delete " : "apply ") + resources.stream().map(ResourceRef::of).toList() + " through "
        + gates.stream().map(AdmissionGate::name).toList() + " on fleet " + fleet.name() + " (timeout "
        + rt.resilience().timeout().toMillis() + " ms)";
  }
}
