package dev.kurator.rollout;

import dev.kurator.rollout.internal.GatewayApiRouter;
import dev.kurator.rollout.internal.IstioRouter;
import dev.kurator.rollout.internal.ReplicaRouter;
import dev.kurator.rollout.spi.TrafficRouter;

/** The traffic routers shipped with the SDK. */
public final class TrafficRouters {

  private TrafficRouters() {}

  /** Istio: a {@code VirtualService} with weights, mirroring and A/B header/cookie matches. */
  public static TrafficRouter istio() {
    return new IstioRouter();
  }

  /** Gateway API: an {@code HTTPRoute} attached to {@code gateway} with weighted backends. */
  public static TrafficRouter gatewayApi(String gateway) {
    return new GatewayApiRouter(gateway);
  }

  /**
   * No mesh: the weight is approximated with replica counts (Argo's basic canary), with up to {@code maxSurge} extra
   * pods. The target's pods must carry the label {@code rollout.kurator.dev/apex: <target name>}.
   */
  public static TrafficRouter replicas(int maxSurge) {
    return new ReplicaRouter(maxSurge);
  }
}
