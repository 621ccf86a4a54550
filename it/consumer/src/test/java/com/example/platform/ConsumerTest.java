package com.example.platform;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import dev.kurator.core.Selector;
import dev.kurator.testing.EmbeddedFleetExtension;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a platform team's project does first: import the BOM, add the modules, apply to an embedded fleet. */
class ConsumerTest {

  @RegisterExtension
  static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(3).labels("region", "eu", "eu", "us");

  private static Deployment web() {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(2)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  @Test
  void appliesADeploymentToTheEuClustersOfAnEmbeddedFleet() {
    FleetResult<Deployment> r = fleet.get().apply(web()).onClusters(Selector.labels("region=eu"));

    assertThat(r.count(Outcome.Applied.class)).isEqualTo(2);
    assertThat(fleet.get()).resource(web()).existsExactlyOn("cluster-0", "cluster-1").hasReplicasOn(2, "cluster-0");
  }

  @Test
  void oneJacksonOnTheClasspathThatJavaOperatorSdkShares() {
    assertThat(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString())
        .isEqualTo(com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString());
    assertThat(Reconciler.class.getProtectionDomain().getCodeSource().getLocation().toString())
        .contains("operator-framework-core");
  }
}
