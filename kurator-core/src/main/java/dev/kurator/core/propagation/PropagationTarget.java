package dev.kurator.core.propagation;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The clusters a propagation works on: a snapshot per member (name, labels, readiness) and a client per member. A
 * fleet is one; tests and hosts without a fleet can use {@link #of}.
 */
public interface PropagationTarget {

  /** Every member, ready or not, in a stable order. */
  List<ClusterSnapshot> clusters();

  /**
   * The client of one member; the host owns it (a propagation never closes it).
   *
   * @throws IllegalArgumentException when {@code cluster} is not a member
   */
  KubernetesClient client(String cluster);

  /**
   * The members of a fleet snapshot: {@link Fleet#snapshot()} (with whatever its snapshot contributors add) and each
   * member's client.
   */
  static PropagationTarget of(Fleet fleet) {
    Objects.requireNonNull(fleet, "fleet");
    return new PropagationTarget() {
      @Override
      public List<ClusterSnapshot> clusters() {
        return fleet.snapshot();
      }

      @Override
      public KubernetesClient client(String cluster) {
        return fleet.member(cluster).map(MemberCluster::client)
            .orElseThrow(() -> new IllegalArgumentException("cluster " + cluster + " is not a member of " + fleet));
      }
    };
  }

  /** A fixed set of members. */
  static PropagationTarget of(List<ClusterSnapshot> clusters, Map<String, KubernetesClient> clients) {
    List<ClusterSnapshot> snapshots = List.copyOf(Objects.requireNonNull(clusters, "clusters"));
    Map<String, KubernetesClient> byName = Map.copyOf(Objects.requireNonNull(clients, "clients"));
    return new PropagationTarget() {
      @Override
      public List<ClusterSnapshot> clusters() {
        return snapshots;
      }

      @Override
      public KubernetesClient client(String cluster) {
        KubernetesClient c = byName.get(cluster);
        if (c == null) {
          throw new IllegalArgumentException("no client for cluster " + cluster);
        }
        return c;
      }
    };
  }
}
