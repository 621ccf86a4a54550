package dev.kurator.placement;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.placement.internal.ClusterMatcher;
import java.util.List;

/**
 * Which clusters a placement may use, as Karmada's {@code ClusterAffinity}: a cluster matches when it is not
 * excluded, matches the label selector and the field selector, and (if names are listed) is named. An affinity with
 * nothing set matches every cluster.
 *
 * @param labelSelector selector over cluster labels, null for none
 * @param fieldSelector selector over provider/region/zone, null for none
 * @param clusterNames  allowed cluster names, empty for any
 * @param exclude       cluster names that never match (wins over everything)
 */
public record ClusterAffinity(LabelSelector labelSelector, FieldSelector fieldSelector, List<String> clusterNames,
    List<String> exclude) {

  /** The affinity that matches every cluster. */
  public static final ClusterAffinity ANY = new ClusterAffinity(null, null, List.of(), List.of());

  public ClusterAffinity {
    clusterNames = clusterNames == null ? List.of() : List.copyOf(clusterNames);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }

  /** An affinity that lists cluster names. */
  public static ClusterAffinity clusterNames(String... names) {
    return new ClusterAffinity(null, null, List.of(names), List.of());
  }

  /** An affinity that selects clusters by labels. */
  public static ClusterAffinity labels(LabelSelector selector) {
    return new ClusterAffinity(selector, null, List.of(), List.of());
  }

  /** Whether {@code cluster} matches this affinity, with Karmada's {@code util.ClusterMatches} semantics. */
  public boolean matches(ClusterSnapshot cluster) {
    return ClusterMatcher.matches(cluster, this);
  }
}
