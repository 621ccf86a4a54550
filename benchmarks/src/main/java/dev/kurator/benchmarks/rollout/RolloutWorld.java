package dev.kurator.benchmarks.rollout;

import dev.kurator.rollout.Analysis;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.HookType;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricSample;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.Observations;
import dev.kurator.rollout.Readiness;
import dev.kurator.rollout.Webhook;
import java.util.List;
import java.util.Map;

/** An in-memory world where everything is ready and every check passes, plus a representative canary. */
final class RolloutWorld implements Observations {

  static final CanarySpec CANARY = CanarySpec.of("podinfo", "test", Analysis.canary(10, 50, 5)
      .withMetrics(List.of(MetricCheck.range(MetricCheck.REQUEST_SUCCESS_RATE, 99.0, null),
          MetricCheck.range(MetricCheck.REQUEST_DURATION, null, 500.0)))
      .withWebhooks(List.of(Webhook.of("load-test", HookType.ROLLOUT, "http://loadtester.test/"))));

  private static final MetricSample SAMPLE = MetricSample.of(Map.of(MetricCheck.REQUEST_SUCCESS_RATE,
      MetricValue.of(99.9), MetricCheck.REQUEST_DURATION, MetricValue.of(120)));

  private final String hash;

  RolloutWorld(String hash) {
    this.hash = hash;
  }

  @Override
  public String targetHash() {
    return hash;
  }

  @Override
  public Readiness canaryReadiness() {
    return Readiness.READY;
  }

  @Override
  public Readiness primaryReadiness() {
    return Readiness.READY;
  }

  @Override
  public boolean callWebhook(Webhook hook, CanaryPhase phase) {
    return true;
  }

  @Override
  public MetricSample sampleMetrics(List<MetricCheck> metrics) {
    return SAMPLE;
  }
}
