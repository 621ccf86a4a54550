package dev.kurator.rollout.argo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The counters Argo keeps per metric of a run ({@code runMeasurements}).
 *
 * @param name the metric
 * @param phase its assessed phase
 * @param count measurements that were not errors
 * @param successful successful measurements
 * @param failed failed measurements
 * @param inconclusive inconclusive measurements
 * @param error error measurements
 * @param consecutiveError errors in a row
 * @param consecutiveSuccess successes in a row
 * @param measurements the phase of every measurement, oldest first
 * @param nextMeasurementAt when the next measurement is due; empty when none is
 */
public record MetricResult(String name, AnalysisPhase phase, int count, int successful, int failed, int inconclusive,
                           int error, int consecutiveError, int consecutiveSuccess,
                           List<MeasurementPhase> measurements, Optional<Instant> nextMeasurementAt) {

  public MetricResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    measurements = List.copyOf(measurements);
    Objects.requireNonNull(nextMeasurementAt, "nextMeasurementAt");
  }

  static MetricResult start(ArgoMetric metric, Instant now) {
    return new MetricResult(metric.name(), AnalysisPhase.PENDING, 0, 0, 0, 0, 0, 0, 0, List.of(),
        Optional.of(now.plus(metric.initialDelay())));
  }

  /** This result after one more measurement of {@code phase} taken at {@code now}, assessed. */
  MetricResult record(ArgoMetric metric, MeasurementPhase m, Instant now) {
    int c = count;
    int s = successful;
    int f = failed;
    int i = inconclusive;
    int e = error;
    int ce = consecutiveError;
    int cs = consecutiveSuccess;
    switch (m) {
      case SUCCESSFUL -> {
        s++;
        c++;
        cs++;
        ce = 0;
      }
      case FAILED -> {
        f++;
        c++;
        cs = 0;
        ce = 0;
      }
      case INCONCLUSIVE -> {
        i++;
        c++;
        cs = 0;
        ce = 0;
      }
      case ERROR -> {
        e++;
        ce++;
        cs = 0;
      }
    }
    List<MeasurementPhase> all = new ArrayList<>(measurements);
    all.add(m);
    MetricResult counted = new MetricResult(name, AnalysisPhase.RUNNING, c, s, f, i, e, ce, cs, all, Optional.empty());
    AnalysisPhase assessed = counted.assess(metric, false);
    Optional<Instant> next = Optional.empty();
    if (!assessed.isCompleted()) {
      next = Optional.of(m == MeasurementPhase.ERROR ? now.plus(ArgoMetric.ERROR_RETRY_INTERVAL)
          : now.plus(metric.interval().orElse(java.time.Duration.ZERO)));
    }
    return new MetricResult(name, assessed, c, s, f, i, e, ce, cs, all, next);
  }

  /** This result with the run terminating: an unfinished metric is assessed as if no more measurements come. */
  MetricResult terminate(ArgoMetric metric) {
    if (phase.isCompleted()) {
      return this;
    }
    return new MetricResult(name, assess(metric, true), count, successful, failed, inconclusive, error,
        consecutiveError, consecutiveSuccess, measurements, Optional.empty());
  }

  /** Argo's {@code assessMetricStatus}. */
  AnalysisPhase assess(ArgoMetric metric, boolean terminating) {
    if (measurements.isEmpty()) {
      return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.PENDING;
    }
    AnalysisPhase p = null;
    if (metric.failureLimit() >= 0 && failed > metric.failureLimit()) {
      p = AnalysisPhase.FAILED;
    }
    if (metric.inconclusiveLimit() >= 0 && inconclusive > metric.inconclusiveLimit()) {
      p = AnalysisPhase.INCONCLUSIVE;
    }
    if (metric.consecutiveErrorLimit() >= 0 && consecutiveError > metric.consecutiveErrorLimit()) {
      p = AnalysisPhase.ERROR;
    }
    if (p != null) {
      return p;
    }
    if (metric.consecutiveSuccessLimit() > 0 && consecutiveSuccess >= metric.consecutiveSuccessLimit()) {
      return AnalysisPhase.SUCCESSFUL;
    }
    Optional<Integer> effective = metric.effectiveCount();
    if (effective.isPresent() && count >= effective.get()) {
      boolean failureApplicable = metric.failureLimit() >= 0;
      boolean successApplicable = metric.consecutiveSuccessLimit() > 0;
      if (failureApplicable && successApplicable) {
        return AnalysisPhase.INCONCLUSIVE;
      }
      if (successApplicable) {
        return AnalysisPhase.FAILED;
      }
      return AnalysisPhase.SUCCESSFUL;
    }
    return terminating ? AnalysisPhase.SUCCESSFUL : AnalysisPhase.RUNNING;
  }
}
