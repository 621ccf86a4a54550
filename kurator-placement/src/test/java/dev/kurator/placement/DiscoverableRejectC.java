package dev.kurator.placement;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;

/** A plugin found through {@code META-INF/services}: rejects cluster {@code c}. */
public class DiscoverableRejectC implements FilterPlugin {

  static final String NAME = "DiscoverableRejectC";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    return cluster.name().equals("c") ? FilterResult.unschedulable("discovered plugin rejects c") : FilterResult.SUCCESS;
  }
}
