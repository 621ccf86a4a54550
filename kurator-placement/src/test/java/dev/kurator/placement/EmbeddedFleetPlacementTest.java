package dev.kurator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Assignment;
import dev.kurator.core.Fleet;
import dev.kurator.core.propagation.ClusterSync;
import dev.kurator.core.propagation.PropagationResult;
import dev.kurator.placement.plugins.ApiEnablementFilter;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Placement over {@code fleet.snapshot()} of an embedded fleet, then propagation of the decision. */
class EmbeddedFleetPlacementTest {

  static final CustomResourceDefinitionContext WIDGETS = new CustomResourceDefinitionContext.Builder()
      .withGroup("example.com").withVersion("v1").withKind("Widget").withPlural("widgets").withScope("Namespaced")
      .build();

  EmbeddedFleet embedded;
  Fleet fleet;

  @BeforeEach
  void start() {
    embedded = EmbeddedFleet.builder().members(3).start();
    fleet = embedded.fleet();
  }

  @AfterEach
  void stop() {
    embedded.close();
  }

  @Test
  void aDeploymentIsDividedOverEveryMemberAndPropagatedWithItsShares() {
    Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(6).withNewTemplate().withNewSpec().addNewContainer().withName("web")
        .withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build();
    Workload workload = Workload.deployment("default", "web").uid("0b7c2f").replicas(6).build();
    Placement placement = Placement.builder().replicaScheduling(ReplicaScheduling.dividedStatic(null)).build();

    Decision d = Scheduler.withDefaults().schedule(workload, placement, fleet.snapshot(), Assignment.none())
        .throwIfFailed();

    assertThat(d.assignment().asMap()).isEqualTo(Map.of("cluster-0", 2, "cluster-1", 2, "cluster-2", 2));
    PropagationResult r = fleet.propagate(web).assignment(d.assignment()).sync();
    assertThat(r.failures()).isEmpty();
    for (String name : embedded.names()) {
      Deployment copy = embedded.cluster(name).client().apps().deployments().inNamespace("default").withName("web")
          .get();
      assertThat(copy.getSpec().getReplicas()).as(name).isEqualTo(2);
    }
  }

  @Test
  void aCustomKindIsPlacedOnlyOnMembersThatServeItAndPropagatedThere() {
    embedded.cluster("cluster-0").expectCustomResource(WIDGETS);
    embedded.cluster("cluster-2").expectCustomResource(WIDGETS);
    GenericKubernetesResource widget = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1")
        .withKind("Widget").withNewMetadata().withName("blue").withNamespace("default").endMetadata()
        .addToAdditionalProperties("spec", Map.of("color", "blue")).build();
    Workload workload = Workload.builder("example.com/v1", "Widget", "default", "blue").build();

    Decision d = Scheduler.withDefaults().schedule(workload, Placement.empty(), fleet.snapshot(), Assignment.none())
        .throwIfFailed();

    assertThat(d.assignment().clusterNames()).containsExactly("cluster-0", "cluster-2");
    assertThat(d.explanation("cluster-1")).hasValueSatisfying(e -> {
      assertThat(e.verdict()).isEqualTo(ClusterExplanation.Verdict.FILTERED);
      assertThat(e.plugin()).isEqualTo(ApiEnablementFilter.NAME);
    });
    PropagationResult r = fleet.propagate(widget).assignment(d.assignment()).sync();
    // cluster-1 does not serve the kind: its clean-up read finds nothing to delete, and nothing is written there.
    assertThat(r.cluster("cluster-1").status()).isEqualTo(ClusterSync.Status.OK);
    assertThat(r.cluster("cluster-1").changes()).isEmpty();
    assertThat(r.failures()).isEmpty();
    for (String name : new String[] {"cluster-0", "cluster-2"}) {
      assertThat(r.cluster(name).status()).as(name).isEqualTo(ClusterSync.Status.OK);
      assertThat(embedded.cluster(name).client().genericKubernetesResources("example.com/v1", "Widget")
          .inNamespace("default").withName("blue").get()).as(name).isNotNull();
    }
  }

  @Test
  void anUnreachableMemberIsLeftOutAndTheOthersGetTheWorkload() {
    embedded.cluster("cluster-1").makeUnreachable();
    Workload workload = Workload.deployment("default", "web").uid("0b7c2f").replicas(4).build();
    Placement placement = Placement.builder().replicaScheduling(ReplicaScheduling.dividedStatic(null)).build();

    Decision d = Scheduler.withDefaults().schedule(workload, placement, fleet.snapshot(), Assignment.none())
        .throwIfFailed();

    assertThat(d.assignment().asMap()).isEqualTo(Map.of("cluster-0", 2, "cluster-2", 2));
    assertThat(d.explanation("cluster-1")).map(ClusterExplanation::verdict)
        .contains(ClusterExplanation.Verdict.FILTERED);
  }
}
