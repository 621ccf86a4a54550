package dev.kurator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberClustersTest {

  static String kubeconfig(String current, String... contexts) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: " + current + "\n");
    sb.append("clusters:\n");
    for (String c : contexts) {
      sb.append("- name: ").append(c).append("\n  cluster:\n    server: https://").append(c)
          .append(".example.invalid:6443\n    insecure-skip-tls-verify: true\n");
    }
    sb.append("users:\n");
    for (String c : contexts) {
      sb.append("- name: ").append(c).append("-admin\n  user:\n    token: token-of-").append(c).append("\n");
    }
    sb.append("contexts:\n");
    for (String c : contexts) {
      sb.append("- name: ").append(c).append("\n  context:\n    cluster: ").append(c).append("\n    user: ")
          .append(c).append("-admin\n    namespace: apps\n");
    }
    return sb.toString();
  }

  private static void closeAll(List<MemberCluster> members) {
    members.forEach(MemberCluster::close);
  }

  @Test
  void oneMemberPerContextOfOneFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), kubeconfig("eu-1", "eu-1", "eu-2", "us-1"));

    List<MemberCluster> members = MemberClusters.fromKubeconfig(file, "eu-2", "us-1");

    assertThat(members).extracting(MemberCluster::name).containsExactly("eu-2", "us-1");
    assertThat(members.get(0).client().getMasterUrl().toString()).isEqualTo("https://eu-2.example.invalid:6443/");
    assertThat(members.get(0).client().getConfiguration().getAutoOAuthToken()).isEqualTo("token-of-eu-2");
    assertThat(members.get(1).client().getNamespace()).isEqualTo("apps");
    assertThat(members).allSatisfy(m -> assertThat(m.ownsClient()).isTrue());
    assertThat(members.get(0).toString()).doesNotContain("token-of");
    closeAll(members);

    List<MemberCluster> all = MemberClusters.fromKubeconfig(file);
    assertThat(all).extracting(MemberCluster::name).containsExactly("eu-1", "eu-2", "us-1");
    closeAll(all);
  }

  @Test
  void mergesSeveralFilesFirstDefinitionWins(@TempDir Path dir) throws Exception {
    Path a = Files.writeString(dir.resolve("a"), kubeconfig("eu-1", "eu-1", "shared"));
    Path b = Files.writeString(dir.resolve("b"), kubeconfig("us-1", "us-1", "shared").replace(
        "https://shared.example.invalid", "https://other.example.invalid"));

    List<MemberCluster> members = MemberClusters.fromKubeconfigs(List.of(a, b));

    assertThat(members).extracting(MemberCluster::name).containsExactly("eu-1", "shared", "us-1");
    assertThat(members.get(1).client().getMasterUrl().getHost()).isEqualTo("shared.example.invalid");
    assertThat(members.get(2).client().getMasterUrl().getHost()).isEqualTo("us-1.example.invalid");
    closeAll(members);
  }

  @Test
  void namesMissingContextsAndFiles(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config"), kubeconfig("eu-1", "eu-1", "Arn:Cluster"));

    assertThatThrownBy(() -> MemberClusters.fromKubeconfig(file, "eu-1", "mars", "Arn:Cluster"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("contexts[1]: was \"mars\", is not a context of")
        .hasMessageContaining("contexts[2]: was \"Arn:Cluster\", must be a DNS-1123 label");
    assertThatThrownBy(() -> MemberClusters.fromKubeconfigs(List.of(file, dir.resolve("missing"))))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("kubeconfigs[1]: was \"" + dir.resolve("missing") + "\", is not a readable file");
  }

  @Test
  void readsAKubeconfigHeldInASecretUnderKeyValue() {
    String text = kubeconfig("edge-7", "edge-7");
    Secret secret = new SecretBuilder().withNewMetadata().withName("edge-7-kubeconfig").withNamespace("fleet")
        .endMetadata().addToData("value", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
        .build();

    try (MemberCluster m = MemberClusters.fromSecret("edge", secret)) {
      assertThat(m.name()).isEqualTo("edge");
      assertThat(m.client().getMasterUrl().getHost()).isEqualTo("edge-7.example.invalid");
    }
    Secret empty = new SecretBuilder().withNewMetadata().withName("s").withNamespace("fleet").endMetadata().build();
    assertThatThrownBy(() -> MemberClusters.fromSecret("edge", empty))
        .isInstanceOf(ValidationException.class)
        .hasMessage("secret[fleet/s].data.value: was null, must hold a kubeconfig");
  }
}
