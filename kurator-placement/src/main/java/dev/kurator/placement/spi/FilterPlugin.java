package dev.kurator.placement.spi;

import dev.kurator.core.ClusterSnapshot;

/** Rejects clusters a resource must not go to, as Karmada's {@code FilterPlugin}. */
public interface FilterPlugin extends SchedulerPlugin {

  /**
   * Decides whether {@code cluster} may receive the resource. Throwing is allowed: the scheduler turns it into an
   * {@link FilterResult.Code#ERROR} verdict for this cluster only.
   */
  FilterResult filter(PluginContext context, ClusterSnapshot cluster);
}
