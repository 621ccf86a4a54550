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

  /**
   * The outcome of {@link #evict}: the assignment without the cluster, and the task list with a task for it.
   *
   * @param assignment the remaining assignment (its replica sum now falls short, which triggers a scale-up)
   * @param tasks      the tasks, with one for the evicted cluster
   */
  public record Eviction(dev.kurator.core.Assignment assignment, List<Task> tasks) {
    public Eviction {
      Objects.requireNonNull(assignment, "assignment");
      tasks = List.copyOf(tasks);
    }
  }

  /**
   * Karmada's {@code GracefulEvictCluster}: removes {@code cluster} from the assignment and adds a task for it
   * (unless one exists). Nothing changes when the cluster is not in the assignment. Pass the tasks' clusters to
   * {@link BindingState#withEvictingClusters} so the scheduler keeps the cluster out.
   */
  public static Eviction evict(dev.kurator.core.Assignment assignment, List<Task> tasks, String cluster,
      Instant now, Long gracePeriodSeconds, Boolean suppressDeletion) {
    if (!assignment.contains(cluster)) {
      return new Eviction(assignment, tasks);
    }
    List<dev.kurator.core.TargetCluster> remaining = new java.util.ArrayList<>();
    for (dev.kurator.core.TargetCluster t : assignment.targets()) {
      if (!t.name().equals(cluster)) {
        remaining.add(t);
      }
    }
    List<Task> next = new java.util.ArrayList<>(tasks);
    if (tasks.stream().noneMatch(t -> t.fromCluster().equals(cluster))) {
      next.add(new Task(cluster, now, gracePeriodSeconds, suppressDeletion));
    }
    return new Eviction(new dev.kurator.core.Assignment(remaining), next);
  }
}
