package dev.kurator.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;

/** One in-process API server in CRUD mode standing in for a member cluster, with a stand-in for the kubelet. */
final class MockCluster implements AutoCloseable {

  final String name;
  final KubernetesMockServer server;
  final KubernetesClient client;

  MockCluster(String name) {
    this.name = name;
    this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init();
    this.client = server.createClient();
  }

  /** A view over a cluster someone else owns (e.g. an embedded fleet member); {@link #close()} does nothing. */
  MockCluster(String name, KubernetesClient client) {
    this.name = name;
    this.server = null;
    this.client = client;
  }

  /** Creates Deployment {@code name} in {@code ns} running {@code image} with {@code replicas}. */
  void deploy(String ns, String name, String image, int replicas) {
    Deployment d = new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec().addNewContainer()
        .withName("app").withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    client.apps().deployments().inNamespace(ns).resource(d).create();
  }

  /** Changes the image of Deployment {@code name}: a new revision. */
  void setImage(String ns, String name, String image) {
    client.apps().deployments().inNamespace(ns).withName(name).edit(d -> new DeploymentBuilder(d).editSpec()
        .editTemplate().editSpec().editFirstContainer().withImage(image).endContainer().endSpec().endTemplate()
        .endSpec().build());
  }

  /** Image of Deployment {@code name}, or null when it does not exist. */
  String image(String ns, String name) {
    Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  /** Replicas of Deployment {@code name}. */
  int replicas(String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get().getSpec().getReplicas();
  }

  /** Plays the kubelet: every Deployment in {@code ns} reports all its replicas updated and available. */
  void settle(String ns) {
    for (Deployment d : client.apps().deployments().inNamespace(ns).list().getItems()) {
      int r = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
      Deployment ready = new DeploymentBuilder(d).withStatus(new DeploymentStatusBuilder().withReplicas(r)
          .withUpdatedReplicas(r).withAvailableReplicas(r).withReadyReplicas(r)
          .withObservedGeneration(d.getMetadata().getGeneration()).build()).build();
      client.apps().deployments().inNamespace(ns).resource(ready).updateStatus();
    }
  }

  @Override
  public void close() {
    if (server != null) {
      client.close();
      server.destroy();
    }
  }
}
