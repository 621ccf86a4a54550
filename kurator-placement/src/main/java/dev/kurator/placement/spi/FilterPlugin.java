package dev.kurator.placement.spi;

import dev.kurator.core.ClusterSnapshot;
import java.util.List;

/** Rejects clusters a resource must not go to, as Karmada's {@code FilterPlugin}. */
public interface FilterPlugin extends SchedulerPlugin {

  /**
   * Decides whether {@code cluster} may receive the resource. Throwing is allowed: the scheduler turns it into an
   * {@link FilterResult.Code#ERROR} verdict for this cluster only.
   */
  FilterResult filter(PluginContext context, ClusterSnapshot cluster);

  /**
   * Filters several clusters of one snapshot at once: {@code out[k]} receives the verdict for
   * {@code clusters.get(which[k])}, for {@code k < count}. The default calls
   * {@link #filter(PluginContext, ClusterSnapshot)} for each; override it to share work across a snapshot (the list
   * is the same instance for as long as the host reuses its snapshot). The verdicts must be those of the per-cluster
   * method. When it throws, the scheduler falls back to the per-cluster method, so that only the clusters where that
   * throws too get an error verdict.
   *
   * @param clusters the whole snapshot
   * @param which    indices into {@code clusters} of the clusters to filter, in ascending order
   * @param count    how many entries of {@code which} are used
   * @param out      receives one verdict per used entry of {@code which}, unless the method returns true
   * @return true when every cluster passes, in which case {@code out} may be left unwritten
   */
  default boolean filter(PluginContext context, List<ClusterSnapshot> clusters, int[] which, int count,
      FilterResult[] out) {
    for (int k = 0; k < count; k++) {
      out[k] = filter(context, clusters.get(which[k]));
    }
    return false;
  }
}
