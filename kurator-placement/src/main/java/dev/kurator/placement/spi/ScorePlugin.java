package dev.kurator.placement.spi;

import dev.kurator.core.ClusterSnapshot;
import java.util.List;

/**
 * Ranks feasible clusters, as Karmada's {@code ScorePlugin}: a cluster's score is the sum of every enabled score
 * plugin's score (Karmada's in-tree plugins give 0 or 100).
 */
public interface ScorePlugin extends SchedulerPlugin {

  /** Highest score a well-behaved plugin gives. */
  long MAX_SCORE = 100;

  /**
   * Scores {@code cluster}, normally in {@code [0, MAX_SCORE]}. A throwing plugin makes the cluster an error verdict.
   */
  long score(PluginContext context, ClusterSnapshot cluster);

  /**
   * Scores several clusters of one snapshot at once: {@code out[k]} receives the score of
   * {@code clusters.get(which[k])}, for {@code k < count}. The default calls
   * {@link #score(PluginContext, ClusterSnapshot)} for each; override it to share work across a snapshot. The scores
   * must be those of the per-cluster method. When it throws, the scheduler falls back to the per-cluster method, so
   * that only the clusters where that throws too get an error verdict.
   *
   * @param clusters the whole snapshot
   * @param which    indices into {@code clusters} of the clusters to score, in ascending order
   * @param count    how many entries of {@code which} are used
   * @param out      receives one score per used entry of {@code which}
   */
  default void score(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count, long[] out) {
    for (int k = 0; k < count; k++) {
      out[k] = score(context, clusters.get(which[k]));
    }
  }
}
