package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.Arrays;
import java.util.List;

/** Karmada's {@code ClusterEviction} filter: a cluster the resource is being evicted from is not chosen again. */
public final class ClusterEvictionFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "ClusterEviction";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    if (context.state().evictingClusters().contains(cluster.name())) {
      return FilterResult.unschedulable("cluster(s) is in the process of eviction");
    }
    return FilterResult.SUCCESS;
  }

  /** Passes every cluster without looking at it when nothing is being evicted. */
  @Override
  public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    if (context.state().evictingClusters().isEmpty()) {
      return true;
    }
    return FilterPlugin.super.filter(context, clusters, which, count, out);
  }
}
