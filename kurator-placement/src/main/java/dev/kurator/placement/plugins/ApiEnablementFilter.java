package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.internal.SnapshotCache;
import dev.kurator.placement.spi.FilterPlugin;
import dev.kurator.placement.spi.FilterResult;
import dev.kurator.placement.spi.PluginContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Karmada's {@code APIEnablement} filter: a cluster must serve the resource's group-version and kind (unless the
 * resource is already there). A cluster whose API list is incomplete is rejected too, as in Karmada.
 */
public final class ApiEnablementFilter implements FilterPlugin {

  /** Plugin name. */
  public static final String NAME = "APIEnablement";
  private static final FilterResult NOT_SERVED = FilterResult.unschedulable("cluster(s) did not have the API resource");
  /** Distinct APIs indexed per snapshot before the index starts over. */
  private static final int API_LIMIT = 1000;

  /** An API: group-version and kind. */
  private record Api(String groupVersion, String kind) {}

  /** Per snapshot and API, whether each cluster serves it. */
  private final SnapshotCache<Map<Api, boolean[]>> served = new SnapshotCache<>(c -> new ConcurrentHashMap<>());

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
    return NOT_SERVED;
  }

  /** Uses a per-snapshot index of the clusters serving the resource's API. */
  @Override
  public boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    Map<Api, boolean[]> index = served.getIfImmutable(clusters);
    if (index == null) {
      return FilterPlugin.super.filter(context, clusters, which, count, out);
    }
    if (index.size() > API_LIMIT) {
      index.clear();
    }
    Api api = new Api(context.workload().groupVersion(), context.workload().kind());
    boolean[] serves = index.computeIfAbsent(api, a -> {
      boolean[] s = new boolean[clusters.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = clusters.get(i).servesApi(a.groupVersion(), a.kind());
      }
      return s;
    });
    boolean placed = !context.previousReplicas().isEmpty();
    boolean pass = true;
    for (int k = 0; k < count; k++) {
      int i = which[k];
      boolean ok = serves[i] || placed && context.isScheduledOn(clusters.get(i).name());
      out[k] = ok ? FilterResult.SUCCESS : NOT_SERVED;
      pass &= ok;
    }
    return pass;
  }
}
