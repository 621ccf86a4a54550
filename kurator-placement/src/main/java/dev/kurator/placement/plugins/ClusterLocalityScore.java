package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScorePlugin;
import java.util.Arrays;
import java.util.List;

/** Karmada's {@code ClusterLocality} score: 100 for clusters the resource is already on, else 0 (stickiness). */
public final class ClusterLocalityScore implements ScorePlugin {

  /** Plugin name. */
  public static final String NAME = "ClusterLocality";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(PluginContext context, ClusterSnapshot cluster) {
    return context.isScheduledOn(cluster.name()) ? MAX_SCORE : 0;
  }

  /** Scores every cluster 0 without looking at it when the resource is not placed anywhere yet. */
  @Override
  public void score(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count, long[] out) {
    if (context.previousReplicas().isEmpty()) {
      Arrays.fill(out, 0, count, 0);
    } else {
      ScorePlugin.super.score(context, clusters, which, count, out);
    }
  }
}
