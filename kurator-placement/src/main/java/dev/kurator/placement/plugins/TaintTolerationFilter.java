package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.placement.Toleration;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;

/**
 * Karmada's {@code TaintToleration} filter: rejects a cluster with a {@code NoSchedule} or {@code NoExecute} taint
 * the placement does not tolerate. Clusters the resource is already on are kept, so a new taint never removes an
 * existing placement.
 */
public final class TaintTolerationFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "TaintToleration";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    if (context.isScheduledOn(cluster.name())) {
      return FilterResult.SUCCESS;
    }
    for (Taint taint : cluster.taints()) {
      if (taint.effect() != TaintEffect.NO_SCHEDULE && taint.effect() != TaintEffect.NO_EXECUTE) {
        continue;
      }
      boolean tolerated = false;
      for (Toleration t : context.placement().clusterTolerations()) {
        if (t.tolerates(taint)) {
          tolerated = true;
          break;
        }
      }
      if (!tolerated) {
        return FilterResult.unschedulable("cluster(s) had untolerated taint {" + taint.key() + "=" + taint.value()
            + ":" + taint.effect().wireName() + "}");
      }
    }
    return FilterResult.SUCCESS;
  }
}
