package dev.kurator.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A canary analysis ({@code spec.analysis}), with Flagger's meaning for each field.
 *
 * @param interval time between ticks; Flagger's default 60s, values under 10s become 10s
 * @param threshold failed checks that trigger a rollback; 0 or less means 1
 * @param maxWeight promotion point of the canary strategy (not a cap); 0 means 100
 * @param stepWeight weight added per step; wins over {@code stepWeights} when both are set
 * @param stepWeights explicit weight steps; the last one (capped at 100) is the promotion point
 * @param stepWeightPromotion weight moved back to the primary per tick while promoting; 0 = all at once
 * @param iterations blue/green or A/B iterations; 0 for the canary strategy
 * @param mirror whether to mirror traffic before shifting it (Istio, Gateway API)
 * @param mirrorWeight share of traffic mirrored (Istio only), 0 = all
 * @param match A/B conditions: a list (ORed) of entries whose conditions are ANDed, kept as plain maps
 * @param metrics metric checks, run in order
 * @param webhooks webhooks, called in order within a type
 */
public record Analysis(Duration interval, int threshold, int maxWeight, int stepWeight, List<Integer> stepWeights,
                       int stepWeightPromotion, int iterations, boolean mirror, int mirrorWeight,
                       List<Map<String, Object>> match, List<MetricCheck> metrics, List<Webhook> webhooks) {

  /** Total weight the routers split. */
  public static final int TOTAL_WEIGHT = 100;
  /** Flagger's default analysis interval. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  /** Flagger's minimum analysis interval. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

  public Analysis {
    Objects.requireNonNull(interval, "interval");
    stepWeights = List.copyOf(stepWeights);
    match = List.copyOf(match);
    metrics = List.copyOf(metrics);
    webhooks = List.copyOf(webhooks);
  }

  /** A linear canary analysis with a one-minute interval. */
  public static Analysis canary(int stepWeight, int maxWeight, int threshold) {
    return new Analysis(DEFAULT_INTERVAL, threshold, maxWeight, stepWeight, List.of(), 0, 0, false, 0, List.of(),
        List.of(), List.of());
  }

  /** The tick interval actually used: at least 10 seconds. */
  public Duration effectiveInterval() {
    return interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
  }

  /** The threshold actually used: 1 when the configured one is 0 or less. */
  public int effectiveThreshold() {
    return threshold <= 0 ? 1 : threshold;
  }

  /** The promotion point: the last {@code stepWeights} entry capped at 100, else {@code maxWeight}, else 100. */
  public int effectiveMaxWeight() {
    if (!stepWeights.isEmpty()) {
      return Math.min(TOTAL_WEIGHT, stepWeights.get(stepWeights.size() - 1));
    }
    return maxWeight > 0 ? maxWeight : TOTAL_WEIGHT;
  }

  /** The strategy Flagger derives: match and iterations means A/B, iterations means blue/green, else canary. */
  public Strategy strategy() {
    if (!match.isEmpty() && iterations > 0) {
      return Strategy.AB_TESTING;
    }
    return iterations > 0 ? Strategy.BLUE_GREEN : Strategy.CANARY;
  }

  /** The size of the next step from canary weight {@code cw} (Flagger's {@code nextStepWeight}). */
  public int nextStepWeight(int cw) {
    if (stepWeight > 0 || stepWeights.isEmpty()) {
      return stepWeight;
    }
    int maxStep = TOTAL_WEIGHT - cw;
    if (maxStep == 0) {
      return 1;
    }
    if (cw == 0) {
      return Math.min(maxStep, stepWeights.get(0));
    }
    for (int i = 0; i < stepWeights.size() - 1; i++) {
      if (stepWeights.get(i) == cw) {
        return Math.min(maxStep, stepWeights.get(i + 1) - cw);
      }
    }
    return maxStep;
  }

  /** The hooks of one type, in declaration order. */
  public List<Webhook> hooks(HookType type) {
    return webhooks.stream().filter(h -> h.type() == type).toList();
  }

  /** A copy with other webhooks. */
  public Analysis withWebhooks(List<Webhook> value) {
    return new Analysis(interval, threshold, maxWeight, stepWeight, stepWeights, stepWeightPromotion, iterations, mirror,
        mirrorWeight, match, metrics, value);
  }

  /** A copy with other metrics. */
  public Analysis withMetrics(List<MetricCheck> value) {
    return new Analysis(interval, threshold, maxWeight, stepWeight, stepWeights, stepWeightPromotion, iterations, mirror,
        mirrorWeight, match, value, webhooks);
  }
}
