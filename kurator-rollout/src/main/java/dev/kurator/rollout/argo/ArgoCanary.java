package dev.kurator.rollout.argo;

import java.util.List;

/**
 * An Argo Rollouts canary strategy.
 *
 * @param replicas {@code spec.replicas}
 * @param steps the steps
 * @param trafficRouted whether a traffic router splits traffic (else the weight is approximated with pods)
 * @param maxSurge surge replicas allowed for the basic canary (absolute)
 * @param backgroundMetrics metrics of {@code strategy.canary.analysis}; empty for none
 * @param backgroundStartingStep the step index at which the background run starts
 */
public record ArgoCanary(int replicas, List<Step> steps, boolean trafficRouted, int maxSurge,
                         List<ArgoMetric> backgroundMetrics, int backgroundStartingStep) {
  public ArgoCanary {
    steps = List.copyOf(steps);
    backgroundMetrics = List.copyOf(backgroundMetrics);
  }

  /**
   * Argo's {@code GetCurrentSetWeight}: the last {@code setWeight} at or before {@code index}, 0 when none, 100 past
   * the last step.
   */
  public int weightAt(int index) {
    if (index >= steps.size()) {
      return 100;
    }
    int w = 0;
    for (int i = 0; i <= index; i++) {
      if (steps.get(i) instanceof Step.SetWeight s) {
        w = s.weight();
      }
    }
    return w;
  }
}
