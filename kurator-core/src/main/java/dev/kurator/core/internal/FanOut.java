package dev.kurator.core.internal;

import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.Fleet;
import dev.kurator.core.KuratorException;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Outcome;
import dev.kurator.core.ResourceRef;
import dev.kurator.core.FleetResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one task per member on the fleet's pool and gathers the rows in fleet order. */
public final class FanOut {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);

  private FanOut() {}

  /**
   * Runs {@code perCluster} for every target concurrently and waits for all of them. A task that throws (a bug, or
   * a rejected submission) becomes a {@link Outcome.Failed} row on {@code fallback}.
   */
  public static <T> FleetResult<T> run(Fleet fleet, FleetRuntime rt, List<MemberCluster> targets, ResourceRef fallback,
      Function<MemberCluster, List<ClusterOutcome<T>>> perCluster) {
    List<Future<List<ClusterOutcome<T>>>> futures = new ArrayList<>();
    List<Throwable> rejected = new ArrayList<>();
    for (MemberCluster m : targets) {
      try {
        futures.add(rt.executor().submit(() -> perCluster.apply(m)));
        rejected.add(null);
      } catch (RejectedExecutionException e) {
        futures.add(null);
        rejected.add(e);
      }
    }
    List<ClusterOutcome<T>> rows = new ArrayList<>();
    try {
      for (int i = 0; i < targets.size(); i++) {
        String cluster = targets.get(i).name();
        Future<List<ClusterOutcome<T>>> f = futures.get(i);
        if (f == null) {
          rows.add(new ClusterOutcome<>(cluster, fallback, new Outcome.Failed<>(rejected.get(i), 0), Duration.ZERO));
          continue;
        }
        try {
          rows.addAll(f.get());
        } catch (ExecutionException e) {
          log.error("fleet {}: task for cluster {} threw", fleet.name(), cluster, e.getCause());
          rows.add(new ClusterOutcome<>(cluster, fallback, new Outcome.Failed<>(e.getCause(), 1), Duration.ZERO));
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> {
        if (f != null) {
          f.cancel(true);
        }
      });
      Thread.currentThread().interrupt();
      throw new KuratorException("interrupted while waiting for fleet \"" + fleet.name() + "\"", e);
    }
    return new FleetResult<>(fleet.name(), targets.stream().map(MemberCluster::name).toList(), rows);
  }

  /** Runs {@code work} and returns its outcome as a row with the time it took. */
  public static <T> ClusterOutcome<T> timed(String cluster, ResourceRef ref, Supplier<Outcome<T>> work) {
    long start = System.nanoTime();
    Outcome<T> outcome = work.get();
    return new ClusterOutcome<>(cluster, ref, outcome, Duration.ofNanos(System.nanoTime() - start));
  }
}
