package dev.kurator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemberClusterTest {

  @Test
  void buildsWithLabelsAndTaints() {
    try (KubernetesClient client = Clients.offline("edge-7.example.invalid")) {
      MemberCluster m = MemberCluster.builder("edge-7").client(client)
          .labels(Map.of("region", "eu", "kurator.dev/compliance-zone", "eu-gdpr"))
          .taint("edge", "true", TaintEffect.NO_SCHEDULE).build();

      assertThat(m.name()).isEqualTo("edge-7");
      assertThat(m.labels()).containsEntry("kurator.dev/compliance-zone", "eu-gdpr");
      assertThat(m.taints()).containsExactly(new Taint("edge", "true", TaintEffect.NO_SCHEDULE));
      assertThat(m.ownsClient()).isFalse();
      ClusterSnapshot s = m.snapshotBuilder().build();
      assertThat(s.region()).isEqualTo("eu");
      assertThat(s.taints()).hasSize(1);
    }
  }

  @Test
  void toStringShowsTheServerButNoCredentials() {
    try (KubernetesClient client = Clients.offline("api.example.invalid")) {
      MemberCluster m = MemberCluster.builder("eu-1").client(client).build();

      assertThat(m.toString()).contains("eu-1", "https://api.example.invalid:6443/")
          .doesNotContain(Clients.TOKEN, "hunter2", "admin");
    }
  }

  @Test
  void reportsEveryInvalidFieldAtOnce() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("region", "eu west");
    labels.put("-bad", "x");
    assertThatThrownBy(() -> MemberCluster.builder("Edge_7").labels(labels).build())
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(ValidationException.Problem::path)
            .containsExactly("member[Edge_7].name", "member[Edge_7].labels[region]", "member[Edge_7].labels[-bad]",
                "member[Edge_7].client"))
        .hasMessageContaining("member[Edge_7].name: was \"Edge_7\", must be a DNS-1123 label")
        .hasMessageContaining("member[Edge_7].labels[region]: was \"eu west\", must be a label value");
  }

  @Test
  void rejectsNamesLongerThan63Characters() {
    String name = "a".repeat(64);
    assertThatThrownBy(() -> Clients.member(name)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("member[" + name + "].name: was \"" + name + "\"");
  }
}
