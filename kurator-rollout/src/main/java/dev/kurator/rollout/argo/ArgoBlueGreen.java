package dev.kurator.rollout.argo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An Argo Rollouts blue-green strategy.
 *
 * @param replicas {@code spec.replicas}
 * @param autoPromotionEnabled promote as soon as the preview is ready (default true)
 * @param autoPromotionSeconds pause this long, then promote (0 = off)
 * @param prePromotionMetrics metrics of {@code prePromotionAnalysis}; empty for none
 * @param postPromotionMetrics metrics of {@code postPromotionAnalysis}; empty for none
 * @param abortScaleDownDelay how long the preview stays up after an abort (default 30s)
 */
public record ArgoBlueGreen(int replicas, boolean autoPromotionEnabled, Duration autoPromotionSeconds,
                            List<ArgoMetric> prePromotionMetrics, List<ArgoMetric> postPromotionMetrics,
                            Duration abortScaleDownDelay) {
  public ArgoBlueGreen {
    Objects.requireNonNull(autoPromotionSeconds, "autoPromotionSeconds");
    prePromotionMetrics = List.copyOf(prePromotionMetrics);
    postPromotionMetrics = List.copyOf(postPromotionMetrics);
    Objects.requireNonNull(abortScaleDownDelay, "abortScaleDownDelay");
  }

  /** Whether the rollout pauses once the preview is ready. */
  public boolean pausesBeforePromotion() {
    return !autoPromotionEnabled || !autoPromotionSeconds.isZero();
  }
}
