package dev.kurator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** API discovery answered by embedded clusters and collected into {@code fleet.snapshot()}. */
class ApiDiscoveryTest {

  static final CustomResourceDefinitionContext WIDGETS = new CustomResourceDefinitionContext.Builder()
      .withGroup("example.com").withVersion("v1").withKind("Widget").withPlural("widgets").withScope("Namespaced")
      .build();

  ManualClock clock = ManualClock.start();

  static Map<String, ClusterSnapshot> byName(List<ClusterSnapshot> snapshots) {
    return snapshots.stream().collect(Collectors.toMap(ClusterSnapshot::name, Function.identity()));
  }

  @Test
  void embeddedClustersServeTheBuiltInKinds() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).clock(clock).start()) {
      for (ClusterSnapshot s : embedded.fleet().snapshot()) {
        assertThat(s.apiEnablementsComplete()).as(s.name()).isTrue();
        assertThat(s.ready()).isTrue();
        assertThat(s.servesApi("v1", "ConfigMap")).isTrue();
        assertThat(s.servesApi("v1", "Namespace")).isTrue();
        assertThat(s.servesApi("apps/v1", "Deployment")).isTrue();
        assertThat(s.servesApi("batch/v1", "CronJob")).isTrue();
        assertThat(s.servesApi("networking.k8s.io/v1", "Ingress")).isTrue();
        assertThat(s.servesApi("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")).isTrue();
        assertThat(s.servesApi("coordination.k8s.io/v1", "Lease")).isTrue();
        assertThat(s.servesApi("example.com/v1", "Widget")).isFalse();
      }
      assertThat(embedded.cluster("cluster-0").client().getApiGroup("apps").getPreferredVersion().getGroupVersion())
          .isEqualTo("apps/v1");
    }
  }

  @Test
  void aCustomKindIsServedOnlyWhereItsDefinitionIsInstalledAndIsPickedUpAfterTheRefreshInterval() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(3).clock(clock).start()) {
      embedded.cluster("cluster-0").expectCustomResource(WIDGETS);
      embedded.cluster("cluster-2").expectCustomResource(WIDGETS);

      Map<String, ClusterSnapshot> first = byName(embedded.fleet().snapshot());
      assertThat(first.get("cluster-0").servesApi("example.com/v1", "Widget")).isTrue();
      assertThat(first.get("cluster-1").servesApi("example.com/v1", "Widget")).isFalse();
      assertThat(first.get("cluster-2").servesApi("example.com/v1", "Widget")).isTrue();

      GenericKubernetesResource widget = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
          .withKind("Widget").withNewMetadata().withName("w").withNamespace("default").endMetadata().build();
      embedded.cluster("cluster-0").client().resource(widget).create();
      assertThat(embedded.cluster("cluster-0").client().genericKubernetesResources("example.com/v1", "Widget")
          .inNamespace("default").withName("w").get()).isNotNull();

      embedded.cluster("cluster-1").expectCustomResource(WIDGETS);
      assertThat(byName(embedded.fleet().snapshot()).get("cluster-1").servesApi("example.com/v1", "Widget"))
          .as("still cached").isFalse();
      clock.advance(Duration.ofSeconds(10));
      assertThat(byName(embedded.fleet().snapshot()).get("cluster-1").servesApi("example.com/v1", "Widget"))
          .as("discovered again").isTrue();
    }
  }

  @Test
  void anUnreachableMemberIsNotReadyAndIncompleteWhileTheOthersAreFine() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(3).clock(clock).start()) {
      embedded.cluster("cluster-1").makeUnreachable();

      Map<String, ClusterSnapshot> snapshot = byName(embedded.fleet().snapshot());

      ClusterSnapshot dead = snapshot.get("cluster-1");
      assertThat(dead.ready()).isFalse();
      assertThat(dead.apiEnablementsComplete()).isFalse();
      assertThat(dead.apiEnablements()).isEmpty();
      for (String name : List.of("cluster-0", "cluster-2")) {
        assertThat(snapshot.get(name).ready()).as(name).isTrue();
        assertThat(snapshot.get(name).apiEnablementsComplete()).as(name).isTrue();
        assertThat(snapshot.get(name).servesApi("apps/v1", "Deployment")).as(name).isTrue();
      }

      embedded.cluster("cluster-1").heal();
      ClusterSnapshot healed = byName(embedded.fleet().snapshot()).get("cluster-1");
      assertThat(healed.ready()).as("a member never discovered is tried again at once").isTrue();
      assertThat(healed.apiEnablementsComplete()).isTrue();
    }
  }

  @Test
  void aSlowMemberIsDiscoveredOnlyWithinTheFleetsCallTimeout() {
    Duration timeout = Duration.ofSeconds(1);
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(2).clock(clock)
        .resilience(EmbeddedFleet.TEST_RESILIENCE.timeout(timeout)).start()) {
      embedded.cluster("cluster-1").slowDown(Duration.ofMillis(400));

      long start = System.nanoTime();
      Map<String, ClusterSnapshot> snapshot = byName(embedded.fleet().snapshot());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(took).as("budget plus one slow request, not one request per group-version")
          .isLessThan(timeout.multipliedBy(3));
      ClusterSnapshot slow = snapshot.get("cluster-1");
      assertThat(slow.apiEnablementsComplete()).isFalse();
      assertThat(slow.servesApi("v1", "Pod")).as("what was read in time is kept").isTrue();
      assertThat(slow.ready()).isTrue();
      assertThat(snapshot.get("cluster-0").apiEnablementsComplete()).isTrue();
    }
  }

  @Test
  void aResetForgetsCustomKinds() {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().members(1).clock(clock).start()) {
      embedded.expectCustomResource(WIDGETS);
      assertThat(embedded.fleet().snapshot().get(0).servesApi("example.com/v1", "Widget")).isTrue();
      embedded.resetAll();
      clock.advance(Duration.ofSeconds(10));
      ClusterSnapshot after = embedded.fleet().snapshot().get(0);
      assertThat(after.servesApi("example.com/v1", "Widget")).isFalse();
      assertThat(after.servesApi("apps/v1", "Deployment")).isTrue();
    }
  }
}
