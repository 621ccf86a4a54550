package dev.kurator.rollout.internal;

import dev.kurator.rollout.Readiness;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Flagger's {@code isDeploymentReady} as a pure function of a Deployment, the deadline and the time. */
public final class DeploymentReadiness {

  private DeploymentReadiness() {}

  /**
   * Readiness of {@code d}.
   *
   * @param thresholdPercent share of updated replicas that must be available (Flagger's default 100)
   * @param deadlineSeconds the progress deadline
   * @param primary whether {@code d} is the primary (a primary scaled to zero is non-retriable)
   */
  public static Readiness of(Deployment d, int thresholdPercent, int deadlineSeconds, Instant now, boolean primary) {
    if (d == null) {
      return Readiness.NOT_READY;
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    if (primary && replicas == 0) {
      return Readiness.DEADLINE_EXCEEDED;
    }
    DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
    List<DeploymentCondition> conditions = s.getConditions() == null ? List.of() : s.getConditions();
    for (DeploymentCondition c : conditions) {
      if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
        return Readiness.DEADLINE_EXCEEDED;
      }
    }
    long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
    int updated = nz(s.getUpdatedReplicas());
    int available = nz(s.getAvailableReplicas());
    boolean ready = generation <= observed && updated >= replicas && nz(s.getReplicas()) <= updated
        && available >= (int) (updated * (thresholdPercent / 100.0));
    if (ready) {
      return Readiness.READY;
    }
    for (DeploymentCondition c : conditions) {
      if ("Available".equals(c.getType()) && "False".equals(c.getStatus()) && c.getLastUpdateTime() != null) {
        Instant since = Instant.parse(c.getLastUpdateTime());
        if (Duration.between(since, now).getSeconds() > deadlineSeconds) {
          return Readiness.DEADLINE_EXCEEDED;
        }
      }
    }
    return Readiness.NOT_READY;
  }

  private static int nz(Integer i) {
    return i == null ? 0 : i;
  }
}
