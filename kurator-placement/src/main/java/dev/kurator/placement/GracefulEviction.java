package dev.kurator.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Karmada's graceful-eviction rules ({@code pkg/controllers/gracefuleviction}): when a task that keeps the old
 * copy on an evicted cluster may be dropped, and when to look again.
 */
public final class GracefulEviction {

  /** Karmada's default {@code --graceful-eviction-timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private GracefulEviction() {}

  /**
   * One eviction task.
   *
   * @param fromCluster        the cluster being evicted
   * @param created            creation time, null when not yet stamped
   * @param gracePeriodSeconds task timeout overriding the default, null for the default
   * @param suppressDeletion   true: keep forever; false: drop now; null: decide by timeout and health
   */
  public record Task(String fromCluster, Instant created, Long gracePeriodSeconds, Boolean suppressDeletion) {
    public Task {
      Objects.requireNonNull(fromCluster, "fromCluster");
    }
  }

  /**
   * What the controller knows about the binding.
   *
   * @param timeout        default timeout
   * @param scheduled      whether the binding was scheduled after the eviction (observed generation matches)
   * @param newClusters    clusters of the new schedule result
   * @param observedHealth aggregated health per cluster ({@code Healthy}, {@code Unhealthy}, {@code Unknown})
   */
  public record Options(Duration timeout, boolean scheduled, List<String> newClusters,
      Map<String, String> observedHealth) {
    public Options {
      Objects.requireNonNull(timeout, "timeout");
      newClusters = newClusters == null ? List.of() : List.copyOf(newClusters);
      observedHealth = observedHealth == null ? Map.of() : Map.copyOf(observedHealth);
    }
  }

  /** Whether {@code task} is kept at {@code now}. */
  public static boolean keep(Task task, Options options, Instant now) {
    if (task.created() == null) {
      return true;
    }
    if (task.suppressDeletion() != null) {
      return task.suppressDeletion();
    }
    Duration timeout = task.gracePeriodSeconds() != null ? Duration.ofSeconds(task.gracePeriodSeconds())
        : options.timeout();
    if (task.created().plus(timeout).isBefore(now)) {
      return false;
    }
    if (options.scheduled()) {
      boolean allHealthy = true;
      for (String c : options.newClusters()) {
        if (!"Healthy".equals(options.observedHealth().get(c))) {
          allHealthy = false;
          break;
        }
      }
      if (allHealthy) {
        return false;
      }
    }
    return true;
  }

  /** When to assess again: the earliest timeout among tasks without {@code suppressDeletion}; zero if none. */
  public static Duration nextRetry(List<Task> tasks, Duration timeout, Instant now) {
    Duration best = null;
    for (Task t : tasks) {
      if (t.suppressDeletion() != null || t.created() == null) {
        continue;
      }
      Duration d = t.gracePeriodSeconds() != null ? Duration.ofSeconds(t.gracePeriodSeconds()) : timeout;
      Duration next = Duration.between(now, t.created().plus(d));
      if (best == null || next.compareTo(best) < 0) {
        best = next;
      }
    }
    return best == null ? Duration.ZERO : best;
  }
}
