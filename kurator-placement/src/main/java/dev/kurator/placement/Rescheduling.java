package dev.kurator.placement;

import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.TargetCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Karmada's rescheduling triggers ({@code pkg/scheduler}, {@code pkg/util/binding.go}) and its {@code NoExecute}
 * taint-eviction rule ({@code pkg/controllers/cluster/taint_manager.go}).
 */
public final class Rescheduling {

  private Rescheduling() {}

  /**
   * {@code IsBindingReplicasChanged}: Duplicated placements changed when any cluster's replicas differ from
   * {@code replicas}; Divided when the sum differs; otherwise never.
   */
  public static boolean replicasChanged(ReplicaScheduling scheduling, int replicas, List<TargetCluster> clusters) {
    if (scheduling == null || scheduling.type() == null) {
      return false;
    }
    if (scheduling.type() == ReplicaSchedulingType.DUPLICATED) {
      for (TargetCluster t : clusters) {
        if (t.replicas() != replicas) {
          return true;
        }
      }
      return false;
    }
    int sum = 0;
    for (TargetCluster t : clusters) {
      sum += t.replicas();
    }
    return sum != replicas;
  }

  /**
   * When a resource placed on a cluster with these taints must be evicted from it, as Karmada's NoExecute taint
   * manager decides: any {@code NoExecute} taint without a matching toleration evicts at {@code now}; when all are
   * tolerated, the earliest {@code timeAdded + tolerationSeconds} over matching pairs (a taint without
   * {@code timeAdded} counts from {@code now}); empty when no matching toleration sets {@code tolerationSeconds}
   * (never evicted) or there is no {@code NoExecute} taint.
   *
   * @param taints      the cluster's taints
   * @param tolerations the applied placement's cluster tolerations
   * @param now         the current time
   */
  public static Optional<Instant> noExecuteEvictionTime(List<Taint> taints, List<Toleration> tolerations,
      Instant now) {
    Instant earliest = null;
    for (Taint taint : taints) {
      if (taint.effect() != TaintEffect.NO_EXECUTE) {
        continue;
      }
      boolean tolerated = false;
      for (Toleration t : tolerations) {
        if (!t.tolerates(taint)) {
          continue;
        }
        tolerated = true;
        if (t.tolerationSeconds() != null) {
          Instant added = taint.timeAdded() == null ? now : taint.timeAdded();
          Instant at = added.plus(Duration.ofSeconds(Math.max(0, t.tolerationSeconds())));
          if (earliest == null || at.isBefore(earliest)) {
            earliest = at;
          }
        }
      }
      if (!tolerated) {
        return Optional.of(now);
      }
    }
    return Optional.ofNullable(earliest);
  }
}
