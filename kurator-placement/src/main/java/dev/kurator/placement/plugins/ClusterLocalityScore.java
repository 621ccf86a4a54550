package dev.kurator.placement.plugins;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.spi.PluginContext;
import dev.kurator.placement.spi.ScorePlugin;

/** Karmada's {@code ClusterLocality} score: 100 for clusters the resource is already on, else 0 (stickiness). */
public final class ClusterLocalityScore implements ScorePlugin {

  /** Plugin name. */
  public static final String NAME = "ClusterLocality";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public long score(PluginContext context, ClusterSnapshot cluster) {
    return context.isScheduledOn(cluster.name()) ? MAX_SCORE : 0;
  }
}
