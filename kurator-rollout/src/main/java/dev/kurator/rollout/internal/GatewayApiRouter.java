package dev.kurator.rollout.internal;

import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gateway API router: one {@code HTTPRoute} named after the service with weighted backendRefs. */
public final class GatewayApiRouter implements TrafficRouter {

  static final ResourceDefinitionContext HTTP_ROUTE = new ResourceDefinitionContext.Builder()
      .withGroup("gateway.networking.k8s.io").withVersion("v1").withKind("HTTPRoute").withPlural("httproutes")
      .withNamespaced(true).build();

  private final String gateway;

  public GatewayApiRouter(String gateway) {
    this.gateway = gateway;
  }

  @Override
  public String name() {
    return "gatewayapi";
  }

  @Override
  public void setRoutes(KubernetesClient client, CanarySpec canary, int primaryWeight, int canaryWeight,
                        boolean mirrored) {
    String svc = canary.serviceName();
    int port = canary.servicePort() == 0 ? 80 : canary.servicePort();
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("backendRefs", List.of(backend(svc + "-primary", port, primaryWeight),
        backend(svc + "-canary", port, canaryWeight)));
    if (mirrored) {
      rule.put("filters", List.of(Map.of("type", "RequestMirror",
          "requestMirror", Map.of("backendRef", Map.of("name", svc + "-canary", "port", port)))));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("parentRefs", List.of(Map.of("name", gateway)));
    spec.put("rules", List.of(rule));
    GenericKubernetesResource route = new GenericKubernetesResourceBuilder()
        .withApiVersion("gateway.networking.k8s.io/v1").withKind("HTTPRoute").withNewMetadata().withName(svc)
        .withNamespace(canary.namespace()).endMetadata().addToAdditionalProperties("spec", spec).build();
    client.genericKubernetesResources(HTTP_ROUTE).inNamespace(canary.namespace()).resource(route)
        .createOr(op -> op.update());
  }

  private static Map<String, Object> backend(String name, int port, int weight) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("name", name);
    b.put("port", port);
    b.put("weight", weight);
    return b;
  }
}
