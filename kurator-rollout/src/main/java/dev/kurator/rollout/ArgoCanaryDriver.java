package dev.kurator.rollout;

import dev.kurator.rollout.argo.AnalysisRun;
import dev.kurator.rollout.argo.ArgoCanary;
import dev.kurator.rollout.argo.ArgoCanaryMachine;
import dev.kurator.rollout.argo.ArgoCanaryState;
import dev.kurator.rollout.argo.ArgoTransition;
import dev.kurator.rollout.argo.RolloutPhase;
import dev.kurator.rollout.internal.ActionApplier;
import dev.kurator.rollout.internal.ArgoStateCodec;
import dev.kurator.rollout.internal.HttpWebhooks;
import dev.kurator.rollout.internal.SpecHash;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives the Argo Rollouts step engine ({@link ArgoCanaryMachine}) on one cluster through the same workload and
 * traffic adapters as {@link CanaryDriver}: the target Deployment is the canary, {@code <name>-primary} the stable
 * one. A new target revision starts the steps from index 0; the state (analysis runs included) is kept in a
 * ConfigMap {@code <name>-kurator-argo} after every reconcile and user action, so a restarted host resumes.
 */
public final class ArgoCanaryDriver {

  private final KubernetesClient client;
  private final CanarySpec target;
  private final ArgoCanary strategy;
  private final AnalysisRun.Provider measurements;
  private final Clock clock;
  private final ActionApplier applier;
  private final String configMap;

  private ArgoCanaryDriver(KubernetesClient client, CanarySpec target, ArgoCanary strategy, TrafficRouter router,
                           AnalysisRun.Provider measurements, Clock clock, String cluster) {
    this.client = client;
    this.target = target;
    this.strategy = strategy;
    this.measurements = measurements;
    this.clock = clock;
    this.applier = new ActionApplier(cluster, client, target, router, new HttpWebhooks(HttpClient.newHttpClient()));
    this.configMap = target.name() + "-kurator-argo";
  }

  /**
   * A driver for {@code strategy} on workload {@code target.targetRef()} of the cluster behind {@code client}.
   *
   * @param router how traffic is split (use {@link TrafficRouters#replicas} for a basic canary)
   * @param measurements answers analysis measurements (a metric provider's adapter)
   */
  public static ArgoCanaryDriver of(KubernetesClient client, CanarySpec target, ArgoCanary strategy,
                                    TrafficRouter router, AnalysisRun.Provider measurements, Clock clock,
                                    String cluster) {
    return new ArgoCanaryDriver(Objects.requireNonNull(client, "client"), Objects.requireNonNull(target, "target"),
        Objects.requireNonNull(strategy, "strategy"), Objects.requireNonNull(router, "router"),
        Objects.requireNonNull(measurements, "measurements"), Objects.requireNonNull(clock, "clock"),
        Objects.requireNonNull(cluster, "cluster"));
  }

  /** The persisted state; a fresh start when none was persisted. */
  public ArgoCanaryState state() {
    return load().map(Persisted::state).orElseGet(ArgoCanaryState::start);
  }

  /** The rollout phase; {@code Healthy} when the stable workload already runs the target revision. */
  public RolloutPhase phase() {
    Optional<Persisted> p = load();
    return p.isEmpty() ? RolloutPhase.HEALTHY : p.get().state().phase();
  }

  /** One reconcile: creates the stable workload on first use, restarts on a new revision, then one step. */
  public RolloutPhase reconcile() {
    String revision = revision();
    Optional<Persisted> saved = load();
    if (saved.isEmpty() && applier.workloads().primary() == null) {
      applyAll(List.of(new Action.InitializePrimary(), new Action.ScaleCanaryToZero(),
          new Action.SetRoutes(100, 0, false)));
      save(new Persisted(revision, revision, ArgoCanaryState.start().withCompletedForBootstrap()), Map.of());
      return RolloutPhase.HEALTHY;
    }
    Persisted p = saved.orElse(new Persisted(revision, "", ArgoCanaryState.start().withCompletedForBootstrap()));
    if (!p.revision().equals(revision)) {
      applyAll(List.of(new Action.ScaleCanaryUp()));
      p = new Persisted(revision, p.stable(), ArgoCanaryState.start());
    }
    ArgoTransition<ArgoCanaryState> t = ArgoCanaryMachine.reconcile(strategy, p.state(), measurements,
        clock.instant());
    return commit(p, t);
  }

  /** {@code promote}. */
  public RolloutPhase promote() {
    return act(s -> ArgoCanaryMachine.promote(strategy, s));
  }

  /** {@code promote --full}. */
  public RolloutPhase promoteFull() {
    return act(s -> ArgoCanaryMachine.promoteFull(strategy, s));
  }

  /** {@code abort}. */
  public RolloutPhase abort() {
    return act(s -> ArgoCanaryMachine.abort(strategy, s));
  }

  /** {@code retry}. */
  public RolloutPhase retry() {
    return act(s -> ArgoCanaryMachine.retry(strategy, s));
  }

  private RolloutPhase act(Function<ArgoCanaryState, ArgoTransition<ArgoCanaryState>> action) {
    Optional<Persisted> p = load();
    if (p.isEmpty()) {
      return RolloutPhase.HEALTHY;
    }
    return commit(p.get(), action.apply(p.get().state()));
  }

  private RolloutPhase commit(Persisted p, ArgoTransition<ArgoCanaryState> t) {
    Map<String, String> extras = new HashMap<>();
    applyAll(t.actions(), extras);
    String stable = t.actions().stream().anyMatch(a -> a instanceof Action.PromoteCanary) ? p.revision() : p.stable();
    save(new Persisted(p.revision(), stable, t.state()), extras);
    return t.state().phase();
  }

  private void applyAll(List<Action> actions) {
    applyAll(actions, new HashMap<>());
  }

  private void applyAll(List<Action> actions, Map<String, String> extras) {
    for (Action a : actions) {
      applier.apply(a, CanaryPhase.PROGRESSING, revision(), k -> Optional.ofNullable(data().get("x-" + k)), extras);
    }
  }

  private String revision() {
    Deployment d = applier.workloads().target();
    if (d == null) {
      throw new dev.kurator.core.KuratorException("target Deployment " + target.namespace() + "/"
          + target.targetRef().name() + " not found");
    }
    return SpecHash.of(d.getSpec().getTemplate());
  }

  private Map<String, String> data() {
    ConfigMap cm = client.configMaps().inNamespace(target.namespace()).withName(configMap).get();
    return cm == null || cm.getData() == null ? Map.of() : cm.getData();
  }

  private Optional<Persisted> load() {
    Map<String, String> d = data();
    if (!d.containsKey("state")) {
      return Optional.empty();
    }
    return Optional.of(new Persisted(d.get("revision"), d.getOrDefault("stable", ""),
        ArgoStateCodec.decode(d.get("state"), strategy)));
  }

  private void save(Persisted p, Map<String, String> extras) {
    Map<String, String> d = new HashMap<>(data());
    d.put("revision", p.revision());
    d.put("stable", p.stable());
    d.put("state", ArgoStateCodec.encode(p.state()));
    extras.forEach((k, v) -> d.put("x-" + k, v));
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(configMap).withNamespace(target.namespace())
        .endMetadata().withData(d).build();
    client.configMaps().inNamespace(target.namespace()).resource(cm).createOr(op -> op.update());
  }

  private record Persisted(String revision, String stable, ArgoCanaryState state) {}
}
