package dev.kurator.rollout;

import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import java.util.Objects;

/**
 * A Flagger {@code Canary} (or a Kurator {@code RolloutConfig} rendered into one): what to roll out and how.
 *
 * @param name the canary's name
 * @param namespace the canary's (and workload's) namespace
 * @param targetRef the workload
 * @param serviceName the apex service ({@code spec.service.name}; the target's name when unset)
 * @param servicePort the service port
 * @param provider the traffic provider ({@code istio}, {@code gatewayapi}, {@code kubernetes}, ...)
 * @param skipAnalysis promote without analysis once the canary is ready
 * @param suspend do nothing at all while set
 * @param revertOnDeletion revert the target when the canary is deleted
 * @param progressDeadlineSeconds how long a workload may take to become ready (default 600)
 * @param analysis the analysis
 */
public record CanarySpec(String name, String namespace, TargetRef targetRef, String serviceName, int servicePort,
                         String provider, boolean skipAnalysis, boolean suspend, boolean revertOnDeletion,
                         int progressDeadlineSeconds, Analysis analysis) {

  /** Flagger's default progress deadline. */
  public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

  public CanarySpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(targetRef, "targetRef");
    Objects.requireNonNull(serviceName, "serviceName");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(analysis, "analysis");
  }

  /** A canary on Deployment {@code name} in {@code namespace} with the Istio provider. */
  public static CanarySpec of(String name, String namespace, Analysis analysis) {
    return new CanarySpec(name, namespace, TargetRef.deployment(name), name, 80, "istio", false, false, false,
        DEFAULT_PROGRESS_DEADLINE_SECONDS, analysis);
  }

  /** True for the {@code kubernetes} provider (no L7 routing: blue/green with replica switching only). */
  public boolean isKubernetesProvider() {
    return "kubernetes".equals(provider);
  }

  /** A copy with {@code skipAnalysis} set as given. */
  public CanarySpec withSkipAnalysis(boolean value) {
    return new CanarySpec(name, namespace, targetRef, serviceName, servicePort, provider, value, suspend,
        revertOnDeletion, progressDeadlineSeconds, analysis);
  }

  /** A copy with {@code suspend} set as given. */
  public CanarySpec withSuspend(boolean value) {
    return new CanarySpec(name, namespace, targetRef, serviceName, servicePort, provider, skipAnalysis, value,
        revertOnDeletion, progressDeadlineSeconds, analysis);
  }

  /** A copy with another analysis. */
  public CanarySpec withAnalysis(Analysis value) {
    return new CanarySpec(name, namespace, targetRef, serviceName, servicePort, provider, skipAnalysis, suspend,
        revertOnDeletion, progressDeadlineSeconds, value);
  }

  /**
   * Checks the rules under which Flagger would misbehave or get stuck, listing every problem with its field path.
   *
   * @return this spec
   * @throws ValidationException naming each broken rule
   */
  public CanarySpec validate() {
    Problems p = new Problems();
    p.check(name.isBlank(), "metadata.name", name, "must not be blank");
    p.check(namespace.isBlank(), "metadata.namespace", namespace, "must not be blank");
    p.check(targetRef.name().isBlank(), "spec.targetRef.name", targetRef.name(), "must not be blank");
    p.check(!targetRef.kind().equals("Deployment") && !targetRef.kind().equals("DaemonSet"), "spec.targetRef.kind",
        targetRef.kind(), "must be Deployment or DaemonSet");
    p.check(servicePort < 0 || servicePort > 65535, "spec.service.port", servicePort, "must be between 0 and 65535");
    p.check(progressDeadlineSeconds <= 0, "spec.progressDeadlineSeconds", progressDeadlineSeconds, "must be positive");
    Analysis a = analysis;
    p.check(a.interval().isNegative() || a.interval().isZero(), "spec.analysis.interval", a.interval(),
        "must be positive");
    p.check(a.threshold() < 0, "spec.analysis.threshold", a.threshold(), "must not be negative");
    p.check(a.maxWeight() < 0 || a.maxWeight() > 100, "spec.analysis.maxWeight", a.maxWeight(),
        "must be between 0 and 100");
    p.check(a.stepWeight() < 0 || a.stepWeight() > 100, "spec.analysis.stepWeight", a.stepWeight(),
        "must be between 0 and 100");
    p.check(a.stepWeightPromotion() < 0 || a.stepWeightPromotion() > 100, "spec.analysis.stepWeightPromotion",
        a.stepWeightPromotion(), "must be between 0 and 100");
    p.check(a.iterations() < 0, "spec.analysis.iterations", a.iterations(), "must not be negative");
    p.check(a.mirrorWeight() < 0 || a.mirrorWeight() > 100, "spec.analysis.mirrorWeight", a.mirrorWeight(),
        "must be between 0 and 100");
    int previous = 0;
    for (int i = 0; i < a.stepWeights().size(); i++) {
      int w = a.stepWeights().get(i);
      String path = "spec.analysis.stepWeights[" + i + "]";
      if (w <= 0) {
        p.add(path, w, "must be positive");
      } else if (w <= previous) {
        p.add(path, w, "must be greater than the step before it (" + previous + ")");
      }
      previous = Math.max(previous, w);
    }
    if (a.strategy() == Strategy.CANARY && !isKubernetesProvider() && !skipAnalysis) {
      p.check(a.stepWeight() > 0 && !a.stepWeights().isEmpty(), "spec.analysis.stepWeights", a.stepWeights(),
          "must not be set together with stepWeight (" + a.stepWeight() + "): Flagger steps by stepWeight up to the"
              + " last stepWeights entry and ignores maxWeight");
      p.check(a.stepWeight() == 0 && a.stepWeights().isEmpty(), "spec.analysis.stepWeight", a.stepWeight(),
          "must be positive unless stepWeights is set: otherwise the canary weight never moves");
    }
    if (a.strategy() == Strategy.CANARY && !a.match().isEmpty() && a.stepWeight() == 0 && a.stepWeights().isEmpty()) {
      p.add("spec.analysis.iterations", a.iterations(), "must be positive when match is set (A/B testing)");
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < a.metrics().size(); i++) {
      MetricCheck m = a.metrics().get(i);
      String path = "spec.analysis.metrics[" + i + "]";
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
    for (int i = 0; i < a.webhooks().size(); i++) {
      Webhook h = a.webhooks().get(i);
      String path = "spec.analysis.webhooks[" + i + "]";
      p.check(h.name().isBlank(), path + ".name", h.name(), "must not be blank");
      p.check(!names.add(h.name()), path + ".name", h.name(), "must be unique");
      String scheme = h.url().getScheme();
      p.check(scheme == null || !(scheme.equals("http") || scheme.equals("https")), path + ".url", h.url().toString(),
          "must be an http or https URL");
      p.check(h.timeout().isNegative() || h.timeout().isZero(), path + ".timeout", h.timeout(), "must be positive");
      p.check(h.retries() < 0, path + ".retries", h.retries(), "must not be negative");
    }
    p.throwIfAny();
    return this;
  }
}
