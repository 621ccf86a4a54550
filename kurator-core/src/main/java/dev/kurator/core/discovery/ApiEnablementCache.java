package dev.kurator.core.discovery;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.ValidationException;
import dev.kurator.core.internal.RefreshingCache;
import dev.kurator.core.spi.SnapshotContributor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-member API enablements for {@code Fleet.snapshot()}, discovered ({@link ApiDiscovery}) at most once per
 * refresh interval, as Karmada's cluster status controller collects {@code apiEnablements}. Time comes from the
 * fleet's {@link Clock}. Fleets register one by default ({@code Fleet.Builder.apiDiscovery}).
 *
 * <p>When the latest discovery of a member fails entirely (neither {@code /api} nor {@code /apis} answers), its
 * snapshot is marked not ready and carries the last enablements found, flagged incomplete (none if it was never
 * read). Other members are unaffected. Thread-safe.
 */
public final class ApiEnablementCache implements SnapshotContributor {

  /** Default refresh interval: 10 seconds, as Karmada's default cluster status update frequency. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);

  private final RefreshingCache<ApiEnablements> cache;
  private final Duration budget;

  private ApiEnablementCache(RefreshingCache<ApiEnablements> cache, Duration budget) {
    this.cache = cache;
    this.budget = budget;
  }

  /**
   * A cache.
   *
   * @param clock   time source
   * @param refresh how long a member's enablements are served before it is discovered again; positive
   * @throws ValidationException when {@code refresh} is not positive
   */
  public static ApiEnablementCache of(Clock clock, Duration refresh) {
    return of(clock, refresh, null);
  }

  /**
   * A cache whose discovery of one member stops requesting resource lists after {@code budget} (wall time), so a
   * slow member holds a snapshot up for about that long plus one request timeout; what was not reached makes the
   * member's enablements incomplete.
   *
   * @param clock   time source for the refresh interval
   * @param refresh how long a member's enablements are served before it is discovered again; positive
   * @param budget  time allowed for starting discovery requests on one member; positive, or null for none
   * @throws ValidationException when {@code refresh} or {@code budget} is not positive
   */
  public static ApiEnablementCache of(Clock clock, Duration refresh, Duration budget) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(refresh, "refresh");
    dev.kurator.core.Problems problems = new dev.kurator.core.Problems();
    problems.check(refresh.isNegative() || refresh.isZero(), "apiEnablementCache.refresh", refresh,
        "must be positive");
    problems.check(budget != null && (budget.isNegative() || budget.isZero()), "apiEnablementCache.budget", budget,
        "must be positive");
    problems.throwIfAny();
    return new ApiEnablementCache(new RefreshingCache<>("API discovery", clock, refresh), budget);
  }

  @Override
  public String name() {
    return "api-enablements";
  }

  /**
   * Sets the member's API enablements on the snapshot; when discovery of the member fails, marks it not ready
   * and its enablements incomplete.
   */
  @Override
  public void contribute(MemberCluster member, ClusterSnapshot.Builder snapshot) {
    Optional<RefreshingCache.Cached<ApiEnablements>> cached =
        cache.get(member.name(), () -> ApiDiscovery.discover(member.client(), budget));
    if (cached.isEmpty()) {
      snapshot.apiEnablements(Map.of(), false).ready(false);
      return;
    }
    RefreshingCache.Cached<ApiEnablements> c = cached.get();
    snapshot.apiEnablements(c.value().groupVersionKinds(), c.value().complete() && !c.stale());
    if (c.stale()) {
      snapshot.ready(false);
    }
  }

  /** The member's last discovered enablements, without reading it; empty if never discovered. */
  public Optional<ApiEnablements> enablements(String cluster) {
    return cache.peek(cluster).map(RefreshingCache.Cached::value);
  }

  /** Drops a member's entry (e.g. when it leaves the fleet), so the next snapshot discovers it afresh. */
  public void invalidate(String cluster) {
    cache.invalidate(cluster);
  }
}
