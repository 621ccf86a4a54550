package dev.kurator.rollout.argo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An Argo {@code AnalysisRun} as an immutable value: its metrics' counters and its phase. Measurements are taken by
 * {@link #advance}, which asks the provider only for metrics that are due.
 *
 * @param metrics the metric definitions (merged from the templates)
 * @param results one result per metric, same order
 * @param phase the run's phase
 * @param terminated whether the run was told to stop
 */
public record AnalysisRun(List<ArgoMetric> metrics, List<MetricResult> results, AnalysisPhase phase,
                          boolean terminated) {

  public AnalysisRun {
    metrics = List.copyOf(metrics);
    results = List.copyOf(results);
    Objects.requireNonNull(phase, "phase");
  }

  /** A new run started at {@code now}. */
  public static AnalysisRun start(List<ArgoMetric> metrics, Instant now) {
    return new AnalysisRun(metrics, metrics.stream().map(m -> MetricResult.start(m, now)).toList(),
        AnalysisPhase.PENDING, false);
  }

  /** The source of measurements for a run. */
  @FunctionalInterface
  public interface Provider {
    /** Measures {@code metric} now. */
    Measurement measure(ArgoMetric metric);
  }

  /** Takes every measurement due at {@code now}, then re-assesses the run. */
  public AnalysisRun advance(Provider provider, Instant now) {
    if (phase.isCompleted()) {
      return this;
    }
    List<MetricResult> next = new ArrayList<>(results);
    for (int i = 0; i < metrics.size(); i++) {
      ArgoMetric metric = metrics.get(i);
      MetricResult r = next.get(i);
      if (r.phase().isCompleted() || r.nextMeasurementAt().isEmpty() || r.nextMeasurementAt().get().isAfter(now)) {
        continue;
      }
      next.set(i, r.record(metric, evaluate(metric, provider.measure(metric)), now));
    }
    return assessed(next, false);
  }

  /** Stops the run: unfinished metrics are assessed as terminating (an unbounded metric becomes Successful). */
  public AnalysisRun terminate() {
    if (phase.isCompleted()) {
      return this;
    }
    return assessed(results, true);
  }

  /** When the next measurement is due, if any. */
  public Optional<Instant> nextMeasurementAt() {
    if (phase.isCompleted()) {
      return Optional.empty();
    }
    return results.stream().map(MetricResult::nextMeasurementAt).flatMap(Optional::stream).min(Instant::compareTo);
  }

  /** Measurements taken so far, over all metrics. */
  public int measurementsTaken() {
    return results.stream().mapToInt(r -> r.measurements().size()).sum();
  }

  private AnalysisRun assessed(List<MetricResult> rs, boolean terminating) {
    boolean stop = terminating;
    for (int i = 0; i < rs.size(); i++) {
      AnalysisPhase p = rs.get(i).phase();
      if (!metrics.get(i).dryRun()
          && (p == AnalysisPhase.FAILED || p == AnalysisPhase.ERROR || p == AnalysisPhase.INCONCLUSIVE)) {
        stop = true;
      }
    }
    List<MetricResult> out = new ArrayList<>(rs);
    if (stop) {
      for (int i = 0; i < out.size(); i++) {
        out.set(i, out.get(i).terminate(metrics.get(i)));
      }
    }
    AnalysisPhase worst = AnalysisPhase.SUCCESSFUL;
    boolean running = false;
    boolean anyCounted = false;
    for (int i = 0; i < out.size(); i++) {
      MetricResult r = out.get(i);
      if (metrics.get(i).dryRun()) {
        continue;
      }
      anyCounted = true;
      if (!r.phase().isCompleted()) {
        running = true;
      }
      worst = worst.worst(r.phase());
    }
    if (!anyCounted) {
      running = out.stream().anyMatch(r -> !r.phase().isCompleted());
    }
    AnalysisPhase p = running ? AnalysisPhase.RUNNING : worst;
    return new AnalysisRun(metrics, out, p, terminated || terminating);
  }

  /** Argo's {@code EvaluateResult}: the measurement's phase from the metric's conditions. */
  static MeasurementPhase evaluate(ArgoMetric metric, Measurement m) {
    if (m.error().isPresent()) {
      return MeasurementPhase.ERROR;
    }
    boolean hasSuccess = !metric.successCondition().isBlank();
    boolean hasFailure = !metric.failureCondition().isBlank();
    if (!hasSuccess && !hasFailure) {
      return MeasurementPhase.SUCCESSFUL;
    }
    try {
      if (hasFailure && Condition.evaluate(metric.failureCondition(), m.values())) {
        return MeasurementPhase.FAILED;
      }
      if (hasSuccess) {
        if (Condition.evaluate(metric.successCondition(), m.values())) {
          return MeasurementPhase.SUCCESSFUL;
        }
        return hasFailure ? MeasurementPhase.INCONCLUSIVE : MeasurementPhase.FAILED;
      }
      return MeasurementPhase.SUCCESSFUL;
    } catch (Condition.EvaluationException e) {
      return MeasurementPhase.ERROR;
    }
  }
}
