package dev.kurator.core.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kurator.core.Assignment;
import dev.kurator.core.ValidationException;
import dev.kurator.core.propagation.MockMembers;
import dev.kurator.core.propagation.ObjectChange;
import dev.kurator.core.propagation.Propagation;
import dev.kurator.core.propagation.PropagationResult;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {

  static final Duration LEASE = Duration.ofSeconds(4);

  MockMembers hub;
  MockMembers fleet;
  final List<LeaderElection> elections = new ArrayList<>();

  @BeforeEach
  void start() {
    hub = new MockMembers().add("hub", Map.of());
    fleet = new MockMembers().add("a", Map.of()).add("b", Map.of());
  }

  @AfterEach
  void stop() {
    elections.forEach(LeaderElection::close);
    fleet.close();
    hub.close();
  }

  LeaderElection replica(String identity, boolean releaseOnClose) {
    LeaderElection e = LeaderElection.builder(hub.client("hub")).lease("kurator-system", "propagation")
        .identity(identity).timing(LEASE, Duration.ofSeconds(3), Duration.ofMillis(500))
        .releaseOnClose(releaseOnClose).build();
    elections.add(e);
    return e;
  }

  /** A host's work queue: one propagation per item, each tick syncs the next item if this replica leads. */
  static final class Host {
    final LeaderElection election;
    final List<Propagation> work;
    final AtomicInteger next;
    int created;

    Host(LeaderElection election, List<Propagation> work, AtomicInteger next) {
      this.election = election;
      this.work = work;
      this.next = next;
    }

    boolean tick(MockMembers fleet) {
      return election.ifLeader(() -> {
        // every pass reconciles all items admitted so far plus two new ones, as a controller's resync would:
        // items another replica already applied come back UNCHANGED, so nothing is applied twice
        int upTo = Math.min(work.size(), next.get() + 2);
        for (int i = 0; i < upTo; i++) {
          PropagationResult r = work.get(i).sync(fleet);
          created += r.clusters().values().stream().flatMap(c -> c.changes().stream())
              .filter(c -> c.action() == ObjectChange.Action.CREATED).count();
        }
        next.set(upTo);
        return true;
      }).orElse(false);
    }
  }

  static List<Propagation> work(int n) {
    List<Propagation> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(Propagation.builder("item-" + i).template(new ConfigMapBuilder().withNewMetadata()
          .withName("item-" + i).withNamespace("default").endMetadata().addToData("i", Integer.toString(i)).build())
          .assignment(Assignment.of("a", "b")).build());
    }
    return list;
  }

  @Test
  void onlyTheLeaderActsAndTheOtherTakesOverWhenItStops() {
    List<Propagation> work = work(6);
    AtomicInteger progress = new AtomicInteger();
    Host first = new Host(replica("replica-1", true).start(), work, progress);
    await().atMost(LEASE).until(first.election::isLeader);
    Host second = new Host(replica("replica-2", true).start(), work, progress);
    await().atMost(LEASE).until(() -> second.election.leader().orElse("").equals("replica-1"));

    assertThat(second.tick(fleet)).isFalse();
    assertThat(first.tick(fleet)).isTrue();
    assertThat(progress.get()).isEqualTo(2);
    assertThat(second.election.isLeader()).isFalse();

    first.election.close();
    await().atMost(LEASE).until(second.election::isLeader);
    assertThat(first.tick(fleet)).isFalse();
    for (int pass = 0; pass < work.size() && progress.get() < work.size(); pass++) {
      assertThat(second.tick(fleet)).isTrue();
    }
    assertThat(progress.get()).isEqualTo(work.size());

    assertThat(first.created + second.created).isEqualTo(work.size() * 2);
    for (String c : List.of("a", "b")) {
      assertThat(fleet.client(c).configMaps().inNamespace("default").list().getItems()).hasSize(work.size());
    }
  }

  @Test
  void aLeaderThatDiesWithoutReleasingIsReplacedOnceTheLeaseExpires() {
    LeaderElection first = replica("replica-1", false).start();
    await().atMost(LEASE).until(first::isLeader);
    LeaderElection second = replica("replica-2", false).start();
    await().atMost(LEASE).until(() -> second.leader().isPresent());
    assertThat(second.isLeader()).isFalse();

    first.close();

    await().atMost(LEASE.plusSeconds(2)).until(second::isLeader);
    assertThat(hub.client("hub").leases().inNamespace("kurator-system").withName("propagation").get().getSpec()
        .getHolderIdentity()).isEqualTo("replica-2");
  }

  @Test
  void badSettingsAreRejectedWithFieldPaths() {
    assertThatThrownBy(() -> LeaderElection.builder(hub.client("hub")).lease("Kurator System", "")
        .timing(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(9)).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactly("leaderElection.lease.namespace",
                "leaderElection.lease.name", "leaderElection.identity", "leaderElection.leaseDuration",
                "leaderElection.renewDeadline"));
  }
}
