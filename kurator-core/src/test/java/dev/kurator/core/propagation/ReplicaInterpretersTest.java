package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.ValidationException;
import dev.kurator.core.propagation.spi.ReplicaInterpreter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReplicaInterpretersTest {

  static final ObjectMapper M = new ObjectMapper();

  static ObjectNode object(String apiVersion, String kind) {
    ObjectNode n = M.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
    n.putObject("spec");
    return n;
  }

  @ParameterizedTest
  @CsvSource({"apps/v1, Deployment, /spec/replicas", "apps/v1, StatefulSet, /spec/replicas",
      "apps/v1, ReplicaSet, /spec/replicas", "batch/v1, Job, /spec/parallelism"})
  void builtInsReviseTheirReplicaField(String apiVersion, String kind, String field) {
    ObjectNode o = object(apiVersion, kind);
    ReplicaInterpreter i = ReplicaInterpreters.defaults().find(o).orElseThrow();

    i.reviseReplicas(o, 4);

    assertThat(o.at(field).intValue()).isEqualTo(4);
    assertThat(i.replicas(o)).hasValue(4);
  }

  @Test
  void kindsWithoutReplicasHaveNoInterpreter() {
    assertThat(ReplicaInterpreters.defaults().find(object("v1", "ConfigMap"))).isEmpty();
    assertThat(ReplicaInterpreters.defaults().find(object("example.com/v1", "Deployment"))).isEmpty();
  }

  @Test
  void customKindsArePluggableAndTakePrecedence() {
    ReplicaInterpreters r = ReplicaInterpreters.defaults()
        .with(ReplicaInterpreters.atPath("Workload", "example.com", "Workload", "/spec/scale/size"))
        .with(ReplicaInterpreters.atPath("MyDeployment", "apps", "Deployment", "/spec/replicasOverride"));
    ObjectNode w = object("example.com/v1", "Workload");
    r.find(w).orElseThrow().reviseReplicas(w, 3);
    assertThat(w.at("/spec/scale/size").intValue()).isEqualTo(3);
    assertThat(r.find("apps", "Deployment").orElseThrow().name()).isEqualTo("MyDeployment");
  }

  @Test
  void duplicateNamesAndBadPointersAreRejected() {
    ReplicaInterpreters r = ReplicaInterpreters.defaults().with(ReplicaInterpreters.atPath("W", "g", "W", "/spec/n"));
    assertThatThrownBy(() -> r.with(ReplicaInterpreters.atPath("W", "g", "X", "/spec/n")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("replicaInterpreters[1].name: was \"W\"");
    assertThatThrownBy(() -> ReplicaInterpreters.atPath("W", "g", "W", "spec/n"))
        .hasMessageContaining("replicaInterpreter[W].pointer: was \"spec/n\"");
  }
}
