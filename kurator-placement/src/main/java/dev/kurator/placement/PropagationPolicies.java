package dev.kurator.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Loads propagation policies from YAML and decides which one claims a resource. */
public final class PropagationPolicies {

  private PropagationPolicies() {}

  /**
   * The policy that claims {@code resource}, as Karmada's detector: the best matching namespaced policy in the
   * resource's namespace, else the best matching cluster policy. "Best" is explicit priority (higher first), then
   * implicit priority (by name 3 &gt; by label 2 &gt; match-all 1), then the smaller policy name.
   */
  public static Optional<PropagationPolicy> claim(Workload resource, List<PropagationPolicy> policies) {
    List<PropagationPolicy> namespaced = new ArrayList<>();
    List<PropagationPolicy> cluster = new ArrayList<>();
    for (PropagationPolicy p : policies) {
      (p.isClusterScoped() ? cluster : namespaced).add(p);
    }
    Optional<PropagationPolicy> best = highestPriority(resource, namespaced);
    return best.isPresent() ? best : highestPriority(resource, cluster);
  }

  /** Karmada's {@code getHighestPriorityPropagationPolicy} over one kind of policy. */
  public static Optional<PropagationPolicy> highestPriority(Workload resource, List<PropagationPolicy> policies) {
    PropagationPolicy best = null;
    int bestImplicit = 0;
    for (PropagationPolicy p : policies) {
      int implicit = p.implicitPriority(resource);
      if (implicit == 0) {
        continue;
      }
      if (best == null || p.priority() > best.priority()
          || p.priority() == best.priority() && (implicit > bestImplicit
          || implicit == bestImplicit && p.name().compareTo(best.name()) < 0)) {
        best = p;
        bestImplicit = implicit;
      }
    }
    return Optional.ofNullable(best);
  }
}
