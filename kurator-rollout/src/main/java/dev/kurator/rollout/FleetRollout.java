package dev.kurator.rollout;

import dev.kurator.core.KuratorException;
import dev.kurator.core.Problems;
import dev.kurator.rollout.ClusterRolloutStatus.Outcome;
import dev.kurator.rollout.internal.HttpWebhooks;
import dev.kurator.rollout.internal.WavePlan;
import dev.kurator.rollout.spi.MetricProvider;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One canary rolled across a fleet in ordered waves: each member cluster runs Flagger's machine
 * ({@link CanaryDriver}); a wave starts only when every cluster of the previous waves finished (and the optional
 * {@link FleetGate} and confirm webhook agree); a failed cluster aborts the whole fleet
 * ({@link FleetFailurePolicy#ABORT_ALL}, promoted clusters included) or only itself
 * ({@link FleetFailurePolicy#ISOLATE_FAILED}).
 *
 * <p>All state lives in the member clusters (one ConfigMap per canary and cluster), so a host that restarts and
 * builds the same rollout resumes where it was. Call {@link #tick()} once per analysis interval from one loop.
 */
public final class FleetRollout {

  private static final Logger log = LoggerFactory.getLogger(FleetRollout.class);

  private final CanarySpec spec;
  private final List<List<String>> waves;
  private final Map<String, CanaryDriver> drivers;
  private final FleetFailurePolicy policy;
  private final Optional<FleetGate> gate;
  private final Optional<Webhook> confirm;
  private final HttpWebhooks webhooks;
  private final Map<String, String> errors = new LinkedHashMap<>();
  private Optional<String> gateMessage = Optional.empty();

  private FleetRollout(Builder b, List<List<String>> waves, Map<String, CanaryDriver> drivers, HttpClient http) {
    this.spec = b.spec;
    this.waves = waves;
    this.drivers = drivers;
    this.policy = b.policy;
    this.gate = Optional.ofNullable(b.gate);
    this.confirm = Optional.ofNullable(b.confirm);
    this.webhooks = new HttpWebhooks(http);
  }

  /** Starts describing a fleet rollout of {@code canary}. */
  public static Builder of(CanarySpec canary) {
    return new Builder(canary);
  }

  /** The clusters of each wave, in order. */
  public List<List<String>> waves() {
    return waves;
  }

  /**
   * Advances the rollout one interval: ticks every unfinished cluster of the started waves (one failing cluster does
   * not stop the others), applies the failure policy, and opens the next wave when its gate allows.
   */
  public FleetStatus tick() {
    Map<String, CanaryState> states = read();
    if (policy == FleetFailurePolicy.ABORT_ALL && anyFailed(states)) {
      return abortAll(states);
    }
    int current = currentWave(states);
    initializeLaterWaves(current, states);
    if (current == waves.size()) {
      return status(states);
    }
    if (current > 0 && !started(current, states)) {
      Optional<String> closed = checkGate(current, states);
      gateMessage = closed;
      if (closed.isPresent()) {
        log.info("fleet rollout of {}: wave {} waits: {}", spec.name(), current + 1, closed.get());
        return status(states);
      }
    }
    gateMessage = Optional.empty();
    for (int w = 0; w <= current; w++) {
      for (String cluster : waves.get(w)) {
        if (settled(cluster, states.get(cluster))) {
          continue;
        }
        tickCluster(cluster);
      }
    }
    states = read();
    if (policy == FleetFailurePolicy.ABORT_ALL && anyFailed(states)) {
      return abortAll(states);
    }
    return status(states);
  }

  /** The status as persisted in the clusters (no tick). */
  public FleetStatus status() {
    return status(read());
  }

  private Map<String, CanaryState> read() {
    hashes.clear();
    Map<String, CanaryState> states = new LinkedHashMap<>();
    for (List<String> wave : waves) {
      for (String cluster : wave) {
        try {
          states.put(cluster, drivers.get(cluster).state());
        } catch (KuratorException | io.fabric8.kubernetes.client.KubernetesClientException e) {
          errors.put(cluster, e.getMessage());
        }
      }
    }
    return states;
  }

  /**
   * Creates the primaries of clusters whose wave has not come yet, so that they keep serving the revision they run
   * now; their analysis waits for their wave.
   */
  private void initializeLaterWaves(int current, Map<String, CanaryState> states) {
    for (int w = current + 1; w < waves.size(); w++) {
      for (String cluster : waves.get(w)) {
        CanaryState s = states.get(cluster);
        if (s == null || s.phase() != CanaryPhase.INITIALIZING) {
          continue;
        }
        tickCluster(cluster);
      }
    }
  }

  /** Ticks one cluster; a failure there is recorded in its status and does not stop the others. */
  private void tickCluster(String cluster) {
    try {
      drivers.get(cluster).tick();
      errors.remove(cluster);
    } catch (KuratorException | io.fabric8.kubernetes.client.KubernetesClientException e) {
      errors.put(cluster, e.getMessage());
      log.warn("fleet rollout of {}: cluster {} failed to tick: {}", spec.name(), cluster, e.toString());
    }
  }

  private FleetStatus abortAll(Map<String, CanaryState> states) {
    int current = currentWave(states);
    for (int w = 0; w < waves.size(); w++) {
      for (String cluster : waves.get(w)) {
        CanaryState s = states.get(cluster);
        if (s == null || !begun(cluster, s) || s.phase() == CanaryPhase.FAILED) {
          continue;
        }
        try {
          drivers.get(cluster).abort();
          log.warn("fleet rollout of {}: cluster {} rolled back (abort-all)", spec.name(), cluster);
        } catch (KuratorException | io.fabric8.kubernetes.client.KubernetesClientException e) {
          errors.put(cluster, e.getMessage());
          log.warn("fleet rollout of {}: cluster {} could not be rolled back: {}", spec.name(), cluster,
              e.toString());
        }
      }
    }
    log.debug("fleet rollout of {} aborted during wave {}", spec.name(), current + 1);
    return status(read());
  }

  private FleetStatus status(Map<String, CanaryState> states) {
    int current = currentWave(states);
    boolean aborted = policy == FleetFailurePolicy.ABORT_ALL && anyFailed(states);
    List<ClusterRolloutStatus> out = new ArrayList<>();
    int succeeded = 0;
    int failed = 0;
    for (int w = 0; w < waves.size(); w++) {
      for (String cluster : waves.get(w)) {
        CanaryState s = states.get(cluster);
        Optional<String> error = Optional.ofNullable(errors.get(cluster));
        if (s == null) {
          out.add(new ClusterRolloutStatus(cluster, w + 1, Outcome.PROGRESSING, CanaryPhase.INITIALIZING, 0, 0,
              error));
          continue;
        }
        Outcome o;
        if (done(cluster, s)) {
          o = Outcome.SUCCEEDED;
          succeeded++;
        } else if (s.phase() == CanaryPhase.FAILED && begun(cluster, s)) {
          o = ownFailure(cluster, s) ? Outcome.FAILED : Outcome.ABORTED;
          failed++;
        } else if (!begun(cluster, s)) {
          o = aborted ? Outcome.SKIPPED : Outcome.PENDING;
        } else {
          o = Outcome.PROGRESSING;
        }
        out.add(new ClusterRolloutStatus(cluster, w + 1, o, s.phase(), s.canaryRoute(), s.failedChecks(), error));
      }
    }
    FleetStatus.Phase phase;
    if (aborted) {
      phase = FleetStatus.Phase.FAILED;
    } else if (current == waves.size()) {
      phase = succeeded > 0 || failed == 0 ? FleetStatus.Phase.SUCCEEDED : FleetStatus.Phase.FAILED;
    } else if (gateMessage.isPresent()) {
      phase = FleetStatus.Phase.WAITING_GATE;
    } else {
      phase = FleetStatus.Phase.PROGRESSING;
    }
    return new FleetStatus(phase, Math.min(current + 1, waves.size()), waves.size(), gateMessage, out);
  }

  private Optional<String> checkGate(int next, Map<String, CanaryState> states) {
    List<ClusterRolloutStatus> rolled = status(states).clusters().stream().filter(c -> c.wave() <= next).toList();
    if (gate.isPresent()) {
      Optional<String> closed;
      try {
        closed = gate.get().check(next + 1, rolled);
      } catch (RuntimeException e) {
        closed = Optional.of("gate check failed: " + e);
      }
      if (closed.isPresent()) {
        return closed;
      }
    }
    if (confirm.isPresent()) {
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("name", spec.name());
      payload.put("namespace", spec.namespace());
      payload.put("phase", "WaitingWave");
      payload.put("wave", next + 1);
      payload.put("clusters", waves.get(next));
      payload.put("metadata", confirm.get().metadata());
      if (!webhooks.post(confirm.get(), payload, "fleet rollout " + spec.name())) {
        return Optional.of("confirm webhook " + confirm.get().name() + " refused wave " + (next + 1));
      }
    }
    return Optional.empty();
  }

  private int currentWave(Map<String, CanaryState> states) {
    for (int w = 0; w < waves.size(); w++) {
      for (String cluster : waves.get(w)) {
        if (!settled(cluster, states.get(cluster))) {
          return w;
        }
      }
    }
    return waves.size();
  }

  private boolean started(int wave, Map<String, CanaryState> states) {
    for (String cluster : waves.get(wave)) {
      CanaryState s = states.get(cluster);
      if (s != null && begun(cluster, s)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyFailed(Map<String, CanaryState> states) {
    for (Map.Entry<String, CanaryState> e : states.entrySet()) {
      if (e.getValue().phase() == CanaryPhase.FAILED && begun(e.getKey(), e.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** Finished for the fleet: promoted the target revision, or (isolate-failed) failed on it. */
  private boolean settled(String cluster, CanaryState s) {
    if (s == null) {
      return false;
    }
    if (done(cluster, s)) {
      return true;
    }
    return policy == FleetFailurePolicy.ISOLATE_FAILED && s.phase() == CanaryPhase.FAILED && begun(cluster, s);
  }

  /** The cluster runs the target revision on its primary. */
  private boolean done(String cluster, CanaryState s) {
    return (s.phase() == CanaryPhase.SUCCEEDED || s.phase() == CanaryPhase.INITIALIZED)
        && s.lastPromotedSpec().equals(hash(cluster));
  }

  /** The cluster has moved on the target revision (its analysis began, or it already ran it). */
  private boolean begun(String cluster, CanaryState s) {
    if (s.phase().isActive()) {
      return true;
    }
    return s.lastAppliedSpec().equals(hash(cluster)) && s.phase() != CanaryPhase.INITIALIZING;
  }

  private boolean ownFailure(String cluster, CanaryState s) {
    return !s.lastPromotedSpec().equals(hash(cluster));
  }

  private final Map<String, String> hashes = new LinkedHashMap<>();

  private String hash(String cluster) {
    return hashes.computeIfAbsent(cluster, c -> {
      try {
        return drivers.get(c).targetHash();
      } catch (KuratorException | io.fabric8.kubernetes.client.KubernetesClientException e) {
        errors.put(c, e.getMessage());
        return "";
      }
    });
  }

  /** Describes a fleet rollout; {@link #start} builds one driver per member cluster. */
  public static final class Builder {
    private final CanarySpec spec;
    private List<Wave> waves = List.of(Wave.rest());
    private FleetFailurePolicy policy = FleetFailurePolicy.ABORT_ALL;
    private MetricProvider metrics;
    private Function<String, TrafficRouter> routers;
    private Clock clock = Clock.systemUTC();
    private FleetGate gate;
    private Webhook confirm;
    private HttpClient http;

    private Builder(CanarySpec spec) {
      this.spec = Objects.requireNonNull(spec, "canary");
    }

    /** The waves, in order; default one wave of the whole fleet. */
    public Builder waves(Wave... value) {
      this.waves = List.of(value);
      return this;
    }

    /** What a failed cluster does to the others; default {@link FleetFailurePolicy#ABORT_ALL}. */
    public Builder onFailure(FleetFailurePolicy value) {
      this.policy = Objects.requireNonNull(value, "onFailure");
      return this;
    }

    /** The metric provider every cluster's analysis uses. */
    public Builder metrics(MetricProvider value) {
      this.metrics = Objects.requireNonNull(value, "metrics");
      return this;
    }

    /** The traffic router per cluster; default from the canary's provider. */
    public Builder routers(Function<String, TrafficRouter> value) {
      this.routers = Objects.requireNonNull(value, "routers");
      return this;
    }

    /** A check between waves (e.g. a fleet-wide metric); default none. */
    public Builder gate(FleetGate value) {
      this.gate = Objects.requireNonNull(value, "gate");
      return this;
    }

    /** A webhook asked before each wave after the first; 200-202 opens it. Default none. */
    public Builder confirmWebhook(Webhook value) {
      this.confirm = Objects.requireNonNull(value, "confirmWebhook");
      return this;
    }

    /** The HTTP client for webhooks; default a new one. */
    public Builder httpClient(HttpClient value) {
      this.http = Objects.requireNonNull(value, "httpClient");
      return this;
    }

    /** The clock; default UTC system time. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /**
     * Builds the rollout over the members of {@code fleet}, in the fleet's order.
     *
     * @throws dev.kurator.core.ValidationException listing every problem of the canary and the waves
     */
    public FleetRollout start(dev.kurator.core.Fleet fleet) {
      Map<String, KubernetesClient> members = new LinkedHashMap<>();
      fleet.members().forEach(m -> members.put(m.name(), m.client()));
      return start(members);
    }

    /**
     * Builds the rollout over {@code members} (cluster name to client, in fleet order). Nothing is changed in the
     * clusters until the first {@link FleetRollout#tick()}.
     *
     * @throws dev.kurator.core.ValidationException listing every problem of the canary and the waves
     */
    public FleetRollout start(Map<String, KubernetesClient> members) {
      Problems p = new Problems();
      p.check(members.isEmpty(), "fleet", "{}", "must have at least one member cluster");
      List<List<String>> resolved = List.of();
      try {
        spec.validate();
      } catch (dev.kurator.core.ValidationException e) {
        p.addAll("", e);
      }
      try {
        resolved = WavePlan.resolve(waves, List.copyOf(members.keySet()));
      } catch (dev.kurator.core.ValidationException e) {
        p.addAll("", e);
      }
      p.throwIfAny();
      HttpClient client = http != null ? http : HttpClient.newBuilder().connectTimeout(Webhook.DEFAULT_TIMEOUT).build();
      Map<String, CanaryDriver> drivers = new LinkedHashMap<>();
      members.forEach((name, k8s) -> {
        CanaryDriver.Builder b = CanaryDriver.builder(k8s, spec).cluster(name).clock(clock).httpClient(client);
        if (metrics != null) {
          b.metrics(metrics);
        }
        if (routers != null) {
          b.router(routers.apply(name));
        }
        drivers.put(name, b.build());
      });
      return new FleetRollout(this, resolved, drivers, client);
    }
  }
}
