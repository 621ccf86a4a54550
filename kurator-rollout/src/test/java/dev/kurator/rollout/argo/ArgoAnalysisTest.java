package dev.kurator.rollout.argo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgoAnalysisTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0} | {1} on {2} -> {3}")
  @CsvSource(delimiter = ';', value = {
      "''; ''; 0.5; SUCCESSFUL",
      "result[0] >= 0.95; ''; 0.99; SUCCESSFUL",
      "result[0] >= 0.95; ''; 0.9; FAILED",
      "''; result[0] >= 10; 12; FAILED",
      "''; result[0] >= 10; 3; SUCCESSFUL",
      "result[0] >= 0.90; result[0] < 0.50; 0.7; INCONCLUSIVE",
      "result[0] >= 0.90; result[0] < 0.50; 0.3; FAILED",
      "isNaN(result) || result >= 0.95; ''; NaN; SUCCESSFUL",
      "result[0] >= 0.95; ''; NaN; FAILED",
      "result[1] > 0; ''; 1; ERROR",
      "len(result) == 1 && !(result[0] < 0.5); ''; 0.6; SUCCESSFUL",
      "result[0] >; ''; 1; ERROR"})
  void evaluatesMeasurementsAsArgoDoes(String success, String failure, String value, MeasurementPhase expected) {
    ArgoMetric m = new ArgoMetric("m", success, failure, Optional.empty(), 0, 0, 0, 4, 0, Duration.ZERO, "prometheus",
        false);
    double v = value.equals("NaN") ? Double.NaN : Double.parseDouble(value);
    assertThat(AnalysisRun.evaluate(m, Measurement.of(v))).isEqualTo(expected);
  }

  @Test
  void aProviderErrorIsAnErrorMeasurement() {
    assertThat(AnalysisRun.evaluate(ArgoMetric.success("m", "result[0] > 0"), Measurement.error("timeout")))
        .isEqualTo(MeasurementPhase.ERROR);
  }

  @Test
  void consecutiveErrorsOverTheLimitEndTheRunInErrorRetryingEveryTenSeconds() {
    ArgoMetric m = new ArgoMetric("m", "result[0] > 0", "", Optional.of(Duration.ofMinutes(5)), 3, 0, 0, 4, 0,
        Duration.ZERO, "prometheus", false);
    AnalysisRun run = AnalysisRun.start(List.of(m), T0);
    Instant now = T0;
    for (int i = 0; i < 5; i++) {
      run = run.advance(x -> Measurement.error("down"), now);
      if (i < 4) {
        assertThat(run.nextMeasurementAt()).contains(now.plusSeconds(10));
        now = run.nextMeasurementAt().orElseThrow();
      }
    }
    assertThat(run.phase()).isEqualTo(AnalysisPhase.ERROR);
    assertThat(run.results().get(0).count()).as("errors do not count").isZero();
  }

  @Test
  void aDryRunMetricIsMeasuredButLeftOutOfTheVerdict() {
    ArgoMetric real = ArgoMetric.success("real", "result[0] >= 0.9");
    ArgoMetric dry = ArgoMetric.success("shadow", "result[0] >= 0.9").asDryRun();
    Deque<Double> values = new ArrayDeque<>(List.of(0.95, 0.1));
    AnalysisRun run = AnalysisRun.start(List.of(real, dry), T0).advance(x -> Measurement.of(values.poll()), T0);
    assertThat(run.results().get(1).phase()).isEqualTo(AnalysisPhase.FAILED);
    assertThat(run.phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
  }

  @Test
  void anUnboundedMetricBecomesSuccessfulWhenTerminated() {
    ArgoMetric m = new ArgoMetric("m", "result[0] > 0", "", Optional.of(Duration.ofMinutes(1)), 0, 0, 0, 4, 0,
        Duration.ZERO, "prometheus", false);
    AnalysisRun run = AnalysisRun.start(List.of(m), T0).advance(x -> Measurement.of(1), T0);
    assertThat(run.phase()).isEqualTo(AnalysisPhase.RUNNING);
    assertThat(run.terminate().phase()).isEqualTo(AnalysisPhase.SUCCESSFUL);
  }

  @Test
  void basicCanaryApproximatesWeightWithPods() {
    assertThat(ReplicaMath.approximate(10, 41, 3)).containsExactly(4, 6);
    assertThat(ReplicaMath.approximate(2, 1, 0)).containsExactly(1, 1);
    assertThat(ReplicaMath.approximate(1, 49, 0)).containsExactly(0, 1);
    assertThat(ReplicaMath.approximate(0, 50, 1)).containsExactly(0, 0);
  }

  @Test
  void setCanaryScaleOverridesReplicasAndAbortResetsTheStepIndex() {
    ArgoCanary spec = new ArgoCanary(10, List.of(new Step.SetCanaryScale(Optional.of(3), Optional.empty(), false),
        new Step.SetWeight(20), new Step.Pause(Optional.empty())), true, 0, List.of(), 0);
    ArgoCanaryState s = ArgoCanaryState.start();
    s = ArgoCanaryMachine.reconcile(spec, s, x -> Measurement.of(1), T0).state();
    assertThat(s.canaryScale()).contains(3);
    ArgoTransition<ArgoCanaryState> t = ArgoCanaryMachine.reconcile(spec, s, x -> Measurement.of(1), T0);
    assertThat(t.actions()).contains(new dev.kurator.rollout.Action.ScaleReplicas(3, 10),
        new dev.kurator.rollout.Action.SetRoutes(80, 20, false));
    s = ArgoCanaryMachine.reconcile(spec, t.state(), x -> Measurement.of(1), T0).state();
    assertThat(s.phase()).isEqualTo(RolloutPhase.PAUSED);
    ArgoCanaryState aborted = ArgoCanaryMachine.abort(spec, s).state();
    assertThat(aborted.phase()).isEqualTo(RolloutPhase.DEGRADED);
    assertThat(aborted.stepIndex()).isZero();
    assertThat(ArgoCanaryMachine.weight(spec, aborted)).isZero();
    ArgoCanaryState retried = ArgoCanaryMachine.retry(spec, aborted).state();
    assertThat(retried.phase()).isEqualTo(RolloutPhase.PROGRESSING);
    assertThat(retried.canaryScale()).isEmpty();
  }
}
