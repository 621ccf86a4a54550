package dev.kurator.placement.plugins;

/**
 * Prefers clusters on cleaner power. The metric is the grid's carbon intensity in gCO2eq/kWh, by default from the
 * cluster label {@value #LABEL}.
 *
 * <p>Formula: {@code score = round(100 * (1 - min(intensity, ceiling) / ceiling))}; default ceiling 1000 gCO2eq/kWh
 * (scores 0), a carbon-free grid scores 100, an unknown intensity scores {@code unknownScore} (default 0).
 */
public final class CarbonAwareScore extends LowerIsBetterScore {

  /** Plugin name. */
  public static final String NAME = "CarbonAware";
  /** Default label carrying the carbon intensity in gCO2eq/kWh. */
  public static final String LABEL = "kurator.dev/carbon-intensity";

  /** Reads intensities from {@value #LABEL}, ceiling 1000. */
  public CarbonAwareScore() {
    this(ClusterMetricSource.fromLabel(LABEL));
  }

  /** Intensities from {@code source}, ceiling 1000 gCO2eq/kWh, unknown scores 0. */
  public CarbonAwareScore(ClusterMetricSource source) {
    this(source, 1000, 0);
  }

  /**
   * @param source       per-cluster carbon intensity in gCO2eq/kWh
   * @param ceiling      intensity that scores 0, must be &gt; 0
   * @param unknownScore score of a cluster without a value, in [0, 100]
   */
  public CarbonAwareScore(ClusterMetricSource source, double ceiling, long unknownScore) {
    super(source, ceiling, unknownScore);
  }

  @Override
  public String name() {
    return NAME;
  }
}
