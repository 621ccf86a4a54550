package dev.kurator.placement.spi;

import dev.kurator.core.ClusterSnapshot;

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
}
