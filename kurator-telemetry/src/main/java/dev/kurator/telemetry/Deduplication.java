package dev.kurator.telemetry;

import dev.kurator.telemetry.internal.PenaltyDedup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deduplication of HA replicas with Thanos's penalty algorithm ({@code --deduplication.func=penalty}, the default).
 *
 * <p>Replicas are the series that are equal once the replica labels are removed. Of two replicas the earliest sample
 * wins (ties go to the one listed first); after a pick at {@code t} following an emitted sample at {@code lastT}, the
 * other replica must skip every sample earlier than {@code t + 1 + 2*(t - lastT)}; the first pick gives it a penalty
 * of 5000 ms. So a replica takes over only after a gap longer than about two scrape intervals, and a single missed
 * scrape never flips replicas. Iterators only move forward, as Thanos's production chunk iterators do.
 *
 * <p>Counter adjustment ({@code counterAdjust}) applies only when the selector sits directly inside {@code rate},
 * {@code irate}, {@code increase} or {@code resets} (see {@link #isCounterFunction}): at a replica switch a replica
 * whose value is below the last emitted value is raised by the difference, so a counter never drops at a switch.
 */
public final class Deduplication {

  private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase", "resets");

  private Deduplication() {
  }

  /**
   * Whether a PromQL function that directly wraps a selector turns on counter adjustment (Thanos's
   * {@code isCounter}): {@code rate}, {@code irate}, {@code increase}, {@code resets}.
   */
  public static boolean isCounterFunction(String function) {
    return COUNTER_FUNCTIONS.contains(function);
  }

  /**
   * Merges the replicas of one series into one.
   *
   * @param replicas      each replica's points, ascending by time, in replica order (ties go to earlier replicas)
   * @param counterAdjust whether to apply the counter adjustment at switches
   * @return the merged points, ascending
   */
  public static List<Point> penalty(List<List<Point>> replicas, boolean counterAdjust) {
    if (replicas.size() == 1) {
      return List.copyOf(replicas.get(0));
    }
    List<long[]> ts = new ArrayList<>(replicas.size());
    List<double[]> vs = new ArrayList<>(replicas.size());
    for (List<Point> r : replicas) {
      long[] t = new long[r.size()];
      double[] v = new double[r.size()];
      for (int i = 0; i < t.length; i++) {
        Point p = r.get(i);
        t[i] = p.timestampMillis();
        v[i] = p.value();
      }
      ts.add(t);
      vs.add(v);
    }
    PenaltyDedup.Merged merged = PenaltyDedup.dedup(ts, vs, counterAdjust);
    Point[] out = new Point[merged.timestamps().length];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Point(merged.timestamps()[i], merged.values()[i]);
    }
    return List.of(out);
  }

  /**
   * Removes the replica labels from every series, groups the series that are then equal and merges each group with
   * {@link #penalty}. Within a group, replicas keep the order in which they appear in {@code series}.
   *
   * @param series        series from all replicas, in a stable order (e.g. endpoint order)
   * @param replicaLabels label names that tell replicas apart, e.g. {@code replica}; may be empty
   * @param counterAdjust whether to apply the counter adjustment at switches
   * @return one series per group, sorted by labels as Prometheus sorts a matrix
   */
  public static List<Series> dedup(Collection<Series> series, Set<String> replicaLabels, boolean counterAdjust) {
    Map<Labels, List<List<Point>>> groups = new LinkedHashMap<>();
    for (Series s : series) {
      groups.computeIfAbsent(s.metric().without(replicaLabels), k -> new ArrayList<>(2)).add(s.points());
    }
    List<Series> out = new ArrayList<>(groups.size());
    groups.forEach((labels, replicas) -> out.add(new Series(labels, penalty(replicas, counterAdjust))));
    out.sort((x, y) -> x.metric().compareTo(y.metric()));
    return out;
  }

  /**
   * The instant-vector form of {@link #dedup(Collection, Set, boolean)}: removes the replica labels and keeps, per
   * group, the sample the penalty algorithm picks (the earliest; on a tie the first listed).
   *
   * @param samples       samples from all replicas, in a stable order
   * @param replicaLabels label names that tell replicas apart; may be empty
   * @return one sample per group, in order of first appearance
   */
  public static List<Sample> dedupVector(Collection<Sample> samples, Set<String> replicaLabels) {
    Map<Labels, Sample> picked = new LinkedHashMap<>();
    for (Sample s : samples) {
      Labels key = s.metric().without(replicaLabels);
      picked.merge(key, s.withMetric(key),
          (kept, other) -> other.point().timestampMillis() < kept.point().timestampMillis() ? other : kept);
    }
    return List.copyOf(picked.values());
  }
}
