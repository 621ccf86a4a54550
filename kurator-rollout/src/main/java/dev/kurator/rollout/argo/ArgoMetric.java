package dev.kurator.rollout.argo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One metric of an Argo Rollouts {@code AnalysisTemplate}, with Argo's defaults.
 *
 * @param name the metric's name
 * @param successCondition expression over {@code result}; empty = not set
 * @param failureCondition expression over {@code result}; empty = not set
 * @param interval time between measurements; empty = not set
 * @param count measurements to take; 0 = not set (one measurement without an interval, unbounded with one)
 * @param failureLimit failed measurements tolerated (default 0, -1 disables)
 * @param inconclusiveLimit inconclusive measurements tolerated (default 0)
 * @param consecutiveErrorLimit consecutive errors tolerated (default 4)
 * @param consecutiveSuccessLimit consecutive successes that end the metric successfully (0 = off)
 * @param initialDelay delay before the first measurement
 * @param provider the provider's name ({@code prometheus}, {@code web}, ...) and query, opaque to the engine
 * @param dryRun measured and reported, but left out of the run's verdict and of its termination
 */
public record ArgoMetric(String name, String successCondition, String failureCondition, Optional<Duration> interval,
                         int count, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit,
                         int consecutiveSuccessLimit, Duration initialDelay, String provider,
                         boolean dryRun) {

  /** Argo's default consecutive error limit. */
  public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
  /** Argo's retry interval after a measurement error ({@code DefaultErrorRetryInterval}). */
  public static final Duration ERROR_RETRY_INTERVAL = Duration.ofSeconds(10);

  public ArgoMetric {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(successCondition, "successCondition");
    Objects.requireNonNull(failureCondition, "failureCondition");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(provider, "provider");
  }

  /** A metric with only a success condition and Argo's defaults otherwise. */
  public static ArgoMetric success(String name, String condition) {
    return new ArgoMetric(name, condition, "", Optional.empty(), 0, 0, 0, DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0,
        Duration.ZERO, "prometheus", false);
  }

  /** A copy marked as dry-run. */
  public ArgoMetric asDryRun() {
    return new ArgoMetric(name, successCondition, failureCondition, interval, count, failureLimit, inconclusiveLimit,
        consecutiveErrorLimit, consecutiveSuccessLimit, initialDelay, provider, true);
  }

  /** Argo's {@code EffectiveCount}: the count, else 1 without an interval, else unbounded (empty). */
  public Optional<Integer> effectiveCount() {
    if (count <= 0) {
      return interval.isEmpty() ? Optional.of(1) : Optional.empty();
    }
    return Optional.of(count);
  }
}
