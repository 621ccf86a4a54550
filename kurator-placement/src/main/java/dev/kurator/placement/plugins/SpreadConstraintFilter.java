package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;

/**
 * Karmada's {@code SpreadConstraint} filter: when spreading by provider, region or zone, a cluster without that
 * property cannot be grouped and is rejected.
 */
public final class SpreadConstraintFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "SpreadConstraint";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    for (SpreadConstraint c : context.placement().spreadConstraints()) {
      if (c.spreadByField() == SpreadField.PROVIDER && cluster.provider().isEmpty()) {
        return FilterResult.unschedulable("cluster(s) did not have provider property");
      }
      if (c.spreadByField() == SpreadField.REGION && cluster.region().isEmpty()) {
        return FilterResult.unschedulable("cluster(s) did not have region property");
      }
      if (c.spreadByField() == SpreadField.ZONE && cluster.zones().isEmpty()) {
        return FilterResult.unschedulable("cluster(s) did not have zones property");
      }
    }
    return FilterResult.SUCCESS;
  }
}
