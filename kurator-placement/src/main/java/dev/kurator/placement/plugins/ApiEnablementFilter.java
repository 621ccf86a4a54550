package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;

/**
 * Karmada's {@code APIEnablement} filter: a cluster must serve the resource's group-version and kind (unless the
 * resource is already there). A cluster whose API list is incomplete is rejected too, as in Karmada.
 */
public final class ApiEnablementFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "APIEnablement";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    if (context.isScheduledOn(cluster.name())
        || cluster.servesApi(context.workload().groupVersion(), context.workload().kind())) {
      return FilterResult.SUCCESS;
    }
    return FilterResult.unschedulable("cluster(s) did not have the API resource");
  }
}
