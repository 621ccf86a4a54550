package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Fleet;
import dev.kurator.core.Selector;
import dev.kurator.core.TaintEffect;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {

  @RegisterExtension
  static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(3).labels("region", "eu", "eu", "us")
      .taint("cluster-2", "dedicated", "batch", TaintEffect.NO_SCHEDULE);

  @Test
  @Order(1)
  void propagatesToEuOnly() {
    Deployment deployment = Deployments.web(2);

    fleet.get().apply(deployment).onClusters(Selector.labels("region=eu"));

    assertThat(fleet.get()).resource(deployment).existsExactlyOn("cluster-0", "cluster-1")
        .hasReplicasOn(2, "cluster-0", "cluster-1");
  }

  @Test
  @Order(2)
  void aStaticFleetKeepsObjectsBetweenTestsAndHealsFaults(Fleet injected, EmbeddedFleet embedded) {
    assertThat(injected).isSameAs(fleet.get()).hasMembers("cluster-0", "cluster-1", "cluster-2");
    assertThat(injected).resource(Deployments.web(2)).existsOn("cluster-0").isAbsentFrom("cluster-2");
    embedded.cluster("cluster-0").slowDown(java.time.Duration.ofSeconds(30));
  }

  @Test
  @Order(3)
  void faultsFromAnEarlierTestAreGone() {
    assertThat(fleet.get().health().readyCount()).isEqualTo(3);
    assertThat(fleet.get().snapshot().get(2).taints()).singleElement()
        .satisfies(t -> assertThat(t.effect()).isEqualTo(TaintEffect.NO_SCHEDULE));
  }

  @Test
  @Order(4)
  void assertionsExplainWhatIsWrong() {
    assertThatThrownBy(() -> assertThat(fleet.get()).resource(Deployments.web(2)).existsExactlyOn("cluster-2"))
        .isInstanceOf(AssertionError.class)
        .hasMessage("Expected apps/v1 Deployment shop/web to exist exactly on [cluster-2] but it exists on "
            + "[cluster-0, cluster-1]");
    assertThatThrownBy(() -> assertThat(fleet.get()).resource(Deployments.web(2)).hasReplicasOn(5, "cluster-0"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("to have /spec/replicas = 5 on [cluster-0] but found [cluster-0: 2]");
  }
}
