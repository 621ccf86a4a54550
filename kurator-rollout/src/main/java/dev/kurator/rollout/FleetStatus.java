package dev.kurator.rollout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of a fleet rollout after a tick.
 *
 * @param phase the fleet's phase
 * @param currentWave the wave being rolled (1-based); the number of waves when all are done
 * @param waves the number of waves
 * @param gateMessage why the gate before {@code currentWave} is closed, when it is
 * @param clusters every cluster, in wave order
 */
public record FleetStatus(Phase phase, int currentWave, int waves, Optional<String> gateMessage,
                          List<ClusterRolloutStatus> clusters) {

  /** Phases of a fleet rollout. */
  public enum Phase {
    /** A wave is rolling. */
    PROGRESSING,
    /** The next wave waits for its gate. */
    WAITING_GATE,
    /** Every wave succeeded (with isolate-failed: every cluster finished and at least one succeeded). */
    SUCCEEDED,
    /** A cluster failed under abort-all (every started cluster rolled back), or every cluster failed. */
    FAILED
  }

  public FleetStatus {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(gateMessage, "gateMessage");
    clusters = List.copyOf(clusters);
  }

  /** The status of {@code cluster}. */
  public Optional<ClusterRolloutStatus> cluster(String cluster) {
    return clusters.stream().filter(c -> c.cluster().equals(cluster)).findFirst();
  }
}
