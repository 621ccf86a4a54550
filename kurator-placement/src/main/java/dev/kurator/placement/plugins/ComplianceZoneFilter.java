package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;

/**
 * Keeps a workload inside its compliance zones: a workload with allowed zones only goes to clusters whose
 * {@value #LABEL} label is one of them (a cluster without the label is outside every zone). Unlike the other
 * filters it applies to clusters the workload is already on, and the scheduler enforces it even when disabled.
 */
public final class ComplianceZoneFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "ComplianceZone";
  /** The cluster label naming the cluster's compliance zone. */
  public static final String LABEL = "kurator.dev/compliance-zone";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    return check(context, cluster);
  }

  /** Passes every cluster without looking at it when the workload has no compliance zones. */
  @Override
  public boolean filter(PluginContext context, java.util.List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    if (context.workload().complianceZones().isEmpty()) {
      return true;
    }
    return FilterPlugin.super.filter(context, clusters, which, count, out);
  }

  /** The check itself, shared with the scheduler's always-on guard. */
  public static FilterResult check(PluginContext context, ClusterSnapshot cluster) {
    var allowed = context.workload().complianceZones();
    if (allowed.isEmpty()) {
      return FilterResult.SUCCESS;
    }
    String zone = cluster.labels().get(LABEL);
    if (zone == null) {
      return FilterResult.unschedulable("cluster has no " + LABEL + " label; workload requires one of "
          + new java.util.TreeSet<>(allowed));
    }
    if (!allowed.contains(zone)) {
      return FilterResult.unschedulable("cluster compliance zone \"" + zone + "\" is not one of "
          + new java.util.TreeSet<>(allowed));
    }
    return FilterResult.SUCCESS;
  }
}
