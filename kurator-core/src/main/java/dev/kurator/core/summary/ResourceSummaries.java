package dev.kurator.core.summary;

import dev.kurator.core.ResourceSummary;
import dev.kurator.core.summary.internal.Resources;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Computes a member's {@link ResourceSummary} from its Nodes and Pods exactly as Karmada's cluster status controller
 * fills {@code Cluster.status.resourceSummary}:
 * <ul>
 *   <li>{@code allocatable}: the sum of every node's {@code status.allocatable};</li>
 *   <li>{@code allocated}: the requests of pods bound to a node ({@code spec.nodeName} set) that are not terminal
 *       (phase neither {@code Succeeded} nor {@code Failed}), plus {@code pods} = their count;</li>
 *   <li>{@code allocating}: the requests of non-terminal pods not yet bound, plus {@code pods} = their count.</li>
 * </ul>
 * Pure: no client, no clock.
 */
public final class ResourceSummaries {

  private ResourceSummaries() {}

  /** The summary of one cluster. */
  public static ResourceSummary compute(List<Node> nodes, List<Pod> pods) {
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(pods, "pods");
    Map<String, Long> allocatable = new TreeMap<>();
    for (Node n : nodes) {
      if (n.getStatus() != null) {
        Resources.add(allocatable, n.getStatus().getAllocatable());
      }
    }
    Map<String, Long> allocated = new TreeMap<>();
    Map<String, Long> allocating = new TreeMap<>();
    long bound = 0;
    long unbound = 0;
    for (Pod p : pods) {
      if (isTerminal(p) || p.getSpec() == null) {
        continue;
      }
      boolean isBound = p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty();
      Map<String, Long> into = isBound ? allocated : allocating;
      Resources.podRequest(p.getSpec()).forEach((k, v) -> into.merge(k, v, Long::sum));
      if (isBound) {
        bound++;
      } else {
        unbound++;
      }
    }
    allocated.put(Resources.PODS, bound);
    allocating.put(Resources.PODS, unbound);
    return new ResourceSummary(Resources.quantities(allocatable), Resources.quantities(allocating),
        Resources.quantities(allocated));
  }

  /** Whether the pod has finished (phase {@code Succeeded} or {@code Failed}) and so holds no resources. */
  public static boolean isTerminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
