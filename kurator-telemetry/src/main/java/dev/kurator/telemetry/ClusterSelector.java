package dev.kurator.telemetry;

import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.Selector;
import dev.kurator.core.ValidationException;
import dev.kurator.core.internal.LabelSelector;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which clusters a fleet query asks, chosen by cluster name or cluster labels before fan-out (as Thanos prunes stores
 * by external labels), so that a query for {@code region=eu} only asks EU clusters.
 */
public final class ClusterSelector {

  private static final ClusterSelector ALL = new ClusterSelector(c -> true, "all clusters");

  private final Predicate<ClusterEndpoints> predicate;
  private final String text;

  private ClusterSelector(Predicate<ClusterEndpoints> predicate, String text) {
    this.predicate = predicate;
    this.text = text;
  }

  /** Every cluster. */
  public static ClusterSelector all() {
    return ALL;
  }

  /** The clusters with these names. */
  public static ClusterSelector names(String... clusters) {
    Set<String> wanted = Set.of(clusters);
    return new ClusterSelector(c -> wanted.contains(c.cluster()), "clusters " + String.join(",", clusters));
  }

  /**
   * A Kubernetes label selector over the clusters' labels, as the Fleet API's {@link Selector#labels}:
   * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k in (a,b)}, {@code k notin (a,b)}, {@code k}, {@code !k},
   * comma-separated. An empty text selects every cluster.
   *
   * @throws ValidationException when the selector does not parse, naming the text
   */
  public static ClusterSelector labels(String selector) {
    LabelSelector parsed = LabelSelector.parse(selector);
    return new ClusterSelector(c -> parsed.matches(c.labels()), "labels(" + selector + ")");
  }

  /**
   * The clusters a Fleet API {@link Selector} picks from {@code fleet}, matched by member name.
   *
   * @throws ValidationException when the selector names a cluster that is not a member of {@code fleet}
   */
  public static ClusterSelector of(Selector selector, Fleet fleet) {
    Objects.requireNonNull(selector, "selector");
    Set<String> names = Set.copyOf(selector.select(fleet).stream().map(MemberCluster::name).toList());
    return new ClusterSelector(c -> names.contains(c.cluster()), selector.toString());
  }

  /** Whether the cluster is selected. */
  public boolean matches(ClusterEndpoints cluster) {
    return predicate.test(cluster);
  }

  @Override
  public String toString() {
    return text;
  }
}
