package dev.kurator.rollout;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
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

  /**
   * Adds every problem of this analysis to {@code p}, with paths under {@code prefix} (e.g. {@code spec.analysis}):
   * ranges of weights and counts, strictly increasing {@code stepWeights}, unique metric and webhook names, metric
   * bounds, webhook URLs and timeouts.
   */
  public void checkInto(Problems p, String prefix) {
    p.check(interval().isNegative() || interval().isZero(), prefix + ".interval", interval(),
        "must be positive");
    p.check(threshold() < 0, prefix + ".threshold", threshold(), "must not be negative");
    p.check(maxWeight() < 0 || maxWeight() > 100, prefix + ".maxWeight", maxWeight(),
        "must be between 0 and 100");
    p.check(stepWeight() < 0 || stepWeight() > 100, prefix + ".stepWeight", stepWeight(),
        "must be between 0 and 100");
    p.check(stepWeightPromotion() < 0 || stepWeightPromotion() > 100, prefix + ".stepWeightPromotion",
        stepWeightPromotion(), "must be between 0 and 100");
    p.check(iterations() < 0, prefix + ".iterations", iterations(), "must not be negative");
    p.check(mirrorWeight() < 0 || mirrorWeight() > 100, prefix + ".mirrorWeight", mirrorWeight(),
        "must be between 0 and 100");
    int previous = 0;
    for (int i = 0; i < stepWeights().size(); i++) {
      int w = stepWeights().get(i);
      String path = prefix + ".stepWeights[" + i + "]";
      if (w <= 0) {
        p.add(path, w, "must be positive");
      } else if (w <= previous) {
        p.add(path, w, "must be greater than the step before it (" + previous + ")");
      }
      previous = Math.max(previous, w);
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < metrics().size(); i++) {
      MetricCheck m = metrics().get(i);
      String path = prefix + ".metrics[" + i + "]";
      p.check(m.name().isBlank(), path + ".name", m.name(), "must not be blank");
      p.check(!names.add(m.name()), path + ".name", m.name(), "must be unique");
      p.check(!m.isBuiltin() && m.query().isEmpty() && m.templateRef().isEmpty(), path + ".templateRef", null,
          "must be set for a metric that is not built in (request-success-rate, request-duration)");
      p.check(m.min().isPresent() && m.max().isPresent() && m.min().getAsDouble() > m.max().getAsDouble(),
          path + ".thresholdRange.min", m.min().isPresent() ? m.min().getAsDouble() : null,
          "must not be greater than thresholdRange.max");
      p.check(m.interval().isNegative() || m.interval().isZero(), path + ".interval", m.interval(), "must be positive");
    }
    names.clear();
    for (int i = 0; i < webhooks().size(); i++) {
      Webhook h = webhooks().get(i);
      String path = prefix + ".webhooks[" + i + "]";
      p.check(h.name().isBlank(), path + ".name", h.name(), "must not be blank");
      p.check(!names.add(h.name()), path + ".name", h.name(), "must be unique");
      String scheme = h.url().getScheme();
      p.check(scheme == null || !(scheme.equals("http") || scheme.equals("https")), path + ".url", h.url().toString(),
          "must be an http or https URL");
      p.check(h.timeout().isNegative() || h.timeout().isZero(), path + ".timeout", h.timeout(), "must be positive");
      p.check(h.retries() < 0, path + ".retries", h.retries(), "must not be negative");
    }
  }

  /** A builder with Flagger's defaults (interval 60s, threshold 0 = 1, no steps). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this analysis' values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.interval = interval;
    b.threshold = threshold;
    b.maxWeight = maxWeight;
    b.stepWeight = stepWeight;
    b.stepWeights = new ArrayList<>(stepWeights);
    b.stepWeightPromotion = stepWeightPromotion;
    b.iterations = iterations;
    b.mirror = mirror;
    b.mirrorWeight = mirrorWeight;
    b.match = new ArrayList<>(match);
    b.metrics = new ArrayList<>(metrics);
    b.webhooks = new ArrayList<>(webhooks);
    return b;
  }

  /** Builds an {@link Analysis}; {@link #build()} checks every field. */
  public static final class Builder {
    private Duration interval = DEFAULT_INTERVAL;
    private int threshold;
    private int maxWeight;
    private int stepWeight;
    private List<Integer> stepWeights = new ArrayList<>();
    private int stepWeightPromotion;
    private int iterations;
    private boolean mirror;
    private int mirrorWeight;
    private List<Map<String, Object>> match = new ArrayList<>();
    private List<MetricCheck> metrics = new ArrayList<>();
    private List<Webhook> webhooks = new ArrayList<>();

    private Builder() {}

    /** Time between ticks (default 60s). */
    public Builder interval(Duration value) {
      this.interval = Objects.requireNonNull(value, "interval");
      return this;
    }

    /** Failed checks before rollback (0 means 1). */
    public Builder threshold(int value) {
      this.threshold = value;
      return this;
    }

    /** Promotion point of the canary strategy, percent (0 means 100). */
    public Builder maxWeight(int value) {
      this.maxWeight = value;
      return this;
    }

    /** Weight added per step, percent. */
    public Builder stepWeight(int value) {
      this.stepWeight = value;
      return this;
    }

    /** Explicit weight steps, percent, increasing. */
    public Builder stepWeights(Integer... values) {
      this.stepWeights = new ArrayList<>(List.of(values));
      return this;
    }

    /** Weight moved back to the primary per promotion tick (0 = at once). */
    public Builder stepWeightPromotion(int value) {
      this.stepWeightPromotion = value;
      return this;
    }

    /** Blue/green or A/B iterations. */
    public Builder iterations(int value) {
      this.iterations = value;
      return this;
    }

    /** Mirror traffic before shifting it, with {@code weight} percent mirrored (0 = all). */
    public Builder mirror(boolean value, int weight) {
      this.mirror = value;
      this.mirrorWeight = weight;
      return this;
    }

    /** Adds an A/B match entry (Istio {@code HTTPMatchRequest} as plain maps). */
    public Builder match(Map<String, Object> entry) {
      this.match.add(Map.copyOf(entry));
      return this;
    }

    /** Adds a metric check. */
    public Builder metric(MetricCheck value) {
      this.metrics.add(Objects.requireNonNull(value, "metric"));
      return this;
    }

    /** Adds a webhook. */
    public Builder webhook(Webhook value) {
      this.webhooks.add(Objects.requireNonNull(value, "webhook"));
      return this;
    }

    /**
     * The analysis.
     *
     * @throws ValidationException listing every problem, with paths under {@code analysis}
     */
    public Analysis build() {
      Analysis a = new Analysis(interval, threshold, maxWeight, stepWeight, stepWeights, stepWeightPromotion,
          iterations, mirror, mirrorWeight, match, metrics, webhooks);
      Problems p = new Problems();
      a.checkInto(p, "analysis");
      p.throwIfAny();
      return a;
    }
  }
}
