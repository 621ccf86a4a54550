package dev.kurator.rollout.spi;

import dev.kurator.rollout.CanarySpec;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Splits traffic between a canary's primary and canary workloads on one cluster (Flagger's {@code Router}). Calls are
 * absolute and idempotent: applying the same weights twice leaves the same objects.
 */
public interface TrafficRouter {

  /** The provider name, as in a Canary's {@code spec.provider} ({@code istio}, {@code gatewayapi}, ...). */
  String name();

  /**
   * Routes {@code primaryWeight}/{@code canaryWeight} percent (they add up to 100), mirroring to the canary when
   * {@code mirrored}. With A/B match conditions a canary weight of 100 means "matching requests go to the canary".
   *
   * @throws io.fabric8.kubernetes.client.KubernetesClientException when the cluster refuses the change
   */
  void setRoutes(KubernetesClient client, CanarySpec canary, int primaryWeight, int canaryWeight, boolean mirrored);
}
