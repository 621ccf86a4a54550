package dev.kurator.telemetry;

import dev.kurator.core.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which clusters a fleet query asks, chosen by cluster name or cluster labels before fan-out (as Thanos prunes stores
 * by external labels), so that a query for {@code region=eu} only asks EU clusters.
 */
public final class ClusterSelector {

  private static final ClusterSelector ALL = new ClusterSelector(List.of(), null, "all clusters");

  private final List<Requirement> requirements;
  private final Set<String> names;
  private final String text;

  private ClusterSelector(List<Requirement> requirements, Set<String> names, String text) {
    this.requirements = requirements;
    this.names = names;
    this.text = text;
  }

  /** Every cluster. */
  public static ClusterSelector all() {
    return ALL;
  }

  /** The clusters with these names. */
  public static ClusterSelector names(String... clusters) {
    return new ClusterSelector(List.of(), Set.of(clusters), "clusters " + String.join(",", clusters));
  }

  /**
   * A Kubernetes-style equality selector: comma-separated {@code key=value}, {@code key==value}, {@code key!=value},
   * {@code key} (present) and {@code !key} (absent). An empty text selects every cluster.
   *
   * @throws ValidationException when a requirement is malformed, naming it
   */
  public static ClusterSelector labels(String selector) {
    Objects.requireNonNull(selector, "selector");
    List<Requirement> reqs = new ArrayList<>();
    String[] parts = selector.split(",");
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) {
        if (parts.length > 1) {
          throw ValidationException.of("selector[" + i + "]", p, "must not be empty");
        }
        continue;
      }
      Requirement r;
      if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        r = new Requirement(kv[0].strip(), kv[1].strip(), Op.NOT_EQUALS);
      } else if (p.contains("==")) {
        String[] kv = p.split("==", 2);
        r = new Requirement(kv[0].strip(), kv[1].strip(), Op.EQUALS);
      } else if (p.contains("=")) {
        String[] kv = p.split("=", 2);
        r = new Requirement(kv[0].strip(), kv[1].strip(), Op.EQUALS);
      } else if (p.startsWith("!")) {
        r = new Requirement(p.substring(1).strip(), "", Op.ABSENT);
      } else {
        r = new Requirement(p, "", Op.PRESENT);
      }
      if (r.key.isEmpty() || !r.key.matches("[A-Za-z0-9_./-]+")) {
        throw ValidationException.of("selector[" + i + "]", p, "must be key=value, key!=value, key or !key");
      }
      reqs.add(r);
    }
    return new ClusterSelector(List.copyOf(reqs), null, selector);
  }

  /** Whether the cluster is selected. */
  public boolean matches(ClusterEndpoints cluster) {
    if (names != null && !names.contains(cluster.cluster())) {
      return false;
    }
    Map<String, String> labels = cluster.labels();
    for (Requirement r : requirements) {
      String v = labels.get(r.key);
      boolean ok = switch (r.op) {
        case EQUALS -> r.value.equals(v);
        case NOT_EQUALS -> !r.value.equals(v);
        case PRESENT -> v != null;
        case ABSENT -> v == null;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private enum Op { EQUALS, NOT_EQUALS, PRESENT, ABSENT }

  private record Requirement(String key, String value, Op op) {
  }
}
