package dev.kurator.core.internal;

import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetOperation;
import dev.kurator.core.FleetResult;
import dev.kurator.core.ListOperation;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Outcome;
import dev.kurator.core.ResourceRef;
import dev.kurator.core.Selector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The fan-out get, list and delete operations. */
public final class Ops {

  private Ops() {}

  /** A fan-out that runs {@code perCluster} on each target. */
  private record Simple<R>(Fleet fleet, FleetRuntime rt, ResourceRef fallback,
      Function<MemberCluster, List<ClusterOutcome<R>>> perCluster) implements FleetOperation<R> {
    @Override
    public FleetResult<R> onClusters(Selector selector) {
      List<MemberCluster> targets = Objects.requireNonNull(selector, "selector").select(fleet);
      return FanOut.run(fleet, rt, targets, fallback, perCluster);
    }
  }

  /** Gets each of {@code resources} (by kind, namespace and name) from every target. */
  public static <T extends HasMetadata> FleetOperation<T> get(Fleet fleet, FleetRuntime rt, List<T> resources) {
    return perResource(fleet, rt, resources, (m, r) -> MemberCalls.call(rt, m.name(),
        "get " + ResourceRef.of(r), () -> java.util.Optional.ofNullable(Applier.read(m.client(), r)),
        live -> live.<Outcome<T>>map(Outcome.Found::new).orElseGet(Outcome.NotFound::new)));
  }

  /** Runs {@code call} for each resource in order on each target, one row per (cluster, resource). */
  private static <T extends HasMetadata> FleetOperation<T> perResource(Fleet fleet, FleetRuntime rt,
      List<T> resources, java.util.function.BiFunction<MemberCluster, T, Outcome<T>> call) {
    return new Simple<>(fleet, rt, ResourceRef.of(resources.get(0)), m -> {
      List<ClusterOutcome<T>> rows = new ArrayList<>();
      for (T r : resources) {
        rows.add(FanOut.timed(m.name(), Resources.ref(r, m.client().getNamespace()), () -> call.apply(m, r)));
      }
      return rows;
    });
  }

  /** Gets the object of {@code type} named {@code name} in {@code namespace} (null: the client's default). */
  public static <T extends HasMetadata> FleetOperation<T> get(Fleet fleet, FleetRuntime rt, Class<T> type,
      String namespace, String name) {
    ResourceRef ref = new ResourceRef(HasMetadata.getApiVersion(type), HasMetadata.getKind(type), namespace, name);
    return new Simple<>(fleet, rt, ref, m -> List.of(FanOut.timed(m.name(), ref,
        () -> MemberCalls.call(rt, m.name(), "get " + ref, () -> {
          MixedOperation<T, KubernetesResourceList<T>, Resource<T>> op = m.client().resources(type);
          return java.util.Optional.ofNullable(
              (namespace == null ? op.withName(name) : op.inNamespace(namespace).withName(name)).get());
        }, live -> live.<Outcome<T>>map(Outcome.Found::new).orElseGet(Outcome.NotFound::new)))));
  }

  /** A list of {@code type}, narrowed by namespace and labels before it runs. */
  public static final class ListOp<T extends HasMetadata> implements ListOperation<T> {
    private final Fleet fleet;
    private final FleetRuntime rt;
    private final Class<T> type;
    private final String namespace;
    private final boolean anyNamespace;
    private final Map<String, String> labels;

    public ListOp(Fleet fleet, FleetRuntime rt, Class<T> type) {
      this(fleet, rt, type, null, false, Map.of());
    }

    private ListOp(Fleet fleet, FleetRuntime rt, Class<T> type, String namespace, boolean anyNamespace,
        Map<String, String> labels) {
      this.fleet = fleet;
      this.rt = rt;
      this.type = Objects.requireNonNull(type, "type");
      this.namespace = namespace;
      this.anyNamespace = anyNamespace;
      this.labels = Map.copyOf(labels);
    }

    @Override
    public ListOperation<T> inNamespace(String namespace) {
      return new ListOp<>(fleet, rt, type, Objects.requireNonNull(namespace, "namespace"), false, labels);
    }

    @Override
    public ListOperation<T> inAnyNamespace() {
      return new ListOp<>(fleet, rt, type, null, true, labels);
    }

    @Override
    public ListOperation<T> withLabels(Map<String, String> labels) {
      Map<String, String> more = new LinkedHashMap<>(this.labels);
      more.putAll(labels);
      return new ListOp<>(fleet, rt, type, namespace, anyNamespace, more);
    }

    @Override
    public FleetResult<List<T>> onClusters(Selector selector) {
      ResourceRef ref = new ResourceRef(HasMetadata.getApiVersion(type), HasMetadata.getKind(type),
          anyNamespace ? "*" : namespace, "");
      return new Simple<List<T>>(fleet, rt, ref, m -> List.of(FanOut.timed(m.name(), ref,
          () -> MemberCalls.call(rt, m.name(), "list " + ref, () -> {
            MixedOperation<T, KubernetesResourceList<T>, Resource<T>> op = m.client().resources(type);
            FilterWatchListDeletable<T, KubernetesResourceList<T>, Resource<T>> scoped =
                anyNamespace ? op.inAnyNamespace() : namespace == null ? op : op.inNamespace(namespace);
            return List.copyOf(labels.isEmpty() ? scoped.list().getItems() : scoped.withLabels(labels).list()
                .getItems());
          }, items -> new Outcome.Found<>(items))))).onClusters(selector);
    }
  }
}
