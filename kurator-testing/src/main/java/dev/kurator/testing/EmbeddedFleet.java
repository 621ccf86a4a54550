package dev.kurator.testing;

import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Resilience;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * N in-process Kubernetes API servers (fabric8 mock servers in CRUD mode, one per member) wired into a
 * {@link Fleet}, for tests and demos. Members are named {@code cluster-0 .. cluster-(N-1)} unless named otherwise,
 * carry the labels and taints given to the builder, and can be made unreachable, slow or failing mid-test through
 * {@link #cluster(String)}.
 *
 * <pre>{@code
 * try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(3).labels("region", "eu", "eu", "us").start()) {
 *   embedded.fleet().apply(deployment).onAllClusters();
 * }
 * }</pre>
 */
public final class EmbeddedFleet implements AutoCloseable {

  /** Resilience used unless the builder is given another: 5 s timeout, 2 retries from 20 ms, breaker 30 s. */
  public static final Resilience TEST_RESILIENCE = Resilience.defaults().timeout(Duration.ofSeconds(5))
      .backoff(Duration.ofMillis(20), 2.0).healthTimeout(Duration.ofSeconds(2));

  private final Map<String, EmbeddedCluster> clusters;
  private final Fleet fleet;
  /** One event loop for every client of this fleet, instead of one per client. */
  private final io.vertx.core.Vertx clientEventLoop = io.vertx.core.Vertx.vertx();

  private EmbeddedFleet(Builder b) {
    Map<String, EmbeddedCluster> started = new LinkedHashMap<>();
    io.fabric8.kubernetes.client.http.HttpClient.Factory httpClients =
        new io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory(clientEventLoop);
    try {
      for (String name : b.names) {
        started.put(name, new EmbeddedCluster(name, httpClients));
      }
      Fleet.Builder fb = Fleet.builder(b.fleetName).resilience(b.resilience).clock(b.clock).parallelism(
          b.parallelism);
      for (String name : b.names) {
        MemberCluster.Builder mb = MemberCluster.builder(name).client(started.get(name).client())
            .labels(b.labels.getOrDefault(name, Map.of()));
        b.taints.getOrDefault(name, List.of()).forEach(mb::taint);
        fb.member(mb.build());
      }
      this.fleet = fb.build();
      started.forEach((name, cluster) -> cluster.onHeal(() -> fleet.resetCircuitBreaker(name)));
      warmUpOnce(started.values().iterator().next());
    } catch (RuntimeException e) {
      started.values().forEach(EmbeddedCluster::close);
      clientEventLoop.close();
      throw e;
    }
    this.clusters = java.util.Collections.unmodifiableMap(started);
  }

  private static final java.util.concurrent.atomic.AtomicBoolean WARM = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * The first fan-out in a JVM pays for loading and compiling the client, model and serialization code (often more
   * than a second on a busy machine), which would eat into short per-call timeouts of fault-injection tests. The
   * first embedded fleet of a JVM therefore runs one create, read, update and delete through a throw-away fleet
   * with default timeouts.
   */
  private static void warmUpOnce(EmbeddedCluster cluster) {
    if (!WARM.compareAndSet(false, true)) {
      return;
    }
    io.fabric8.kubernetes.api.model.apps.Deployment d = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
        .withNewMetadata().withName("kurator-warm-up").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec().addNewContainer().withName("c")
        .withImage("busybox").endContainer().endSpec().endTemplate().endSpec().build();
    try (Fleet warm = Fleet.builder("warm-up").member(MemberCluster.builder(cluster.name()).client(cluster.client())
        .build()).parallelism(1).build()) {
      warm.apply(d).onAllClusters();
      d.getSpec().setReplicas(2);
      warm.apply(d).onAllClusters();
      warm.get(d).onAllClusters();
      warm.delete(d).onAllClusters();
      warm.health();
    }
  }

  /** Starts {@code members} clusters named {@code cluster-0 ..} with default settings. */
  public static EmbeddedFleet start(int members) {
    return builder().members(members).start();
  }

  /** Starts configuring an embedded fleet (3 members named {@code cluster-0 ..} unless told otherwise). */
  public static Builder builder() {
    return new Builder();
  }

  /** The fleet over the embedded clusters. */
  public Fleet fleet() {
    return fleet;
  }

  /** The member names, in order. */
  public List<String> names() {
    return List.copyOf(clusters.keySet());
  }

