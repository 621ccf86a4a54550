package dev.kurator.core.watch;

import dev.kurator.core.FleetRegistry;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Problems;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet-wide aggregated informer: one fabric8 informer per member, every event delivered to one handler tagged with
 * its cluster, on one delivery thread. Members join ({@link #addMember}) and leave ({@link #removeMember}) while it
 * runs; {@link #close()} stops every informer and the delivery thread. This is what a host controller embeds.
 *
 * @param <T> the resource type
 */
public final class FleetInformer<T extends HasMetadata> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetInformer.class);

  private final Class<T> type;
  private final String namespace;
  private final Map<String, String> labels;
  private final Duration resync;
  private final FleetEventHandler<T> handler;
  private final ExecutorService delivery;
  private final Map<String, SharedIndexInformer<T>> informers = new ConcurrentHashMap<>();
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private FleetInformer(Builder<T> b) {
    this.type = b.type;
    this.namespace = b.namespace;
    this.labels = Map.copyOf(b.labels);
    this.resync = b.resync;
    this.handler = b.handler;
    this.delivery = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kurator-fleet-informer-" + type.getSimpleName());
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts a builder for resources of {@code type} (e.g. {@code Deployment.class}). */
  public static <T extends HasMetadata> Builder<T> builder(Class<T> type) {
    return new Builder<>(type);
  }

  /**
   * Starts watching a member. The host keeps owning {@code client}.
   *
   * @throws IllegalStateException when the member is already watched or the informer is closed
   */
  public synchronized void addMember(String cluster, KubernetesClient client) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(client, "client");
    if (closed) {
      throw new IllegalStateException("informer is closed");
    }
    if (informers.containsKey(cluster)) {
      throw new IllegalStateException("cluster " + cluster + " is already watched");
    }
    deliver(cluster, () -> handler.onMemberJoined(cluster));
    var base = namespace == null ? client.resources(type).inAnyNamespace() : client.resources(type)
        .inNamespace(namespace);
    FilterWatchListDeletable<T, ?, ?> op = labels.isEmpty() ? base : base.withLabels(labels);
    active.add(cluster);
    SharedIndexInformer<T> informer = op.inform(new Tagging(cluster), resync.toMillis());
    informers.put(cluster, informer);
    log.info("Watching {} on cluster {}", type.getSimpleName(), cluster);
  }

  /** Stops watching a member; the handler gets {@code onMemberLeft} with the objects last known there. */
  public synchronized void removeMember(String cluster) {
    SharedIndexInformer<T> informer = informers.remove(cluster);
    if (informer == null) {
      return;
    }
    active.remove(cluster);
    List<T> lastKnown = List.copyOf(informer.getStore().list());
    informer.stop();
    deliver(cluster, () -> handler.onMemberLeft(cluster, lastKnown));
    log.info("Stopped watching {} on cluster {}", type.getSimpleName(), cluster);
  }

  /**
   * Watches every member of the registry's current fleet and follows membership: members that join are added, members
   * that leave are removed. Closing the returned handle stops following (the informer keeps running).
   */
  public AutoCloseable follow(FleetRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    AutoCloseable handle = registry.addListener(change -> {
      change.left().forEach(this::removeMember);
      change.joined().forEach(name -> change.current().member(name)
          .ifPresent(m -> addMember(name, m.client())));
    });
    for (MemberCluster m : registry.current().members()) {
      if (!informers.containsKey(m.name())) {
        addMember(m.name(), m.client());
      }
    }
    return handle;
  }

  /** The members being watched. */
  public Set<String> members() {
    return new TreeSet<>(informers.keySet());
  }

  /** Whether every member's informer has completed its initial list. */
  public boolean hasSynced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  /** The objects every member's informer holds now, by member. */
  public Map<String, List<T>> list() {
    Map<String, List<T>> out = new LinkedHashMap<>();
    new TreeSet<>(informers.keySet()).forEach(c -> {
      SharedIndexInformer<T> i = informers.get(c);
      if (i != null) {
        out.put(c, List.copyOf(i.getStore().list()));
      }
    });
    return out;
  }

  /** Stops every informer, then the delivery thread once queued events are delivered. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    active.clear();
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
    delivery.shutdown();
    try {
      if (!delivery.awaitTermination(5, TimeUnit.SECONDS)) {
        log.warn("Fleet informer for {} did not finish delivering within 5s; abandoning queued events",
            type.getSimpleName());
        delivery.shutdownNow();
      }
    } catch (InterruptedException e) {
      delivery.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(String cluster, Runnable r) {
    try {
      delivery.execute(() -> {
        try {
          r.run();
        } catch (RuntimeException e) {
          log.warn("Fleet event handler failed on an event from cluster {}", cluster, e);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      log.debug("Dropping an event from cluster {}: informer closed", cluster);
    }
  }

  private final class Tagging implements ResourceEventHandler<T> {
    private final String cluster;

    Tagging(String cluster) {
      this.cluster = cluster;
    }

    private boolean live() {
      return !closed && active.contains(cluster);
    }

    @Override
    public void onAdd(T obj) {
      if (live()) {
        deliver(cluster, () -> handler.onEvent(new FleetEvent<>(cluster, FleetEvent.Type.ADDED, null, obj)));
      }
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
      if (live()) {
        deliver(cluster, () -> handler.onEvent(new FleetEvent<>(cluster, FleetEvent.Type.UPDATED, oldObj, newObj)));
      }
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
      if (live()) {
        deliver(cluster, () -> handler.onEvent(new FleetEvent<>(cluster, FleetEvent.Type.DELETED, null, obj)));
      }
    }
  }

  /** Collects an informer's settings; {@link #build()} validates. */
  public static final class Builder<T extends HasMetadata> {
    private final Class<T> type;
    private String namespace;
    private Map<String, String> labels = Map.of();
    private Duration resync = Duration.ZERO;
    private FleetEventHandler<T> handler;

    private Builder(Class<T> type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Watch one namespace only (default: all). */
    public Builder<T> namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Watch only objects carrying all these labels (default: all objects). */
    public Builder<T> labels(Map<String, String> labels) {
      this.labels = Objects.requireNonNull(labels, "labels");
      return this;
    }

    /** How often every cached object is redelivered as an UPDATED resync event; zero (default) for never. */
    public Builder<T> resync(Duration resync) {
      this.resync = resync;
      return this;
    }

    /** Who receives the events; required. */
    public Builder<T> handler(FleetEventHandler<T> handler) {
      this.handler = handler;
      return this;
    }

    /**
     * The informer, watching no member yet.
     *
     * @throws dev.kurator.core.ValidationException listing every problem by field path
     */
    public FleetInformer<T> build() {
      Problems p = new Problems();
      p.check(handler == null, "fleetInformer.handler", null, "is required");
      p.check(resync == null || resync.isNegative(), "fleetInformer.resync", resync, "must be zero or positive");
      p.check(resync != null && !resync.isZero() && resync.toMillis() < 1000, "fleetInformer.resync", resync,
          "must be at least 1s when set");
      p.check(namespace != null && namespace.isBlank(), "fleetInformer.namespace", namespace,
          "must not be blank when set");
      labels.forEach((k, v) -> p.check(k == null || k.isBlank() || v == null, "fleetInformer.labels", k + "=" + v,
          "keys must not be blank and values must not be null"));
      p.throwIfAny();
      return new FleetInformer<>(this);
    }
  }
}
