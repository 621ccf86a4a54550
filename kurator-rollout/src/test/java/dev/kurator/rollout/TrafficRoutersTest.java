package dev.kurator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrafficRoutersTest {

  private static final String NS = "routes";
  private static MockCluster cluster;

  @BeforeAll
  static void start() {
    cluster = new MockCluster("eu-1");
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(ResourceDefinitionContext ctx, String name) {
    GenericKubernetesResource r = cluster.client.genericKubernetesResources(ctx).inNamespace(NS).withName(name).get();
    return (Map<String, Object>) r.getAdditionalProperties().get("spec");
  }

  @Test
  @SuppressWarnings("unchecked")
  void gatewayApiSplitsBackendWeightsAndMirrors() {
    CanarySpec canary = CanarySpec.of("web", NS, Analysis.canary(10, 50, 1));
    TrafficRouters.gatewayApi("public").setRoutes(cluster.client, canary, 70, 30, true);
    ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("gateway.networking.k8s.io")
        .withVersion("v1").withKind("HTTPRoute").withPlural("httproutes").withNamespaced(true).build();
    Map<String, Object> rule = ((List<Map<String, Object>>) spec(ctx, "web").get("rules")).get(0);
    assertThat((List<Map<String, Object>>) rule.get("backendRefs"))
        .extracting(b -> b.get("name") + "=" + b.get("weight")).containsExactly("web-primary=70", "web-canary=30");
    assertThat(rule).containsKey("filters");
    TrafficRouters.gatewayApi("public").setRoutes(cluster.client, canary, 100, 0, false);
    rule = ((List<Map<String, Object>>) spec(ctx, "web").get("rules")).get(0);
    assertThat(rule).doesNotContainKey("filters");
  }

  @Test
  @SuppressWarnings("unchecked")
  void istioRoutesMatchingRequestsToTheCanaryForAbTesting() {
    Map<String, Object> match = Map.of("headers", Map.of("x-canary", Map.of("exact", "insider")));
    Analysis ab = new Analysis(Analysis.DEFAULT_INTERVAL, 1, 0, 0, List.of(), 0, 10, false, 0, List.of(match),
        List.of(), List.of());
    CanarySpec canary = CanarySpec.of("shop", NS, ab);
    TrafficRouters.istio().setRoutes(cluster.client, canary, 0, 100, false);
    ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("networking.istio.io")
        .withVersion("v1beta1").withKind("VirtualService").withPlural("virtualservices").withNamespaced(true).build();
    List<Map<String, Object>> http = (List<Map<String, Object>>) spec(ctx, "shop").get("http");
    assertThat(http).hasSize(2);
    assertThat(http.get(0).get("match")).isEqualTo(List.of(match));
    assertThat((List<Map<String, Object>>) http.get(0).get("route")).extracting(r -> r.get("weight"))
        .containsExactly(0, 100);
    assertThat((List<Map<String, Object>>) http.get(1).get("route")).extracting(r -> r.get("weight"))
        .containsExactly(100, 0);
  }

  @Test
  void withoutAMeshTheWeightBecomesReplicaCounts() {
    cluster.deploy(NS, "api", "api:1", 10);
    CanarySpec canary = CanarySpec.of("api", NS, Analysis.canary(10, 50, 1));
    new dev.kurator.rollout.internal.Workloads(cluster.client, canary).initializePrimary();
    TrafficRouters.replicas(3).setRoutes(cluster.client, canary, 59, 41, false);
    assertThat(cluster.replicas(NS, "api")).isEqualTo(4);
    assertThat(cluster.replicas(NS, "api-primary")).isEqualTo(6);
    TrafficRouters.replicas(3).setRoutes(cluster.client, canary, 100, 0, false);
    assertThat(cluster.replicas(NS, "api")).isZero();
    assertThat(cluster.replicas(NS, "api-primary")).isEqualTo(10);
  }
}
