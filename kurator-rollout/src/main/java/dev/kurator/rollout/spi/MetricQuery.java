package dev.kurator.rollout.spi;

import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.MetricCheck;
import java.util.Objects;

/**
 * One metric to read for one canary on one cluster.
 *
 * @param cluster the member cluster's name
 * @param canary the canary (name, namespace, target, service for query templates)
 * @param metric the check; its {@code interval} is the query window
 */
public record MetricQuery(String cluster, CanarySpec canary, MetricCheck metric) {
  public MetricQuery {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(canary, "canary");
    Objects.requireNonNull(metric, "metric");
  }
}
