package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.FleetHealth;
import dev.kurator.core.FleetResult;
import dev.kurator.core.HealthState;
import dev.kurator.core.Outcome;
import dev.kurator.core.Resilience;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResilienceTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(4);
  private static final Duration SLOW = Duration.ofSeconds(60);

  private static Resilience fast() {
    return Resilience.defaults().timeout(TIMEOUT).retries(2).backoff(Duration.ofMillis(10), 2.0)
        .healthTimeout(TIMEOUT);
  }

  @Test
  void oneDeadAndOneSlowMemberDoNotHoldBackTheOthers() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(6).resilience(fast()).start()) {
      embedded.cluster("cluster-1").makeUnreachable();
      embedded.cluster("cluster-4").slowDown(SLOW);

      long start = System.nanoTime();
      FleetResult<Deployment> r = embedded.fleet().apply(Deployments.web(2)).onAllClusters();
      Duration total = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r).failedExactlyOn("cluster-1", "cluster-4")
          .hasOutcomeOn(Outcome.Applied.class, "cluster-0", "cluster-2", "cluster-3", "cluster-5");
      Outcome.Failed<Deployment> dead = (Outcome.Failed<Deployment>) r.outcome("cluster-1");
      assertThat(dead.attempts()).as("connection failures are retried").isEqualTo(3);
      assertThat(dead.message()).containsIgnoringCase("connect");
      Outcome.Failed<Deployment> slow = (Outcome.Failed<Deployment>) r.outcome("cluster-4");
      assertThat(slow.attempts()).as("timeouts are not retried").isEqualTo(1);
      assertThat(slow.message()).isEqualTo("call to cluster \"cluster-4\" timed out after 4000 ms");
      for (String healthy : new String[] {"cluster-0", "cluster-2", "cluster-3", "cluster-5"}) {
        ClusterOutcome<Deployment> row = r.rows(healthy).get(0);
        assertThat(row.elapsed()).as("time spent on %s", healthy).isLessThan(TIMEOUT);
      }
      assertThat(total).as("the whole fan-out waits for the slowest member's timeout, not its delay")
          .isLessThan(SLOW);
      assertThat(r.failures().get("cluster-4").reason()).contains("timed out");
    }
  }

  @Test
  void aFailingMembersBreakerOpensThenLetsAProbeThroughAfterTheOpenDuration() {
    ManualClock clock = ManualClock.start();
    Resilience r = fast().retries(0).circuitBreaker(50f, 2, 2, Duration.ofMinutes(1));
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).resilience(r).clock(clock).start()) {
      // Two failing reads, then the member answers again by itself (no heal(), which would reset the breaker).
      embedded.cluster("cluster-1").failNext("GET", 503, 2);
      Deployment web = Deployments.web(1);

      assertThat(embedded.fleet().apply(web).onAllClusters()).hasOutcomeOn(Outcome.Failed.class, "cluster-1");
      assertThat(embedded.fleet().apply(web).onAllClusters()).hasOutcomeOn(Outcome.Failed.class, "cluster-1");
      FleetResult<Deployment> third = embedded.fleet().apply(web).onAllClusters();
      assertThat(third).hasOutcomeOn(Outcome.Unavailable.class, "cluster-1")
          .hasOutcomeOn(Outcome.Unchanged.class, "cluster-0");
      assertThat(embedded.fleet().snapshot()).extracting(s -> s.ready()).containsExactly(true, false);

      assertThat(embedded.fleet().apply(web).onAllClusters())
          .as("still open: the open duration has not passed").hasOutcomeOn(Outcome.Unavailable.class, "cluster-1");

      clock.advance(Duration.ofMinutes(1).plusSeconds(1));
      assertThat(embedded.fleet().apply(web).onAllClusters()).hasNoFailures()
          .hasOutcomeOn(Outcome.Applied.class, "cluster-1");
      assertThat(embedded.fleet().snapshot()).extracting(s -> s.ready()).containsExactly(true, true);
    }
  }

  @Test
  void healClosesTheMembersBreakerSoThatTheNextTestStartsClean() {
    ManualClock clock = ManualClock.start();
    Resilience r = fast().retries(0).circuitBreaker(50f, 2, 2, Duration.ofMinutes(1));
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).resilience(r).clock(clock).start()) {
      embedded.cluster("cluster-1").makeUnreachable();
      Deployment web = Deployments.web(1);
      embedded.fleet().apply(web).onAllClusters();
      embedded.fleet().apply(web).onAllClusters();
      assertThat(embedded.fleet().apply(web).onAllClusters()).hasOutcomeOn(Outcome.Unavailable.class, "cluster-1");

      embedded.cluster("cluster-1").heal();

      assertThat(embedded.fleet().apply(web).onAllClusters()).as("no open duration to wait for after heal()")
          .hasNoFailures().hasOutcomeOn(Outcome.Applied.class, "cluster-1");
      assertThat(embedded.fleet().snapshot()).extracting(s -> s.ready()).containsExactly(true, true);
    }
  }

  @Test
  void healthReportsEachMemberWithLatencyAndTheFleetStatus() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(4).resilience(fast()).start()) {
      FleetHealth all = embedded.fleet().health();
      assertThat(all.status()).isEqualTo(FleetHealth.Status.READY);
      assertThat(all.readyCount()).isEqualTo(4);

      embedded.cluster("cluster-0").makeUnreachable();
      embedded.cluster("cluster-3").slowDown(SLOW);
      embedded.cluster("cluster-2").failNext("GET", 503, 1);
      FleetHealth h = embedded.fleet().health();

      assertThat(h.status()).isEqualTo(FleetHealth.Status.DEGRADED);
      assertThat(h.readyCount()).isEqualTo(1);
      assertThat(h.unreadyCount()).isEqualTo(3);
      assertThat(h.member("cluster-0").orElseThrow().state()).isEqualTo(HealthState.UNREACHABLE);
      assertThat(h.member("cluster-1").orElseThrow().state()).isEqualTo(HealthState.READY);
      assertThat(h.member("cluster-2").orElseThrow().state()).isEqualTo(HealthState.NOT_READY);
      assertThat(h.member("cluster-2").orElseThrow().reason()).contains("503");
      assertThat(h.member("cluster-3").orElseThrow().state()).isEqualTo(HealthState.UNREACHABLE);
      assertThat(h.member("cluster-3").orElseThrow().reason()).contains("no answer within 4000 ms");
      assertThat(h.member("cluster-1").orElseThrow().latency()).isLessThan(TIMEOUT);
      assertThat(h.toString()).isEqualTo("fleet embedded: DEGRADED, 1 ready, 3 unready");
      assertThat(embedded.fleet().snapshot(h)).extracting(s -> s.ready()).containsExactly(false, true, false, false);
    }
  }
}
