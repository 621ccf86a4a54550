package dev.kurator.core.leader;

import dev.kurator.core.Problems;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over a {@code coordination.k8s.io/v1} Lease in a hub cluster, on fabric8's {@link LeaderElector},
 * so that when a host runs several replicas only one propagates. Host code guards its writes with
 * {@link #ifLeader(Supplier)}; when the leader stops (or dies), another replica takes over once the lease expires (at
 * once when the leader releases it on {@link #close()}).
 *
 * <p>A guard cannot be atomic with a write: a leader that loses its lease mid-write may finish that write. Propagation
 * is idempotent (a re-run writes nothing where the cluster already matches), so the next leader's pass neither applies
 * anything twice nor loses anything.
 */
public final class LeaderElection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final Builder settings;
  private final ExecutorService executor;
  private volatile boolean leading;
  private volatile String leader;
  private CompletableFuture<?> running;
  private boolean closed;

  private LeaderElection(Builder b) {
    this.settings = b;
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kurator-leader-" + b.identity);
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts a builder electing over a Lease in {@code hub} (owned by the host). */
  public static Builder builder(KubernetesClient hub) {
    return new Builder(hub);
  }

  /** Joins the election (in the background). Idempotent. */
  public synchronized LeaderElection start() {
    if (closed) {
      throw new IllegalStateException("leader election " + settings.identity + " is closed");
    }
    if (running != null) {
      return this;
    }
    var config = new LeaderElectionConfigBuilder()
        .withName(settings.name)
        .withLock(new LeaseLock(settings.namespace, settings.name, settings.identity))
        .withLeaseDuration(settings.leaseDuration)
        .withRenewDeadline(settings.renewDeadline)
        .withRetryPeriod(settings.retryPeriod)
        .withReleaseOnCancel(settings.releaseOnClose)
        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
        .build();
    LeaderElector elector = new LeaderElectorBuilder(settings.hub, executor).withConfig(config).build();
    running = elector.start();
    log.info("{} joined leader election on Lease {}/{}", settings.identity, settings.namespace, settings.name);
    return this;
  }

  /** Whether this replica holds the lease now. */
  public boolean isLeader() {
    return leading;
  }

  /** The identity of the current leader as last observed, empty before any is known. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader);
  }

  /** This replica's identity. */
  public String identity() {
    return settings.identity;
  }

  /** Runs {@code action} only while this replica leads; empty otherwise. */
  public <T> Optional<T> ifLeader(Supplier<T> action) {
    if (!leading) {
      return Optional.empty();
    }
    return Optional.ofNullable(action.get());
  }

  /**
   * Leaves the election: stops renewing and, unless {@link Builder#releaseOnClose(boolean)} was turned off, releases
   * the lease so another replica takes over at once. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (running != null) {
      running.cancel(true);
    }
    leading = false;
    executor.shutdown();
    log.info("{} left leader election on Lease {}/{}", settings.identity, settings.namespace, settings.name);
  }

  private void started() {
    leading = true;
    log.info("{} became leader of {}/{}", settings.identity, settings.namespace, settings.name);
    settings.onStarted.run();
  }

  private void stopped() {
    leading = false;
    log.info("{} stopped leading {}/{}", settings.identity, settings.namespace, settings.name);
    settings.onStopped.run();
  }

  private void newLeader(String identity) {
    leader = identity;
    settings.onNewLeader.accept(identity);
  }

  /** Election settings; {@link #build()} validates them. */
  public static final class Builder {
    private final KubernetesClient hub;
    private String namespace;
    private String name;
    private String identity;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private boolean releaseOnClose = true;
    private Runnable onStarted = () -> {};
    private Runnable onStopped = () -> {};
    private Consumer<String> onNewLeader = id -> {};

    private Builder(KubernetesClient hub) {
      this.hub = Objects.requireNonNull(hub, "hub");
    }

    /** The Lease to elect over (required). */
    public Builder lease(String namespace, String name) {
      this.namespace = namespace;
      this.name = name;
      return this;
    }

    /** This replica's identity, unique among replicas (required; e.g. the pod name). */
    public Builder identity(String identity) {
      this.identity = identity;
      return this;
    }

    /**
     * Timing, as Kubernetes leader election: a leader that does not renew within {@code leaseDuration} (default
     * 15s) loses the lease; the leader gives up after failing to renew for {@code renewDeadline} (default 10s);
     * candidates retry every {@code retryPeriod} (default 2s). Requires leaseDuration &gt; renewDeadline &gt; 1.2 x
     * retryPeriod.
     */
    public Builder timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      this.leaseDuration = leaseDuration;
      this.renewDeadline = renewDeadline;
      this.retryPeriod = retryPeriod;
      return this;
    }

    /** Whether {@link LeaderElection#close()} releases the lease for an immediate takeover (default true). */
    public Builder releaseOnClose(boolean release) {
      this.releaseOnClose = release;
      return this;
    }

    /** Called when this replica becomes leader. */
    public Builder onStartedLeading(Runnable callback) {
      this.onStarted = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** Called when this replica stops leading. */
    public Builder onStoppedLeading(Runnable callback) {
      this.onStopped = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /** Called with the identity of each new leader observed. */
    public Builder onNewLeader(Consumer<String> callback) {
      this.onNewLeader = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * The election, not started.
     *
     * @throws dev.kurator.core.ValidationException listing every problem by field path
     */
    public LeaderElection build() {
      Problems p = new Problems();
      p.check(namespace == null || !DNS_SUBDOMAIN.matcher(namespace).matches(), "leaderElection.lease.namespace",
          namespace, "must be a DNS-1123 name");
      p.check(name == null || !DNS_SUBDOMAIN.matcher(name).matches(), "leaderElection.lease.name", name,
          "must be a DNS-1123 name");
      p.check(identity == null || identity.isBlank(), "leaderElection.identity", identity, "must not be blank");
      boolean timed = leaseDuration != null && renewDeadline != null && retryPeriod != null;
      p.check(!timed, "leaderElection.timing", null, "must all be set");
      if (timed) {
        p.check(retryPeriod.isNegative() || retryPeriod.isZero(), "leaderElection.retryPeriod", retryPeriod,
            "must be positive");
        p.check(leaseDuration.compareTo(renewDeadline) <= 0, "leaderElection.leaseDuration", leaseDuration,
            "must be greater than renewDeadline " + renewDeadline);
        p.check(renewDeadline.toMillis() <= retryPeriod.toMillis() * 1.2, "leaderElection.renewDeadline",
            renewDeadline, "must be greater than 1.2 x retryPeriod " + retryPeriod);
      }
      p.throwIfAny();
      return new LeaderElection(this);
    }
  }
}