  /**
   * The embedded cluster named {@code name}, for fault injection and direct access.
   *
   * @throws IllegalArgumentException when there is no such member
   */
  public EmbeddedCluster cluster(String name) {
    EmbeddedCluster c = clusters.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no embedded cluster \"" + name + "\" (members: " + names() + ")");
    }
    return c;
  }

  /** All embedded clusters, in order. */
  public List<EmbeddedCluster> clusters() {
    return List.copyOf(clusters.values());
  }

  /** Removes every injected fault on every cluster. */
  public void healAll() {
    clusters.values().forEach(EmbeddedCluster::heal);
  }

  /**
   * Makes every cluster serve a custom resource kind (CRUD and API discovery), as if its CRD were installed.
   * A reset forgets it.
   */
  public void expectCustomResource(io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext kind) {
    clusters.values().forEach(c -> c.expectCustomResource(kind));
  }

  /** Heals every fault and deletes every stored object on every cluster. Circuit breakers keep their state. */
  public void resetAll() {
    clusters.values().forEach(EmbeddedCluster::reset);
  }

  /** Stops the fleet's pool and every server. */
  @Override
  public void close() {
    fleet.close();
    clusters.values().forEach(EmbeddedCluster::close);
    clientEventLoop.close();
  }

  @Override
  public String toString() {
    return "EmbeddedFleet{" + fleet.name() + ": " + clusters.values() + "}";
  }

  /** Configures an {@link EmbeddedFleet}. */
  public static final class Builder {
    private String fleetName = "embedded";
    private List<String> names = List.of("cluster-0", "cluster-1", "cluster-2");
    private final Map<String, Map<String, String>> labels = new LinkedHashMap<>();
    private final Map<String, List<Taint>> taints = new LinkedHashMap<>();
    private Resilience resilience = TEST_RESILIENCE;
    private Clock clock = Clock.systemUTC();
    private int parallelism = Fleet.DEFAULT_PARALLELISM;

    private Builder() {}

    /** {@code count} members named {@code cluster-0 .. cluster-(count-1)}; default 3. */
    public Builder members(int count) {
      if (count < 1) {
        throw ValidationException.of("members", count, "must be at least 1");
      }
      List<String> n = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        n.add("cluster-" + i);
      }
      this.names = n;
      return this;
    }

    /** Members with these names, in order. */
    public Builder names(String... names) {
      this.names = List.of(names);
      return this;
    }

    /** The fleet's name; default {@code embedded}. */
    public Builder fleetName(String fleetName) {
      this.fleetName = fleetName;
      return this;
    }

    /**
     * Label {@code key} with one value per member, in member order (fewer values leave the rest unlabelled;
     * null skips a member).
     */
    public Builder labels(String key, String... valuesPerMember) {
      Objects.requireNonNull(key, "key");
      for (int i = 0; i < valuesPerMember.length && i < names.size(); i++) {
        if (valuesPerMember[i] != null) {
          labels.computeIfAbsent(names.get(i), n -> new LinkedHashMap<>()).put(key, valuesPerMember[i]);
        }
      }
      return this;
    }

    /** One label on one member. */
    public Builder label(String member, String key, String value) {
      labels.computeIfAbsent(member, n -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** One taint on one member. */
    public Builder taint(String member, String key, String value, TaintEffect effect) {
      taints.computeIfAbsent(member, n -> new ArrayList<>()).add(new Taint(key, value, effect));
      return this;
    }

    /** The fleet's resilience; default {@link #TEST_RESILIENCE}. */
    public Builder resilience(Resilience resilience) {
      this.resilience = resilience;
      return this;
    }

    /** The fleet's clock (e.g. a fake clock to step circuit breakers). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The fleet's pool size; default {@link Fleet#DEFAULT_PARALLELISM}. */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /**
     * Starts the servers and builds the fleet.
     *
     * @throws ValidationException when names, labels or taints are invalid (no server is left running)
     */
    public EmbeddedFleet start() {
      Map<String, Object> unknown = new LinkedHashMap<>();
      labels.keySet().stream().filter(n -> !names.contains(n)).forEach(n -> unknown.put("labels", n));
      taints.keySet().stream().filter(n -> !names.contains(n)).forEach(n -> unknown.put("taints", n));
      if (!unknown.isEmpty()) {
        Map.Entry<String, Object> e = unknown.entrySet().iterator().next();
        throw ValidationException.of(e.getKey(), e.getValue(), "names no member (members: " + names + ")");
      }
      return new EmbeddedFleet(this);
    }
  }
}
