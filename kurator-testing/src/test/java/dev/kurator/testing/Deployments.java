package dev.kurator.testing;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Test fixtures. */
final class Deployments {

  private Deployments() {}

  static Deployment web(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").addNewPort()
        .withContainerPort(80).endPort().endContainer().endSpec().endTemplate()
        .endSpec().build();
  }
}
