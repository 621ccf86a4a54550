package dev.kurator.core;

import dev.kurator.core.internal.FleetRuntime;
import dev.kurator.core.internal.HealthProbe;
import dev.kurator.core.internal.MemberCalls;
import dev.kurator.core.internal.Names;
import dev.kurator.core.internal.Ops;
import dev.kurator.core.internal.Resources;
import dev.kurator.core.internal.WriteOp;
import dev.kurator.core.discovery.ApiEnablementCache;
import dev.kurator.core.spi.SnapshotContributor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, immutable snapshot of member clusters that the host works on as one.
 *
 * <pre>{@code
 * Fleet fleet = Fleet.builder("prod")
 *     .members(MemberClusters.fromKubeconfig(Path.of("~/.kube/config"), "eu-1", "us-1"))
 *     .resilience(Resilience.defaults().timeout(Duration.ofSeconds(5)))
 *     .build();
 * FleetResult<Deployment> r = fleet.apply(deployment).onClusters(Selector.labels("region=eu"));
 * }</pre>
 *
 * <p>Every fan-out ({@link #apply}, {@link #get}, {@link #list}, {@link #delete}) runs members concurrently on a
 * bounded pool, guards each call with the fleet's {@link Resilience} and returns a {@link FleetResult} with one row
 * per cluster; one cluster's failure is a row, never an exception. Exceptions are for bad input
 * ({@link ValidationException}, thrown before anything is sent to any cluster).
 *
 * <p>{@link #join} and {@link #leave} return new snapshots that share this one's pool, circuit breakers and
 * clients; {@link FleetRegistry} holds the current snapshot for long-running hosts and notifies listeners.
 * {@link #close()} releases what the SDK created (its pool, and clients it built from kubeconfigs); call it once,
 * on the last snapshot, when the host is done with the fleet.
 */
public final class Fleet implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Fleet.class);

  /** Default number of pool threads when the host passes no executor. */
  public static final int DEFAULT_PARALLELISM = 16;

  private final String name;
  private final List<MemberCluster> members;
  private final Map<String, MemberCluster> byName;
  private final FleetRuntime runtime;

  private Fleet(String name, List<MemberCluster> members, FleetRuntime runtime) {
    this.name = name;
    this.members = List.copyOf(members);
    Map<String, MemberCluster> map = new LinkedHashMap<>();
    this.members.forEach(m -> map.put(m.name(), m));
    this.byName = java.util.Collections.unmodifiableMap(map);
    this.runtime = runtime;
  }

  /** Starts a fleet named {@code name} (a DNS-1123 label, checked at {@link Builder#build()}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The fleet's name, a DNS-1123 label. */
  public String name() {
    return name;
  }

  /** The members, in the order they were added. */
  public List<MemberCluster> members() {
    return members;
  }

  /** The member names, in order. */
  public List<String> memberNames() {
    return List.copyOf(byName.keySet());
  }

  /** The member named {@code name}. */
  public Optional<MemberCluster> member(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The number of members. */
  public int size() {
    return members.size();
  }

  /** The fleet's resilience settings. */
  public Resilience resilience() {
    return runtime.resilience();
  }

  /** The fleet's clock (for decisions; breakers use it too). */
  public Clock clock() {
    return runtime.clock();
  }

  // ---------------------------------------------------------------- membership

  /**
   * A new snapshot with {@code joining} added at the end; this snapshot is unchanged.
   *
   * @throws ValidationException when a name is already a member or repeated
   */
  public Fleet join(MemberCluster... joining) {
    List<MemberCluster> next = new ArrayList<>(members);
    next.addAll(Arrays.asList(joining));
    checkMembers(name, next);
    return new Fleet(name, next, runtime);
  }

  /**
   * A new snapshot without the named members; this snapshot is unchanged. Clients stay open (the host, or the
   * member's own {@link MemberCluster#close()}, closes them).
   *
   * @throws ValidationException when a name is not a member, or when no member would be left
   */
  public Fleet leave(String... leaving) {
    Problems problems = new Problems();
    for (int i = 0; i < leaving.length; i++) {
      problems.check(!byName.containsKey(leaving[i]), "leave[" + i + "]", leaving[i],
          "is not a member of fleet \"" + name + "\"");
    }
    problems.throwIfAny();
    List<String> gone = Arrays.asList(leaving);
    List<MemberCluster> next = members.stream().filter(m -> !gone.contains(m.name())).toList();
    problems.check(next.isEmpty(), "members", "[]", "a fleet needs at least one member; leaving all is not allowed");
    problems.throwIfAny();
    gone.forEach(runtime::forget);
    return new Fleet(name, next, runtime);
  }

  // ---------------------------------------------------------------- fan-out

  /**
   * Creates or updates {@code resource} on the chosen clusters. A second identical apply reports
   * {@link Outcome.Unchanged} and writes nothing.
   *
   * @throws ValidationException when the resource has no apiVersion, kind or metadata.name
   */
  public <T extends HasMetadata> ApplyOperation<T> apply(T resource) {
    return WriteOp.apply(this, runtime, checked("resources", List.of(Objects.requireNonNull(resource, "resource"))));
  }

  /**
   * Creates or updates every resource, in order, on each chosen cluster (clusters run concurrently).
   *
   * @throws ValidationException naming every resource without apiVersion, kind or metadata.name; nothing is applied
   */
  public ApplyOperation<HasMetadata> apply(Collection<? extends HasMetadata> resources) {
    return WriteOp.apply(this, runtime, checked("resources", new ArrayList<HasMetadata>(resources)));
  }

  /**
   * Creates or updates the objects of a YAML text with one or more documents.
   *
   * @throws ValidationException when the text does not parse or a document lacks apiVersion, kind or name
   */
  public ApplyOperation<HasMetadata> apply(String yaml) {
    return apply(Yaml.parse(yaml));
  }

  /**
   * Starts a propagation of {@code templates} to this fleet: per-cluster variants from an assignment and overrides,
   * garbage collection and drift repair. See {@link dev.kurator.core.propagation.Propagation}.
   */
  public dev.kurator.core.propagation.FleetPropagation propagate(HasMetadata... templates) {
    return new dev.kurator.core.propagation.FleetPropagation(this, Arrays.asList(templates));
  }

  /**
   * Binds a namespace-sameness spec to this fleet: {@code fleet.sameness(spec).check()} reports diverging members,
   * {@code .repair()} makes them identical. See {@link dev.kurator.core.sameness.Sameness}.
   */
  public dev.kurator.core.sameness.Sameness.Bound sameness(dev.kurator.core.sameness.Sameness spec) {
    return spec.on(this);
  }

  /** Reads {@code resource} (by apiVersion, kind, namespace and name) from the chosen clusters. */
  public <T extends HasMetadata> FleetOperation<T> get(T resource) {
    return Ops.get(this, runtime, checked("resource", List.of(Objects.requireNonNull(resource, "resource"))));
  }

  /** Reads the object of {@code type} named {@code name} in {@code namespace} (null: each client's default). */
  public <T extends HasMetadata> FleetOperation<T> get(Class<T> type, String namespace, String name) {
    Objects.requireNonNull(type, "type");
    Problems problems = new Problems();
    problems.check(name == null || name.isBlank(), "name", name, "must be set");
    problems.throwIfAny();
    return Ops.get(this, runtime, type, namespace, name);
  }

  /** Lists objects of {@code type} on the chosen clusters; each row holds one cluster's items. */
  public <T extends HasMetadata> ListOperation<T> list(Class<T> type) {
    return new Ops.ListOp<>(this, runtime, type);
  }

  /**
   * Deletes {@code resource} (by apiVersion, kind, namespace and name) from the chosen clusters;
   * {@link Outcome.NotFound} where it was not.
   *
   * @throws ValidationException when the resource has no apiVersion, kind or metadata.name
   */
  public <T extends HasMetadata> DeleteOperation<T> delete(T resource) {
    return WriteOp.delete(this, runtime, checked("resource", List.of(Objects.requireNonNull(resource, "resource"))));
  }

  /** Deletes every resource, in order, from each chosen cluster. @throws ValidationException as above */
  public DeleteOperation<HasMetadata> delete(Collection<? extends HasMetadata> resources) {
    return WriteOp.delete(this, runtime, checked("resources", new ArrayList<HasMetadata>(resources)));
  }

  /**
   * Runs one call of the host's (or another SDK module's) against member {@code cluster} under the same resilience
   * as every fan-out: each attempt is limited to {@link Resilience#timeout()} and goes through the member's circuit
   * breaker; retryable failures (connection errors, HTTP 429, 5xx, 409 conflicts) are retried with backoff, up to
   * {@link Resilience#retries()} times. {@code call} may therefore run several times: make it idempotent (for a
   * write, read the live object again inside it, so a retried 409 writes on a fresh {@code resourceVersion}).
   * Runs on the calling thread; fan out yourself to call several members concurrently.
   *
   * @param cluster a member's name
   * @param what    what the call does, for logs (e.g. {@code "update apps/v1/Deployment/shop/web"})
   * @param call    the call, typically through {@code member(cluster).orElseThrow().client()}
   * @return what the last attempt returned
   * @throws ValidationException        when {@code cluster} is not a member; nothing was called
   * @throws MemberUnavailableException when the member's circuit breaker is open; nothing was called
   * @throws RuntimeException           the last attempt's failure, as thrown by {@code call} (e.g. a fabric8
   *                                    {@code KubernetesClientException}), or a {@link KuratorException} when an
   *                                    attempt exceeded the per-call timeout
   */
  public <V> V callMember(String cluster, String what, java.util.function.Supplier<V> call) {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(call, "call");
    Problems problems = new Problems();
    problems.check(cluster == null || !byName.containsKey(cluster), "cluster", cluster,
        "is not a member of fleet \"" + name + "\"");
    problems.throwIfAny();
    try {
      return MemberCalls.guarded(runtime, cluster, what, call::get, new java.util.concurrent.atomic.AtomicInteger());
    } catch (io.github.resilience4j.circuitbreaker.CallNotPermittedException e) {
      throw new MemberUnavailableException(cluster, MemberCalls.unavailableReason(runtime, cluster));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new KuratorException("call to cluster \"" + cluster + "\" failed: " + what, e);
    }
  }

  private static <T extends HasMetadata> List<T> checked(String path, List<T> resources) {
    Problems problems = new Problems();
    Resources.check(problems, path, resources);
    problems.throwIfAny();
    return resources;
  }

  // ---------------------------------------------------------------- health and snapshots

  /**
   * Probes every member concurrently ({@code /readyz}, else {@code /version}) within the resilience's health
   * timeout. Never throws; an unreachable member is a row.
   */
  public FleetHealth health() {
    Instant at = runtime.clock().instant();
    List<CompletableFuture<MemberHealth>> probes = members.stream()
        .map(m -> HealthProbe.probe(m, runtime.resilience().healthTimeout())).toList();
    List<MemberHealth> results = probes.stream().map(CompletableFuture::join).toList();
    results.stream().filter(h -> !h.isReady())
        .forEach(h -> log.debug("fleet {}: cluster {} is {}: {}", name, h.cluster(), h.state(), h.reason()));
    return new FleetHealth(name, results, at);
  }

  /**
   * One {@link ClusterSnapshot} per member, in order: name, labels, taints, readiness (false while the member's
   * circuit breaker is open), plus whatever the registered {@link SnapshotContributor}s add.
   */
  public List<ClusterSnapshot> snapshot() {
    return snapshot(m -> breakerClosed(m.name()));
  }

  /**
   * As {@link #snapshot()}, with readiness taken from {@code health} as well: a member is ready when its probe
   * said READY and its circuit breaker is not open. Members missing from {@code health} count as not ready.
   */
  public List<ClusterSnapshot> snapshot(FleetHealth health) {
    Objects.requireNonNull(health, "health");
    return snapshot(m -> breakerClosed(m.name())
        && health.member(m.name()).map(MemberHealth::isReady).orElse(false));
  }

  /**
   * Closes member {@code cluster}'s circuit breaker and forgets its failure history, as after an operator's repair:
   * the next call goes through at once instead of waiting for the breaker's probe.
   *
   * @throws ValidationException when {@code cluster} is not a member
   */
  public void resetCircuitBreaker(String cluster) {
    if (!byName.containsKey(cluster)) {
      throw ValidationException.of("cluster", cluster, "is not a member of fleet \"" + name + "\"");
    }
    runtime.breaker(cluster).reset();
  }

  private boolean breakerClosed(String cluster) {
    CircuitBreaker.State state = runtime.breaker(cluster).getState();
    return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
  }

  private List<ClusterSnapshot> snapshot(java.util.function.Predicate<MemberCluster> ready) {
    if (runtime.contributors().isEmpty()) {
      return members.stream().map(m -> m.snapshotBuilder().ready(ready.test(m)).build()).toList();
    }
    List<Future<ClusterSnapshot>> futures = members.stream()
        .map(m -> runtime.executor().submit(() -> contributed(m, ready.test(m)))).toList();
    List<ClusterSnapshot> out = new ArrayList<>();
    for (int i = 0; i < futures.size(); i++) {
      try {
        out.add(futures.get(i).get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KuratorException("interrupted while taking a snapshot of fleet \"" + name + "\"", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new KuratorException("snapshot of cluster \"" + members.get(i).name() + "\" failed", e.getCause());
      }
    }
    return out;
  }

  private ClusterSnapshot contributed(MemberCluster m, boolean ready) {
    ClusterSnapshot.Builder b = m.snapshotBuilder().ready(ready);
    for (SnapshotContributor c : runtime.contributors()) {
      try {
        c.contribute(m, b);
      } catch (RuntimeException e) {
        log.warn("fleet {}: snapshot contributor {} failed for cluster {}", name, c.name(), m.name(), e);
      }
    }
    return b.build();
  }

  /** Closes the pool the fleet created (not a host executor) and the clients its members own. */
  @Override
  public void close() {
    runtime.close();
    members.forEach(MemberCluster::close);
  }

  @Override
  public String toString() {
    return "Fleet{name=" + name + ", members=" + memberNames() + "}";
  }

  private static void checkMembers(String fleet, List<MemberCluster> members) {
    Problems problems = new Problems();
    problems.check(members.isEmpty(), "members", "[]", "a fleet needs at least one member");
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < members.size(); i++) {
      MemberCluster m = members.get(i);
      if (m == null) {
        problems.add("members[" + i + "]", null, "must not be null");
        continue;
      }
      Integer first = seen.putIfAbsent(m.name(), i);
      problems.check(first != null, "members[" + i + "].name", m.name(),
          "duplicates members[" + first + "]; names must be unique in fleet \"" + fleet + "\"");
    }
    problems.throwIfAny();
  }

  /** Builds a {@link Fleet}; {@link #build()} reports every problem at once. */
  public static final class Builder {
    private final String name;
    private final List<MemberCluster> members = new ArrayList<>();
    private Resilience resilience = Resilience.defaults();
    private ExecutorService executor;
    private int parallelism = DEFAULT_PARALLELISM;
    private Clock clock = Clock.systemUTC();
    private final List<SnapshotContributor> contributors = new ArrayList<>();
    private Duration apiDiscoveryRefresh = ApiEnablementCache.DEFAULT_REFRESH;

    private Builder(String name) {
      this.name = name;
    }

    /** Adds members, in order. */
    public Builder members(Collection<MemberCluster> members) {
      this.members.addAll(members);
      return this;
    }

    /** Adds one member. */
    public Builder member(MemberCluster member) {
      this.members.add(member);
      return this;
    }

    /** Timeout, retry and circuit-breaker settings; default {@link Resilience#defaults()}. */
    public Builder resilience(Resilience resilience) {
      this.resilience = resilience;
      return this;
    }

    /**
     * Runs fan-outs on the host's executor instead of a pool the fleet creates; the fleet never shuts it down.
     * Do not call fleet operations from tasks of a saturated executor passed here (they would wait on each other).
     */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** Threads of the pool the fleet creates when no executor is given; default 16, 1 to 512. */
    public Builder parallelism(int parallelism) {
      this.parallelism = parallelism;
      return this;
    }

    /** The clock for timestamps and circuit-breaker timing; default the system UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Adds a contributor to {@link Fleet#snapshot()}. */
    public Builder snapshotContributor(SnapshotContributor contributor) {
      this.contributors.add(contributor);
      return this;
    }

    /**
     * How often {@link Fleet#snapshot()} discovers again which APIs each member serves (its API enablements, read
     * by an {@link ApiEnablementCache} that runs before the other contributors, within the resilience's per-call
     * timeout per member); default 10 seconds, {@code null} to leave API enablements empty.
     */
    public Builder apiDiscovery(Duration refresh) {
      this.apiDiscoveryRefresh = refresh;
      return this;
    }

    /**
     * Builds the fleet.
     *
     * @throws ValidationException naming each problem: a name that is not a DNS-1123 label, no members, duplicate
     *                             member names, a parallelism out of range, missing resilience or clock
     */
    public Fleet build() {
      Problems problems = new Problems();
      Names.checkDns1123Label(problems, "fleet.name", name);
      problems.check(resilience == null, "fleet.resilience", null, "must be set");
      problems.check(clock == null, "fleet.clock", null, "must be set");
      problems.check(parallelism < 1 || parallelism > 512, "fleet.parallelism", parallelism,
          "must be between 1 and 512");
      problems.check(contributors.contains(null), "fleet.snapshotContributors", null, "must not contain null");
      try {
        checkMembers(name, members);
      } catch (ValidationException e) {
        problems.addAll("fleet", e);
      }
      problems.check(apiDiscoveryRefresh != null && (apiDiscoveryRefresh.isNegative() || apiDiscoveryRefresh.isZero()),
          "fleet.apiDiscovery", apiDiscoveryRefresh, "must be positive");
      problems.throwIfAny();
      List<SnapshotContributor> all = new ArrayList<>();
      if (apiDiscoveryRefresh != null) {
        all.add(ApiEnablementCache.of(clock, apiDiscoveryRefresh, resilience.timeout()));
      }
      all.addAll(contributors);
      return new Fleet(name, members, new FleetRuntime(name, resilience, clock, executor, parallelism, all));
    }
  }
}
