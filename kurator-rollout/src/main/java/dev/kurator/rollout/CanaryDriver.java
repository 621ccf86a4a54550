package dev.kurator.rollout;

import dev.kurator.core.KuratorException;
import dev.kurator.rollout.internal.ActionApplier;
import dev.kurator.rollout.internal.ClusterObservations;
import dev.kurator.rollout.internal.HttpWebhooks;
import dev.kurator.rollout.internal.StateStore;
import dev.kurator.rollout.internal.Workloads;
import dev.kurator.rollout.spi.MetricProvider;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one canary on one cluster: reads the persisted state, asks the cluster, runs {@link CanaryStateMachine}
 * once, applies its actions and persists the new state (a ConfigMap {@code <canary>-kurator-rollout}), so that a
 * host restarted between ticks resumes exactly where it was. Not thread-safe per canary: call from one loop.
 */
public final class CanaryDriver {

  private static final Logger log = LoggerFactory.getLogger(CanaryDriver.class);

  private final String cluster;
  private final CanarySpec spec;
  private final MetricProvider metrics;
  private final HttpWebhooks webhooks;
  private final Clock clock;
  private final StateStore store;
  private final Workloads workloads;
  private final ActionApplier applier;

  private CanaryDriver(Builder b) {
    this.cluster = b.cluster;
    this.spec = b.spec;
    this.metrics = b.metrics;
    this.webhooks = new HttpWebhooks(b.http);
    this.clock = b.clock;
    this.store = new StateStore(b.client, spec.namespace(), spec.name());
    this.applier = new ActionApplier(cluster, b.client, spec, b.router, webhooks);
    this.workloads = applier.workloads();
  }

  /**
   * A builder for canary {@code spec} on the cluster behind {@code client}.
   *
   * @throws dev.kurator.core.ValidationException at {@code build()} when the spec breaks a rule
   */
  public static Builder builder(KubernetesClient client, CanarySpec spec) {
    return new Builder(client, spec);
  }

  /** The member cluster's name. */
  public String cluster() {
    return cluster;
  }

  /** The canary. */
  public CanarySpec spec() {
    return spec;
  }

  /** The persisted state ({@code Initializing} when none was persisted yet). */
  public CanaryState state() {
    return store.load().orElseGet(() -> CanaryState.initializing(clock.instant()));
  }

  /** The status as persisted. */
  public CanaryStatus status() {
    return CanaryStatus.of(cluster, spec.name(), state());
  }

  /**
   * Advances the canary one analysis interval.
   *
   * @throws KuratorException when the cluster refuses an action; the state is then not advanced, so the next tick
   *     retries from the same point
   */
  public CanaryStatus tick() {
    CanaryState state = state();
    ClusterObservations obs = new ClusterObservations(cluster, spec, workloads, metrics, webhooks, clock.instant());
    Transition t = CanaryStateMachine.tick(spec, state, obs, clock);
    return commit(t);
  }

  /** Rolls this canary back now (see {@link CanaryStateMachine#abort}). */
  public CanaryStatus abort() {
    return commit(CanaryStateMachine.abort(spec, state(), clock));
  }

  /** The current target revision's hash. */
  public String targetHash() {
    return new ClusterObservations(cluster, spec, workloads, metrics, webhooks, clock.instant()).targetHash();
  }

  private CanaryStatus commit(Transition t) {
    Map<String, String> extras = new HashMap<>();
    for (Action a : t.actions()) {
      applier.apply(a, t.state().phase(), t.state().lastAppliedSpec(), store::extra, extras);
    }
    store.save(t.state(), extras);
    return CanaryStatus.of(cluster, spec.name(), t.state());
  }

  /** Builds a {@link CanaryDriver}; the host owns the client, the HTTP client and the clock. */
  public static final class Builder {
    private final KubernetesClient client;
    private final CanarySpec spec;
    private String cluster = "default";
    private TrafficRouter router;
    private MetricProvider metrics;
    private HttpClient http;
    private Clock clock = Clock.systemUTC();

    private Builder(KubernetesClient client, CanarySpec spec) {
      this.client = Objects.requireNonNull(client, "client");
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The member cluster's name (for status and logs); default {@code default}. */
    public Builder cluster(String value) {
      this.cluster = Objects.requireNonNull(value, "cluster");
      return this;
    }

    /** The traffic router; default from {@code spec.provider} ({@code istio}, {@code gatewayapi}, else none). */
    public Builder router(TrafficRouter value) {
      this.router = Objects.requireNonNull(value, "router");
      return this;
    }

    /** The metric provider; without one, every configured metric reads as an error. */
    public Builder metrics(MetricProvider value) {
      this.metrics = Objects.requireNonNull(value, "metrics");
      return this;
    }

    /** The HTTP client for webhooks; default a new one. Per-hook timeouts apply to each request. */
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
     * The driver.
     *
     * @throws dev.kurator.core.ValidationException when the spec breaks a rule (see {@link CanarySpec#validate()})
     */
    public CanaryDriver build() {
      spec.validate();
      if (router == null) {
        router = switch (spec.provider().split(":")[0]) {
          case "istio" -> TrafficRouters.istio();
          case "gatewayapi" -> TrafficRouters.gatewayApi(spec.name() + "-gateway");
          default -> NO_ROUTER;
        };
      }
      if (metrics == null) {
        metrics = NO_METRICS;
      }
      if (http == null) {
        http = HttpClient.newBuilder().connectTimeout(Webhook.DEFAULT_TIMEOUT).build();
      }
      return new CanaryDriver(this);
    }
  }

  private static final TrafficRouter NO_ROUTER = new TrafficRouter() {
    @Override
    public String name() {
      return "kubernetes";
    }

    @Override
    public void setRoutes(KubernetesClient client, CanarySpec canary, int primaryWeight, int canaryWeight,
                          boolean mirrored) {
      log.debug("canary {}.{}: provider {} routes nothing", canary.name(), canary.namespace(), canary.provider());
    }
  };

  private static final MetricProvider NO_METRICS = new MetricProvider() {
    @Override
    public String name() {
      return "none";
    }

    @Override
    public MetricValue query(dev.kurator.rollout.spi.MetricQuery query) {
      return new MetricValue.Error("no metric provider configured");
    }
  };
}
