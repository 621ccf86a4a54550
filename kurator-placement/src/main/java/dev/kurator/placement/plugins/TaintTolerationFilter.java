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
 * existing placement. A cluster whose snapshot is not ready counts as tainted {@code cluster.karmada.io/not-ready:NoSchedule},
 * as Karmada's cluster controller does.
 */
public final class TaintTolerationFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "TaintToleration";
  /**
   * The taint Karmada's cluster controller puts on a cluster that is not ready; a snapshot with {@code ready=false}
   * is treated as carrying it.
   */
  public static final Taint NOT_READY = new Taint("cluster.karmada.io/not-ready", "", TaintEffect.NO_SCHEDULE);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public FilterResult filter(PluginContext context, ClusterSnapshot cluster) {
    if (context.isScheduledOn(cluster.name())) {
      return FilterResult.SUCCESS;
    }
    if (!cluster.ready() && cluster.taints().stream().noneMatch(t -> t.key().equals(NOT_READY.key()))) {
      FilterResult r = check(context, NOT_READY);
      if (!r.isSuccess()) {
        return r;
      }
    }
    for (Taint taint : cluster.taints()) {
      FilterResult r = check(context, taint);
      if (!r.isSuccess()) {
        return r;
      }
    }
    return FilterResult.SUCCESS;
  }

  private static FilterResult check(PluginContext context, Taint taint) {
    if (taint.effect() != TaintEffect.NO_SCHEDULE && taint.effect() != TaintEffect.NO_EXECUTE) {
      return FilterResult.SUCCESS;
    }
    for (Toleration t : context.placement().clusterTolerations()) {
      if (t.tolerates(taint)) {
        return FilterResult.SUCCESS;
      }
    }
    return FilterResult.unschedulable("cluster(s) had untolerated taint {" + taint.key() + "=" + taint.value()
        + ":" + taint.effect().wireName() + "}");
  }
}
