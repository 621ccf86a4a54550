package dev.kurator.placement.plugins;

/**
 * Prefers cheaper clusters. The metric is the price of one replica-hour (any currency, as long as every cluster uses
 * the same), by default from the cluster label {@value #LABEL}.
 *
 * <p>Formula: {@code score = round(100 * (1 - min(price, ceiling) / ceiling))}; a cluster at or above the ceiling
 * scores 0, a free one 100, an unknown price scores {@code unknownScore} (default 0). Default ceiling: 1.0.
 */
public final class CostAwareScore extends LowerIsBetterScore {

  /** Plugin name. */
  public static final String NAME = "CostAware";
  /** Default label carrying the price of one replica-hour. */
  public static final String LABEL = "kurator.dev/cost-per-replica-hour";

  /** Reads prices from {@value #LABEL}, ceiling 1.0. */
  public CostAwareScore() {
    this(ClusterMetricSource.fromLabel(LABEL), 1.0, 0);
  }

  /**
   * @param source       per-cluster price of one replica-hour
   * @param ceiling      price that scores 0, must be &gt; 0
   * @param unknownScore score of a cluster without a price, in [0, 100]
   */
  public CostAwareScore(ClusterMetricSource source, double ceiling, long unknownScore) {
    super(source, ceiling, unknownScore);
  }

  @Override
  public String name() {
    return NAME;
  }
}
