package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.KuratorException;
import dev.kurator.core.propagation.spi.ReplicaInterpreter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Planning is pure: variants per cluster without any client. */
class PropagationPlanTest {

  static final List<ClusterSnapshot> CLUSTERS = List.of(ClusterSnapshot.builder("a").build(),
      ClusterSnapshot.builder("b").build());

  static io.fabric8.kubernetes.api.model.GenericKubernetesResource workload() {
    return new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Workload")
        .withNewMetadata().withName("w").withNamespace("ns").withResourceVersion("42").withUid("u")
        .endMetadata().withAdditionalProperties(Map.of("spec", Map.of("size", 9), "status", Map.of("ready", 1)))
        .build();
  }

  @Test
  void customKindsAreDividedThroughTheirInterpreterAndServerFieldsAreDropped() {
    Propagation p = Propagation.builder("w").template(workload())
        .interpreters(ReplicaInterpreters.defaults().with(ReplicaInterpreters.atPath("Workload", "example.com",
            "Workload", "/spec/size")))
        .assignment(Assignment.ofReplicas(Map.of("a", 6, "b", 3))).build();

    PropagationPlan plan = p.plan(CLUSTERS);

    ObjectNode a = plan.variants("a").get(0).tree();
    assertThat(a.at("/spec/size").intValue()).isEqualTo(6);
    assertThat(plan.variants("b").get(0).tree().at("/spec/size").intValue()).isEqualTo(3);
    assertThat(a.has("status")).isFalse();
    assertThat(a.at("/metadata").has("resourceVersion")).isFalse();
    assertThat(a.at("/metadata").has("uid")).isFalse();
    assertThat(plan.variants("a").get(0).hash()).isNotEqualTo(plan.variants("b").get(0).hash());
  }

  @Test
  void anAssignmentWithoutReplicasLeavesTheCountAlone() {
    PropagationPlan plan = Propagation.builder("w").template(workload())
        .interpreters(ReplicaInterpreters.defaults().with(ReplicaInterpreters.atPath("Workload", "example.com",
            "Workload", "/spec/size")))
        .assignment(Assignment.of("a")).build().plan(CLUSTERS);

    assertThat(plan.variants("a").get(0).tree().at("/spec/size").intValue()).isEqualTo(9);
    assertThat(plan.variants("b")).isEmpty();
  }

  @Test
  void aFailingInterpreterNamesItselfTheTemplateAndTheCluster() {
    ReplicaInterpreter broken = new ReplicaInterpreter() {
      @Override
      public String name() {
        return "Broken";
      }

      @Override
      public boolean handles(String group, String kind) {
        return kind.equals("Workload");
      }

      @Override
      public OptionalInt replicas(ObjectNode object) {
        return OptionalInt.empty();
      }

      @Override
      public void reviseReplicas(ObjectNode object, int replicas) {
        throw new IllegalStateException("no size field");
      }
    };
    Propagation p = Propagation.builder("w").template(workload())
        .interpreters(ReplicaInterpreters.defaults().with(broken)).assignment(Assignment.ofReplicas(Map.of("a", 1)))
        .build();

    assertThatThrownBy(() -> p.plan(CLUSTERS)).isInstanceOf(KuratorException.class)
        .hasMessageContaining("replica interpreter Broken failed on Workload ns/w").hasMessageContaining("cluster a")
        .hasMessageContaining("no size field");
  }

  @Test
  void secretDataNeverShowsInDescriptions() {
    PropagationPlan plan = Propagation.builder("s").template(new SecretBuilder().withNewMetadata().withName("db")
        .withNamespace("ns").endMetadata().addToData("password", "czNjcmV0").build())
        .assignment(Assignment.of("a")).build().plan(CLUSTERS);

    assertThat(plan.variants("a").get(0).tree().at("/data/password").asText()).isEqualTo("czNjcmV0");
    assertThat(plan.toString()).contains("Secret ns/db").doesNotContain("czNjcmV0");
  }
}
