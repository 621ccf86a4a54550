package dev.kurator.core.propagation;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The clusters a propagation works on: a snapshot per member (name, labels, readiness), a client per member and how
 * calls to a member are guarded. A fleet is one ({@link #of(Fleet)}, with the fleet's resilience); tests and hosts
 * without a fleet can use {@link #of(List, Map)}, whose calls run unguarded.
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
   * Runs one read or write of a propagation against member {@code cluster}. The default runs {@code call} once;
   * a fleet's target runs it under the fleet's resilience ({@link Fleet#callMember}: per-call timeout, retries of
   * retryable failures including 409 conflicts, the member's circuit breaker), so {@code call} may run more than
   * once and is written to be repeatable.
   *
   * @param what what the call does, for logs
   * @throws dev.kurator.core.MemberUnavailableException when the member is known to be down and nothing was called
   * @throws RuntimeException                            the call's (last) failure
   */
  default <V> V call(String cluster, String what, Supplier<V> call) {
    return call.get();
  }

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

      @Override
      public <V> V call(String cluster, String what, Supplier<V> call) {
        return fleet.callMember(cluster, what, call);
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
