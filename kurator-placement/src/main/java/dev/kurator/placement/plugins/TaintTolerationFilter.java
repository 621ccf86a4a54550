package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.placement.Toleration;
import dev.kurator.placement.internal.SnapshotCache;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.List;

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

  /** Per snapshot, whether each cluster is ready and has no NoSchedule/NoExecute taint (always passes). */
  private final SnapshotCache<boolean[]> untainted = new SnapshotCache<>(clusters -> {
    boolean[] free = new boolean[clusters.size()];
    for (int i = 0; i < free.length; i++) {
      ClusterSnapshot c = clusters.get(i);
      free[i] = c.ready() && c.taints().stream().noneMatch(TaintTolerationFilter::repels);
    }
    return free;
  });

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

  /** Checks only the clusters that have a taint to tolerate, found by a per-snapshot index. */
  @Override
  public void filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    boolean[] free = untainted.getIfImmutable(clusters);
    if (free == null) {
      FilterPlugin.super.filter(context, clusters, which, count, out);
      return;
    }
    for (int k = 0; k < count; k++) {
      int i = which[k];
      out[k] = free[i] ? FilterResult.SUCCESS : filter(context, clusters.get(i));
    }
  }

  /** Whether a taint keeps untolerating resources away (NoSchedule or NoExecute). */
  private static boolean repels(Taint taint) {
    return taint.effect() == TaintEffect.NO_SCHEDULE || taint.effect() == TaintEffect.NO_EXECUTE;
  }

  private static FilterResult check(PluginContext context, Taint taint) {
    if (!repels(taint)) {
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
