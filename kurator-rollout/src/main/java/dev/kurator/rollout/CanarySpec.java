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
    a.checkInto(p, "spec.analysis");
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
    p.throwIfAny();
    return this;
  }
}
