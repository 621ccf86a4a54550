package dev.kurator.rollout.internal;

import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.argo.ReplicaMath;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Router for clusters with no mesh: the apex service selects both workloads (label {@code rollout.kurator.dev/apex})
 * and the weight is approximated with replica counts, as Argo's basic canary does.
 */
public final class ReplicaRouter implements TrafficRouter {

  /** Label shared by the primary and canary pods so that the apex service selects both. */
  public static final String APEX_LABEL = "rollout.kurator.dev/apex";

  private final int maxSurge;

  public ReplicaRouter(int maxSurge) {
    this.maxSurge = maxSurge;
  }

  @Override
  public String name() {
    return "replicas";
  }

  @Override
  public void setRoutes(KubernetesClient client, CanarySpec canary, int primaryWeight, int canaryWeight,
                        boolean mirrored) {
    Workloads w = new Workloads(client, canary);
    int total = w.canaryReplicas();
    int[] split = ReplicaMath.approximate(total, canaryWeight, maxSurge);
    w.scaleTarget(split[0]);
    w.scalePrimary(split[1]);
    int port = canary.servicePort() == 0 ? 80 : canary.servicePort();
    Service apex = new ServiceBuilder().withNewMetadata().withName(canary.serviceName())
        .withNamespace(canary.namespace()).endMetadata().withNewSpec()
        .withSelector(Map.of(APEX_LABEL, canary.targetRef().name())).addNewPort().withName("http").withPort(port)
        .withTargetPort(new IntOrString(port)).endPort().endSpec().build();
    client.services().inNamespace(canary.namespace()).resource(apex).createOr(op -> op.update());
  }
}
