package dev.kurator.core.summary;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.ResourceSummary;
import dev.kurator.core.ValidationException;
import dev.kurator.core.internal.RefreshingCache;
import dev.kurator.core.spi.SnapshotContributor;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per-member resource summaries, read from each member's Nodes and Pods at most once per refresh interval (as
 * Karmada's cluster status controller refreshes {@code resourceSummary}), for placement's capacity-aware scheduling.
 * Time comes from the host's {@link Clock}, so tests step it instead of sleeping.
 *
 * <p>Register it with {@code Fleet.builder(...).snapshotContributor(cache)} and {@code fleet.snapshot()} carries each
 * member's summary. A member that cannot be read keeps its last good summary (logged); one never read successfully has none, which
 * placement treats as "no capacity known". Thread-safe; concurrent callers for one member share one read.
 */
public final class ResourceSummaryCache implements SnapshotContributor {

  /** Default refresh interval: 10 seconds, as Karmada's default cluster status update frequency. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private final Function<String, KubernetesClient> clients;
  private final RefreshingCache<Entry> cache;

  private record Entry(List<Node> nodes, List<Pod> pods, ResourceSummary summary) {}

  private ResourceSummaryCache(Function<String, KubernetesClient> clients, Clock clock, Duration refresh) {
    this.clients = clients;
    this.cache = new RefreshingCache<>("nodes and pods", clock, refresh);
  }

  /**
   * A cache.
   *
   * @param clients member name to its client (owned by the host)
   * @param clock   time source
   * @param refresh how long a summary is served before the member is read again; positive
   * @throws ValidationException when {@code refresh} is not positive
   */
  public static ResourceSummaryCache of(Function<String, KubernetesClient> clients, Clock clock, Duration refresh) {
    Objects.requireNonNull(clients, "clients");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(refresh, "refresh");
    if (refresh.isNegative() || refresh.isZero()) {
      throw ValidationException.of("resourceSummaryCache.refresh", refresh, "must be positive");
    }
    return new ResourceSummaryCache(clients, clock, refresh);
  }

  /**
   * A cache for use as a fleet {@link SnapshotContributor}: members are read through their own clients when the
   * fleet takes a snapshot; {@link #summary(String)} then serves what was read.
   */
  public static ResourceSummaryCache forFleet(Clock clock, Duration refresh) {
    return of(cluster -> {
      throw new IllegalStateException("no client for cluster " + cluster + "; this cache reads members only when"
          + " the fleet takes a snapshot");
    }, clock, refresh);
  }

  /** The member's summary, read again when older than the refresh interval; empty if never read successfully. */
  public Optional<ResourceSummary> summary(String cluster) {
    return entry(cluster, () -> clients.apply(cluster)).map(Entry::summary);
  }

  /** How many replicas of {@code template} fit on the member, from the same cached Nodes and Pods. */
  public Optional<ReplicaEstimate> estimate(String cluster, PodSpec template) {
    return entry(cluster, () -> clients.apply(cluster))
        .map(e -> ReplicaEstimator.estimate(template, e.nodes(), e.pods()));
  }

  @Override
  public String name() {
    return "resource-summary";
  }

  /** Sets the member's resource summary on the snapshot being built (left unset when none is known). */
  @Override
  public void contribute(MemberCluster member, ClusterSnapshot.Builder snapshot) {
    entry(member.name(), member::client).ifPresent(e -> snapshot.resourceSummary(e.summary()));
  }

  /** The snapshot with its resource summary filled from the cache (unchanged when none is known). */
  public ClusterSnapshot withSummary(ClusterSnapshot snapshot) {
    return summary(snapshot.name()).map(s -> snapshot.toBuilder().resourceSummary(s).build()).orElse(snapshot);
  }

  /** Drops a member's entry (e.g. when it leaves the fleet), so the next call reads it afresh. */
  public void invalidate(String cluster) {
    cache.invalidate(cluster);
  }

  private Optional<Entry> entry(String cluster, java.util.function.Supplier<KubernetesClient> client) {
    return cache.get(cluster, () -> read(client.get())).map(RefreshingCache.Cached::value);
  }

  private static Entry read(KubernetesClient c) {
    List<Node> nodes = c.nodes().list().getItems();
    List<Pod> pods = c.pods().inAnyNamespace().list().getItems().stream()
        .filter(p -> !ResourceSummaries.isTerminal(p)).toList();
    return new Entry(nodes, pods, ResourceSummaries.compute(nodes, pods));
  }
}
