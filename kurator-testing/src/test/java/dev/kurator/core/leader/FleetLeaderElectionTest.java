package dev.kurator.core.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kurator.core.Assignment;
import dev.kurator.core.Fleet;
import dev.kurator.core.propagation.ObjectChange;
import dev.kurator.core.propagation.PropagationResult;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two host replicas over the embedded fleet, electing on a Lease in cluster-0 (the hub). */
class FleetLeaderElectionTest {

  static final Duration LEASE = Duration.ofSeconds(4);

  EmbeddedFleet embedded;

  @BeforeEach
  void start() {
    embedded = EmbeddedFleet.start(3);
  }

  @AfterEach
  void stop() {
    embedded.close();
  }

  LeaderElection replica(String identity) {
    return LeaderElection.builder(embedded.cluster("cluster-0").client()).lease("kurator-system", "propagator")
        .identity(identity).timing(LEASE, Duration.ofSeconds(3), Duration.ofMillis(500)).build();
  }

  /** One reconcile pass of a host replica: propagate every item admitted so far, if leading. */
  static int pass(LeaderElection election, Fleet fleet, int items, AtomicInteger created) {
    return election.ifLeader(() -> {
      for (int i = 0; i < items; i++) {
        PropagationResult r = fleet.propagate(new ConfigMapBuilder().withNewMetadata().withName("item-" + i)
            .withNamespace("default").endMetadata().addToData("i", Integer.toString(i)).build())
            .assignment(Assignment.of("cluster-1", "cluster-2")).sync();
        r.throwIfAnyFailed();
        created.addAndGet((int) r.clusters().values().stream().flatMap(c -> c.changes().stream())
            .filter(c -> c.action() == ObjectChange.Action.CREATED).count());
      }
      return items;
    }).orElse(0);
  }

  @Test
  void onlyTheLeaderPropagatesAndTheOtherTakesOverWithNothingAppliedTwiceOrLost() {
    AtomicInteger created = new AtomicInteger();
    try (LeaderElection a = replica("replica-a").start(); LeaderElection b = replica("replica-b").start()) {
      await().atMost(LEASE.multipliedBy(2)).until(() -> a.isLeader() || b.isLeader());
      LeaderElection leader = a.isLeader() ? a : b;
      LeaderElection follower = leader == a ? b : a;
      await().atMost(LEASE).until(() -> follower.leader().isPresent());

      assertThat(pass(follower, embedded.fleet(), 3, created)).isZero();
      assertThat(pass(leader, embedded.fleet(), 3, created)).isEqualTo(3);

      leader.close();
      await().atMost(LEASE).until(follower::isLeader);
      assertThat(pass(leader, embedded.fleet(), 6, created)).isZero();
      assertThat(pass(follower, embedded.fleet(), 6, created)).isEqualTo(6);
    }

    assertThat(created.get()).isEqualTo(6 * 2);
    for (String c : new String[] {"cluster-1", "cluster-2"}) {
      assertThat(embedded.cluster(c).client().configMaps().inNamespace("default").list().getItems()
          .stream().filter(cm -> cm.getMetadata().getName().startsWith("item-"))).hasSize(6);
    }
  }
}
