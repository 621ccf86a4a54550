package dev.kurator.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.KuratorException;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.StepClock;
import dev.kurator.core.ValidationException;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiDiscoveryTest {

  KubernetesMockServer server;
  KubernetesClient client;
  StepClock clock = new StepClock();

  @BeforeEach
  void start() {
    server = new KubernetesMockServer(false);
    server.init();
    client = noRetries(server.url("/"));
    server.expect().get().withPath("/api").andReturn(200, new APIVersionsBuilder().withVersions("v1").build())
        .always();
    server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder()
        .addToGroups(group("apps", "v1"), group("example.com", "v1", "v2")).build()).always();
    server.expect().get().withPath("/api/v1").andReturn(200, resources("v1", "Pod:pods", "Pod:pods/log",
        "ConfigMap:configmaps")).always();
    server.expect().get().withPath("/apis/apps/v1").andReturn(200, resources("apps/v1",
        "Deployment:deployments", "Scale:deployments/scale")).always();
    server.expect().get().withPath("/apis/example.com/v1").andReturn(200, resources("example.com/v1",
        "Widget:widgets")).always();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private static KubernetesClient noRetries(String url) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(url).withRequestRetryBackoffLimit(0)
        .withConnectionTimeout(1_000).withHttp2Disable(true).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static io.fabric8.kubernetes.api.model.APIGroup group(String name, String... versions) {
    List<GroupVersionForDiscovery> vs = java.util.Arrays.stream(versions)
        .map(v -> new GroupVersionForDiscovery(name + "/" + v, v)).toList();
    return new APIGroupBuilder().withName(name).withVersions(vs).withPreferredVersion(vs.get(0)).build();
  }

  private static io.fabric8.kubernetes.api.model.APIResourceList resources(String gv, String... kindPlurals) {
    APIResourceListBuilder b = new APIResourceListBuilder().withGroupVersion(gv);
    for (String kp : kindPlurals) {
      String[] parts = kp.split(":");
      b.addToResources(new APIResourceBuilder().withKind(parts[0]).withName(parts[1]).withNamespaced(true)
          .withSingularName("").withVerbs("get").build());
    }
    return b.build();
  }

  private void serveWidgetsV2() {
    server.expect().get().withPath("/apis/example.com/v2").andReturn(200, resources("example.com/v2",
        "Widget:widgets")).always();
  }

  @Test
  void readsEveryGroupVersionAndLeavesSubresourcesOut() {
    serveWidgetsV2();

    ApiEnablements found = ApiDiscovery.discover(client);

    assertThat(found.complete()).isTrue();
    assertThat(found.groupVersionKinds()).isEqualTo(Map.of("v1", Set.of("Pod", "ConfigMap"),
        "apps/v1", Set.of("Deployment"), "example.com/v1", Set.of("Widget"), "example.com/v2", Set.of("Widget")));
    assertThat(found.serves("apps/v1", "Deployment")).isTrue();
    assertThat(found.serves("apps/v1", "Scale")).isFalse();
  }

  @Test
  void aGroupVersionThatCannotBeListedMakesTheResultIncompleteButKeepsTheRest() {
    server.expect().get().withPath("/apis/example.com/v2").andReturn(503, "unavailable").always();

    ApiEnablements found = ApiDiscovery.discover(client);

    assertThat(found.complete()).isFalse();
    assertThat(found.groupVersionKinds()).containsOnlyKeys("v1", "apps/v1", "example.com/v1");
  }

  @Test
  void anUnreachableClusterCannotBeDiscovered() {
    try (KubernetesClient dead = noRetries("http://127.0.0.1:1/")) {
      assertThatThrownBy(() -> ApiDiscovery.discover(dead)).isInstanceOf(KuratorException.class)
          .hasMessageContaining("cannot read /api or /apis");
    }
  }

  @Test
  void fleetSnapshotsCarryApiEnablementsByDefaultAndRediscoverAfterTheRefreshInterval() {
    serveWidgetsV2();
    try (Fleet fleet = Fleet.builder("f").clock(clock).member(MemberCluster.builder("m").client(client).build())
        .build()) {
      ClusterSnapshot first = fleet.snapshot().get(0);
      assertThat(first.apiEnablementsComplete()).isTrue();
      assertThat(first.servesApi("example.com/v2", "Widget")).isTrue();
      assertThat(first.ready()).isTrue();

      int requests = server.getRequestCount();
      clock.advance(ApiEnablementCache.DEFAULT_REFRESH.minusMillis(1));
      assertThat(fleet.snapshot().get(0).apiEnablements()).isEqualTo(first.apiEnablements());
      assertThat(server.getRequestCount()).as("served from the cache").isEqualTo(requests);

      server.reset();
      server.expect().get().withPath("/api").andReturn(200, new APIVersionsBuilder().withVersions("v1").build())
          .always();
      server.expect().get().withPath("/apis").andReturn(200, new APIGroupListBuilder().build()).always();
      server.expect().get().withPath("/api/v1").andReturn(200, resources("v1", "Pod:pods")).always();
      clock.advance(Duration.ofMillis(1));
      ClusterSnapshot later = fleet.snapshot().get(0);
      assertThat(later.apiEnablements()).isEqualTo(Map.of("v1", Set.of("Pod")));
      assertThat(later.apiEnablementsComplete()).isTrue();
    }
  }

  @Test
  void aFailedDiscoveryKeepsTheLastEnablementsFlaggedIncompleteAndMarksTheMemberNotReady() {
    serveWidgetsV2();
    ApiEnablementCache cache = ApiEnablementCache.of(clock, Duration.ofSeconds(30));
    MemberCluster member = MemberCluster.builder("m").client(client).build();
    ClusterSnapshot.Builder first = ClusterSnapshot.builder("m");
    cache.contribute(member, first);
    assertThat(first.build().apiEnablementsComplete()).isTrue();

    server.destroy();
    clock.advance(Duration.ofSeconds(30));
    ClusterSnapshot.Builder second = ClusterSnapshot.builder("m");
    cache.contribute(member, second);
    ClusterSnapshot s = second.build();
    assertThat(s.ready()).isFalse();
    assertThat(s.apiEnablementsComplete()).isFalse();
    assertThat(s.servesApi("apps/v1", "Deployment")).as("last known enablements kept").isTrue();
    assertThat(cache.enablements("m")).map(ApiEnablements::complete).contains(true);
  }

  @Test
  void aMemberNeverDiscoveredIsNotReadyAndServesNothing() {
    server.destroy();
    ApiEnablementCache cache = ApiEnablementCache.of(clock, Duration.ofSeconds(30));
    ClusterSnapshot.Builder b = ClusterSnapshot.builder("m");
    cache.contribute(MemberCluster.builder("m").client(client).build(), b);
    ClusterSnapshot s = b.build();
    assertThat(s.ready()).isFalse();
    assertThat(s.apiEnablements()).isEmpty();
    assertThat(cache.enablements("m")).isEmpty();
  }

  @Test
  void refreshMustBePositive() {
    assertThatThrownBy(() -> ApiEnablementCache.of(clock, Duration.ZERO)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("apiEnablementCache.refresh");
    assertThatThrownBy(() -> ApiEnablementCache.of(clock, Duration.ZERO, Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("apiEnablementCache.refresh")
        .hasMessageContaining("apiEnablementCache.budget");
    assertThatThrownBy(() -> Fleet.builder("f").apiDiscovery(Duration.ofSeconds(-1))
        .member(MemberCluster.builder("m").client(client).build()).build())
        .isInstanceOf(ValidationException.class).hasMessageContaining("fleet.apiDiscovery");
  }

  @Test
  void discoveryCanBeTurnedOff() {
    serveWidgetsV2();
    try (Fleet fleet = Fleet.builder("f").apiDiscovery(null).member(MemberCluster.builder("m").client(client)
        .build()).build()) {
      int before = server.getRequestCount();
      assertThat(fleet.snapshot().get(0).apiEnablements()).isEmpty();
      assertThat(server.getRequestCount()).isEqualTo(before);
    }
  }
}
