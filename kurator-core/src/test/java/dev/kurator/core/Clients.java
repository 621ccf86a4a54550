package dev.kurator.core;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Clients that are never used to connect, for tests of values and validation. */
final class Clients {

  static final String TOKEN = "t0ps3cret-token";

  private Clients() {}

  static KubernetesClient offline(String host) {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://admin:hunter2@" + host + ":6443/")
        .withOauthToken(TOKEN).withRequestRetryBackoffLimit(0).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  static MemberCluster member(String name) {
    return MemberCluster.builder(name).client(offline(name + ".example.invalid")).build();
  }
}
