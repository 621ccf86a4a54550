package dev.kurator.placement.spi;

import dev.kurator.core.TargetCluster;
import dev.kurator.placement.DivisionKind;
import java.util.List;

/**
 * Replaces the replica division for one {@link DivisionKind}, e.g. a legacy or a minimum-per-cluster division.
 * Receives the selected clusters of one overflow tier; zero entries in the result are dropped by the scheduler.
 */
public interface DivisionStrategy extends SchedulerPlugin {

  /** The placement kind this strategy divides. */
  DivisionKind kind();

  /**
   * Divides {@code desired} replicas over {@code clusters}.
   *
   * @param clusters  selected clusters, in selection order
   * @param desired   replicas to place on these clusters
   * @param previous  the current assignment restricted to these clusters
   * @param context   the request
   * @throws dev.kurator.placement.SchedulingException when the replicas do not fit
   */
  List<TargetCluster> divide(List<ScoredCluster> clusters, int desired, List<TargetCluster> previous,
      PluginContext context);
}
