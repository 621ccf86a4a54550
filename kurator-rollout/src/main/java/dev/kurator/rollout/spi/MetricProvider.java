package dev.kurator.rollout.spi;

import dev.kurator.rollout.MetricValue;

/**
 * Reads canary metrics (Flagger's metric providers). An implementation answers the built-in
 * {@code request-success-rate} (percent of non-5xx, 0-100) and {@code request-duration} (P99 in milliseconds) for its
 * mesh, plus custom queries. An empty result or NaN is {@link MetricValue.NoValues}; a failure is
 * {@link MetricValue.Error} (throwing is treated the same way).
 */
public interface MetricProvider {

  /** The provider's name, for logs. */
  String name();

  /** Reads one metric now. */
  MetricValue query(MetricQuery query);
}
