package dev.kurator.rollout.internal;

import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Istio router: one {@code VirtualService} named after the service, with weighted {@code <svc>-primary} /
 * {@code <svc>-canary} destinations, an optional mirror, and (A/B) a first route for the match conditions.
 */
public final class IstioRouter implements TrafficRouter {

  static final ResourceDefinitionContext VIRTUAL_SERVICE = new ResourceDefinitionContext.Builder()
      .withGroup("networking.istio.io").withVersion("v1beta1").withKind("VirtualService").withPlural("virtualservices")
      .withNamespaced(true).build();

  @Override
  public String name() {
    return "istio";
  }

  @Override
  public void setRoutes(KubernetesClient client, CanarySpec canary, int primaryWeight, int canaryWeight,
                        boolean mirrored) {
    String svc = canary.serviceName();
    List<Map<String, Object>> http = new ArrayList<>();
    if (!canary.analysis().match().isEmpty()) {
      Map<String, Object> matched = new LinkedHashMap<>();
      matched.put("match", canary.analysis().match());
      matched.put("route", List.of(destination(svc + "-primary", primaryWeight),
          destination(svc + "-canary", canaryWeight)));
      http.add(matched);
      Map<String, Object> rest = new LinkedHashMap<>();
      rest.put("route", List.of(destination(svc + "-primary", 100), destination(svc + "-canary", 0)));
      http.add(rest);
    } else {
      Map<String, Object> route = new LinkedHashMap<>();
      route.put("route", List.of(destination(svc + "-primary", primaryWeight),
          destination(svc + "-canary", canaryWeight)));
      if (mirrored) {
        route.put("mirror", Map.of("host", svc + "-canary"));
        int share = canary.analysis().mirrorWeight() > 0 ? canary.analysis().mirrorWeight() : 100;
        route.put("mirrorPercentage", Map.of("value", share));
      }
      http.add(route);
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("hosts", List.of(svc));
    spec.put("http", http);
    GenericKubernetesResource vs = new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1beta1")
        .withKind("VirtualService").withNewMetadata().withName(svc).withNamespace(canary.namespace()).endMetadata()
        .addToAdditionalProperties("spec", spec).build();
    client.genericKubernetesResources(VIRTUAL_SERVICE).inNamespace(canary.namespace()).resource(vs)
        .createOr(op -> op.update());
  }

  private static Map<String, Object> destination(String host, int weight) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("destination", Map.of("host", host));
    d.put("weight", weight);
    return d;
  }
}
