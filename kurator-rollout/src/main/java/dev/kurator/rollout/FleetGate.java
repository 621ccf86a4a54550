package dev.kurator.rollout;

import java.util.List;

/**
 * A check between waves, for example a metric over the whole fleet. Asked on each tick while the next wave waits;
 * an open gate starts the next wave, a closed one keeps it waiting (it does not fail the rollout).
 */
@FunctionalInterface
public interface FleetGate {

  /**
   * Whether wave {@code nextWave} (1-based) may start, given the status of the clusters rolled so far.
   *
   * @return empty to open the gate, else why it stays closed
   */
  java.util.Optional<String> check(int nextWave, List<ClusterRolloutStatus> rolled);
}
