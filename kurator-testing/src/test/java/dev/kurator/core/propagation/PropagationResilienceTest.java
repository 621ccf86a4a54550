package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.MemberUnavailableException;
import dev.kurator.core.Resilience;
import dev.kurator.core.ValidationException;
import dev.kurator.core.propagation.ObjectChange.Action;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Propagation runs every member call under the fleet's resilience: retries, per-call timeout, circuit breaker. */
class PropagationResilienceTest {

  private static Resilience fast() {
    return Resilience.defaults().timeout(Duration.ofSeconds(4)).retries(2).backoff(Duration.ofMillis(10), 2.0)
        .healthTimeout(Duration.ofSeconds(2));
  }

  private static Deployment live(EmbeddedFleet embedded, String cluster) {
    return embedded.cluster(cluster).client().apps().deployments().inNamespace("shop").withName("web").get();
  }

  @Test
  void transientServerErrorsOnReadsAndWritesAreRetriedAndTheCopiesApplied() {
    // a breaker that tolerates a few failures, so that only the retries are under test
    Resilience r = fast().circuitBreaker(50f, 10, 10, Duration.ofMinutes(1));
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).resilience(r).start()) {
      embedded.cluster("cluster-0").failNext("POST", 503, 2);
      embedded.cluster("cluster-1").failNext("GET", 503, 2);

      PropagationResult result = embedded.fleet().propagate(FleetPropagationTest.web(4))
          .assignment(Assignment.ofReplicas(java.util.Map.of("cluster-0", 2, "cluster-1", 2))).sync();

      assertThat(result.failures()).isEmpty();
      for (String cluster : new String[] {"cluster-0", "cluster-1"}) {
        assertThat(result.cluster(cluster).status()).isEqualTo(ClusterSync.Status.OK);
        assertThat(result.cluster(cluster).changes()).extracting(ObjectChange::action)
            .containsExactly(Action.CREATED);
        assertThat(live(embedded, cluster).getSpec().getReplicas()).isEqualTo(2);
      }
      assertThat(embedded.fleet().propagate(FleetPropagationTest.web(4))
          .assignment(Assignment.ofReplicas(java.util.Map.of("cluster-0", 2, "cluster-1", 2))).sync()
          .unchangedEverywhere()).as("the retried writes happened once").isTrue();
    }
  }

  @Test
  void anUnreachableMemberIsReportedItsBreakerOpensAndTheOthersConverge() {
    Resilience r = fast().circuitBreaker(50f, 2, 2, Duration.ofMinutes(1));
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(3).resilience(r).start()) {
      embedded.cluster("cluster-1").makeUnreachable();
      Fleet fleet = embedded.fleet();
      Assignment everywhere = Assignment.ofReplicas(java.util.Map.of("cluster-0", 1, "cluster-1", 1, "cluster-2", 1));

      PropagationResult first = fleet.propagate(FleetPropagationTest.web(3)).assignment(everywhere).sync();

      assertThat(first.failures()).containsOnlyKeys("cluster-1");
      assertThat(first.cluster("cluster-1").status()).isIn(ClusterSync.Status.FAILED, ClusterSync.Status.UNAVAILABLE);
      assertThat(first.cluster("cluster-1").error()).isNotEmpty();
      assertThat(live(embedded, "cluster-0").getSpec().getReplicas()).isEqualTo(1);
      assertThat(live(embedded, "cluster-2").getSpec().getReplicas()).isEqualTo(1);
      assertThat(fleet.snapshot()).as("the member's circuit breaker opened").extracting(ClusterSnapshot::ready)
          .containsExactly(true, false, true);

      PropagationResult second = fleet.propagate(FleetPropagationTest.web(3)).assignment(everywhere).sync();
      assertThat(second.cluster("cluster-1").status()).isEqualTo(ClusterSync.Status.UNAVAILABLE);
      assertThat(second.cluster("cluster-0").unchanged()).isTrue();
      assertThat(second.cluster("cluster-2").unchanged()).isTrue();

      // The snapshot already shows cluster-1 not ready (its API discovery fails), so the syncs above may have
      // skipped it without a call; calls that do reach it fail and open its breaker.
      var unreachable = fleet.member("cluster-1").orElseThrow().client();
      for (int i = 0; i < 2; i++) {
        assertThatThrownBy(() -> fleet.callMember("cluster-1", "read", () -> unreachable.namespaces().list()))
            .isInstanceOf(RuntimeException.class);
      }
      AtomicInteger calls = new AtomicInteger();
      assertThatThrownBy(() -> fleet.callMember("cluster-1", "read", calls::incrementAndGet))
          .isInstanceOfSatisfying(MemberUnavailableException.class, e -> {
            assertThat(e.cluster()).isEqualTo("cluster-1");
            assertThat(e.reason()).contains("circuit breaker open");
          });
      assertThat(calls).as("nothing is called while the breaker is open").hasValue(0);
    }
  }

  @Test
  void callMemberRetriesRetryableFailuresAndRejectsStrangers() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(1).resilience(fast()).start()) {
      Fleet fleet = embedded.fleet();
      embedded.cluster("cluster-0").failNext("GET", 503, 1);

      AtomicInteger attempts = new AtomicInteger();

      int namespaces = fleet.callMember("cluster-0", "list namespaces", () -> {
        attempts.incrementAndGet();
        return fleet.member("cluster-0").orElseThrow().client().namespaces().list().getItems().size();
      });

      assertThat(namespaces).isNotNegative();
      assertThat(attempts).as("the 503 was retried").hasValue(2);
      assertThatThrownBy(() -> fleet.callMember("nowhere", "read", () -> 1))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
              .extracting(ValidationException.Problem::path).containsExactly("cluster"));
    }
  }
}
