package dev.kurator.placement.internal;

import dev.kurator.core.ClusterSnapshot;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Data derived from a whole fleet snapshot, kept for the last immutable snapshot list seen. Hosts take one snapshot
 * ({@code List.copyOf}) and schedule many workloads against it, so per-snapshot work (parsing quantities, indexing
 * APIs and taints) is done once instead of once per decision. Snapshot values are immutable, so the list instance
 * identifies its content.
 *
 * @param <T> the derived data
 */
public final class SnapshotCache<T> {

  private record Entry<T>(List<ClusterSnapshot> clusters, T value) {}

  private final AtomicReference<Entry<T>> last = new AtomicReference<>();
  private final Function<List<ClusterSnapshot>, T> derive;

  /** @param derive computes the data of one snapshot; must not keep the list */
  public SnapshotCache(Function<List<ClusterSnapshot>, T> derive) {
    this.derive = derive;
  }

  /** Whether {@code clusters} is an immutable list (its content cannot change under a cached value). */
  public static boolean isImmutable(List<ClusterSnapshot> clusters) {
    return List.copyOf(clusters) == clusters;
  }

  /**
   * The data of {@code clusters}: cached when it is the last immutable list seen, else derived and, for an
   * immutable list, cached.
   */
  public T get(List<ClusterSnapshot> clusters) {
    Entry<T> e = last.get();
    if (e != null && e.clusters() == clusters) {
      return e.value();
    }
    T value = derive.apply(clusters);
    if (isImmutable(clusters)) {
      last.set(new Entry<>(clusters, value));
    }
    return value;
  }

  /**
   * As {@link #get}, but null for a mutable list: for callers whose per-cluster path costs no more than deriving
   * the data for a single use.
   */
  public T getIfImmutable(List<ClusterSnapshot> clusters) {
    Entry<T> e = last.get();
    if (e != null && e.clusters() == clusters) {
      return e.value();
    }
    if (!isImmutable(clusters)) {
      return null;
    }
    T value = derive.apply(clusters);
    last.set(new Entry<>(clusters, value));
    return value;
  }
}
