package dev.kurator.placement;

import java.util.List;
import java.util.Objects;

/**
 * A Karmada {@code PropagationPolicy} (namespaced) or {@code ClusterPropagationPolicy} (cluster-scoped): which
 * resources it claims and where they go. Load from YAML with {@link PropagationPolicies#load}.
 *
 * @param kind              {@code PropagationPolicy} or {@code ClusterPropagationPolicy}
 * @param name              policy name
 * @param namespace         namespace, empty for a cluster policy
 * @param priority          explicit priority, default 0; higher wins
 * @param resourceSelectors the resources it claims, at least one
 * @param placement         where they go
 * @param schedulerName     the scheduler that handles it, default {@code default-scheduler}
 */
public record PropagationPolicy(String kind, String name, String namespace, int priority,
    List<ResourceSelector> resourceSelectors, Placement placement, String schedulerName) {

  /** Kind of the namespaced policy. */
  public static final String KIND = "PropagationPolicy";
  /** Kind of the cluster-scoped policy. */
  public static final String CLUSTER_KIND = "ClusterPropagationPolicy";

  public PropagationPolicy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    namespace = namespace == null ? "" : namespace;
    resourceSelectors = List.copyOf(Objects.requireNonNull(resourceSelectors, "resourceSelectors"));
    Objects.requireNonNull(placement, "placement");
    schedulerName = schedulerName == null || schedulerName.isEmpty() ? "default-scheduler" : schedulerName;
  }

  public boolean isClusterScoped() {
    return CLUSTER_KIND.equals(kind);
  }

  /** Best implicit priority over the selectors (0 when none matches). */
  public int implicitPriority(Workload resource) {
    if (!isClusterScoped() && !namespace.equals(resource.namespace())) {
      return 0;
    }
    int best = 0;
    for (ResourceSelector s : resourceSelectors) {
      best = Math.max(best, s.implicitPriority(resource));
    }
    return best;
  }
}
