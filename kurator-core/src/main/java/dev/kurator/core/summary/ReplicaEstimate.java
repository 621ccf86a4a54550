package dev.kurator.core.summary;

import java.util.Map;
import java.util.Objects;

/**
 * How many replicas of a pod template fit on a cluster, with the reasons behind the number.
 *
 * @param replicas total replicas that fit (sum over nodes)
 * @param perNode  node name to replicas that fit there, for nodes that can run the template
 * @param excluded node name to why it cannot run the template at all (taint, selector, not ready, full)
 */
public record ReplicaEstimate(int replicas, Map<String, Integer> perNode, Map<String, String> excluded) {

  public ReplicaEstimate {
    perNode = Map.copyOf(Objects.requireNonNull(perNode, "perNode"));
    excluded = Map.copyOf(Objects.requireNonNull(excluded, "excluded"));
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must be >= 0");
    }
  }
}
