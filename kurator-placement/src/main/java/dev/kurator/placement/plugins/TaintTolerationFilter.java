package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.placement.Toleration;
import dev.kurator.placement.internal.SnapshotCache;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.ArrayList;
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

  /** The taints of one cluster to tolerate, in checking order, each with its rejection verdict. */
  private record Repelling(Taint[] taints, FilterResult[] rejections) {}

  /** Per snapshot and cluster, its taints to tolerate; null for a cluster with none (it always passes). */
  private final SnapshotCache<Repelling[]> repellingBySnapshot = new SnapshotCache<>(clusters -> {
    Repelling[] out = new Repelling[clusters.size()];
    for (int i = 0; i < out.length; i++) {
      List<Taint> taints = repelling(clusters.get(i));
      if (!taints.isEmpty()) {
        out[i] = new Repelling(taints.toArray(new Taint[0]),
            taints.stream().map(TaintTolerationFilter::rejection).toArray(FilterResult[]::new));
      }
    }
    return out;
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
    for (Taint taint : repelling(cluster)) {
      if (!tolerated(context, taint)) {
        return rejection(taint);
      }
    }
    return FilterResult.SUCCESS;
  }

  /**
   * Checks only the clusters that have a taint to tolerate, with the taints and verdicts indexed once per
   * snapshot.
   */
  @Override
  public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    Repelling[] index = repellingBySnapshot.getIfImmutable(clusters);
    if (index == null) {
      return FilterPlugin.super.filter(context, clusters, which, count, out);
    }
    boolean placed = !context.previousReplicas().isEmpty();
    boolean pass = true;
    for (int k = 0; k < count; k++) {
      int i = which[k];
      Repelling r = index[i];
      out[k] = FilterResult.SUCCESS;
      if (r == null || placed && context.isScheduledOn(clusters.get(i).name())) {
        continue;
      }
      for (int t = 0; t < r.taints().length; t++) {
        if (!tolerated(context, r.taints()[t])) {
          out[k] = r.rejections()[t];
          pass = false;
          break;
        }
      }
    }
    return pass;
  }

  /**
   * The taints of {@code cluster} that must be tolerated (NoSchedule and NoExecute), in checking order: the
   * not-ready taint first for a cluster that is not ready and does not carry it already.
   */
  private static List<Taint> repelling(ClusterSnapshot cluster) {
    List<Taint> out = new ArrayList<>(cluster.taints().size() + 1);
    if (!cluster.ready() && cluster.taints().stream().noneMatch(t -> t.key().equals(NOT_READY.key()))) {
      out.add(NOT_READY);
    }
    for (Taint taint : cluster.taints()) {
      if (taint.effect() == TaintEffect.NO_SCHEDULE || taint.effect() == TaintEffect.NO_EXECUTE) {
        out.add(taint);
      }
    }
    return out;
  }

  private static boolean tolerated(PluginContext context, Taint taint) {
    for (Toleration t : context.placement().clusterTolerations()) {
      if (t.tolerates(taint)) {
        return true;
      }
    }
    return false;
  }

  private static FilterResult rejection(Taint taint) {
    return FilterResult.unschedulable("cluster(s) had untolerated taint {" + taint.key() + "=" + taint.value()
        + ":" + taint.effect().wireName() + "}");
  }
}
