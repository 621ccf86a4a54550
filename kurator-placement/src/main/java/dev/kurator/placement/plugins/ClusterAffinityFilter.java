package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.ClusterAffinity;
import dev.kurator.placement.OverflowAffinity;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.Arrays;
import java.util.List;
import dev.kurator.placement.spi.ScorePlugin;

/**
 * Karmada's {@code ClusterAffinity} plugin: keeps clusters matching the affinity in force (the placement's, or the
 * {@code clusterAffinities} term being tried and, for workloads, its overflow tiers). Scores every cluster 0.
 */
public final class ClusterAffinityFilter implements FilterPlugin, ScorePlugin {

  /** Plugin name. */
  public static final String NAME = "ClusterAffinity";
  static final String REASON = "cluster(s) did not match the placement cluster affinity constraint";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    ClusterAffinity affinity = context.effectiveAffinity();
    if (affinity == null || affinity.matches(cluster)) {
      return FilterResult.SUCCESS;
    }
    if (context.affinityTerm() != null && context.workload().isWorkload()) {
      for (OverflowAffinity o : context.affinityTerm().overflowAffinities()) {
        if (o.affinity().matches(cluster)) {
          return FilterResult.SUCCESS;
        }
      }
    }
    return FilterResult.unschedulable(REASON);
  }

  /** Passes every cluster without looking at it when no affinity is in force. */
  @Override
  public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    if (context.effectiveAffinity() == null) {
      return true;
    }
    return FilterPlugin.super.filter(context, clusters, which, count, out);
  }

  @Override
  public long score(PluginContext context, ClusterSnapshot cluster) {
    return 0;
  }

  @Override
  public void score(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count, long[] out) {
    Arrays.fill(out, 0, count, 0);
  }
}
