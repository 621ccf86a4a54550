package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Resilience;
import dev.kurator.core.Selector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Assertions that name clusters read those clusters only, so a fault elsewhere in the fleet does not fail them. */
class FleetAssertionsScopeTest {

  private static Resilience fast() {
    Duration timeout = Duration.ofSeconds(4);
    return Resilience.defaults().timeout(timeout).retries(0).healthTimeout(timeout);
  }

  @Test
  void namedClusterChecksIgnoreAnUnreachableMemberTheyDoNotName() {
    // Reading the whole fleet would fail these checks with "Could not read ... cluster-2".
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(3).resilience(fast()).start()) {
      Deployment web = Deployments.web(2);
      embedded.fleet().apply(web).onClusters(Selector.names("cluster-0", "cluster-1"));
      embedded.cluster("cluster-2").makeUnreachable();

      assertThat(embedded.fleet()).resource(web).existsOn("cluster-0", "cluster-1")
          .hasReplicasOn(2, "cluster-0")
          .hasLabelOn("app", "web", "cluster-1");
      assertThat(embedded.fleet()).resource(Deployments.web(1).edit().editMetadata().withName("other").endMetadata()
          .build()).isAbsentFrom("cluster-0");
    }
  }

  @Test
  void wholeFleetChecksStillFailOnAMemberThatCannotBeRead() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).resilience(fast()).start()) {
      Deployment web = Deployments.web(1);
      embedded.fleet().apply(web).onAllClusters();
      embedded.cluster("cluster-1").makeUnreachable();

      assertThatThrownBy(() -> assertThat(embedded.fleet()).resource(web).existsEverywhere())
          .isInstanceOf(AssertionError.class).hasMessageContaining("Could not read").hasMessageContaining("cluster-1");
    }
  }

  @Test
  void aNameThatIsNotAMemberFailsTheAssertion() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(1).start()) {
      assertThatThrownBy(() -> assertThat(embedded.fleet()).resource(Deployments.web(1)).existsOn("nowhere"))
          .isInstanceOf(AssertionError.class).hasMessageContaining("[nowhere]").hasMessageContaining("not members");
    }
  }
}
