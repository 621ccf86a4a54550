package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.internal.SnapshotCache;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.Arrays;
import java.util.List;

/**
 * Karmada's {@code SpreadConstraint} filter: when spreading by provider, region or zone, a cluster without that
 * property cannot be grouped and is rejected.
 */
public final class SpreadConstraintFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "SpreadConstraint";

  /** Per snapshot, whether each cluster has a provider, a region and zones (always passes). */
  private final SnapshotCache<boolean[]> complete = new SnapshotCache<>(clusters -> {
    boolean[] all = new boolean[clusters.size()];
    for (int i = 0; i < all.length; i++) {
      ClusterSnapshot c = clusters.get(i);
      all[i] = !c.provider().isEmpty() && !c.region().isEmpty() && !c.zones().isEmpty();
    }
    return all;
  });

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

  /** Checks only clusters lacking a topology property, found by a per-snapshot index. */
  @Override
  public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    if (context.placement().spreadConstraints().isEmpty()) {
      return true;
    }
    boolean[] all = complete.getIfImmutable(clusters);
    if (all == null) {
      return FilterPlugin.super.filter(context, clusters, which, count, out);
    }
    boolean pass = true;
    for (int k = 0; k < count; k++) {
      int i = which[k];
      out[k] = all[i] ? FilterResult.SUCCESS : filter(context, clusters.get(i));
      pass &= out[k].isSuccess();
    }
    return pass;
  }
}
