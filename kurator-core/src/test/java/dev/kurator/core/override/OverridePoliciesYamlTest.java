package dev.kurator.core.override;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridePoliciesYamlTest {

  static final String KARMADA = """
      apiVersion: policy.karmada.io/v1alpha1
      kind: OverridePolicy
      metadata:
        name: example
        namespace: shop
      spec:
        resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: web
        overrideRules:
          - targetCluster:
              clusterNames:
                - eu-1
            overriders:
              imageOverrider:
                - component: Registry
                  operator: replace
                  value: eu.registry.io
              argsOverrider:
                - containerName: c0
                  operator: add
                  value: ["--region=eu"]
              plaintext:
                - path: /spec/replicas
                  operator: replace
                  value: 7
          - targetCluster:
              labelSelector:
                matchLabels:
                  region: us
            overriders:
              labelsOverrider:
                - operator: add
                  value:
                    geo: us
              annotationsOverrider:
                - operator: add
                  value:
                    note: american
              commandOverrider:
                - containerName: c0
                  operator: remove
                  value: ["/bin/app"]
      ---
      apiVersion: policy.karmada.io/v1alpha1
      kind: ClusterOverridePolicy
      metadata:
        name: everywhere
      spec:
        targetCluster:
          fieldSelector:
            matchExpressions:
              - key: region
                operator: In
                values: [eu]
        overriders:
          imageOverrider:
            - predicate:
                path: /spec/template/spec/containers/0/image
              component: Tag
              operator: replace
              value: stable
      """;

  @Test
  void loadsKarmadaYamlAsIs() {
    List<OverridePolicy> policies = OverridePolicies.parse(KARMADA);

    assertThat(policies).extracting(OverridePolicy::id)
        .containsExactly("overridePolicy[shop/example]", "clusterOverridePolicy[everywhere]");
    Overrides o = Overrides.of(policies);
    ClusterSnapshot eu = ClusterSnapshot.builder("eu-1").labels(Map.of("region", "eu")).build();
    ClusterSnapshot us = ClusterSnapshot.builder("us-1").labels(Map.of("region", "us")).build();

    var euTree = o.apply(OverridesTest.deployment("nginx:1"), eu).tree();
    assertThat(euTree.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("eu.registry.io/nginx:stable");
    assertThat(euTree.at("/spec/template/spec/containers/0/args").toString()).contains("--region=eu");
    assertThat(euTree.at("/spec/replicas").intValue()).isEqualTo(7);

    var usTree = o.apply(OverridesTest.deployment("nginx:1"), us).tree();
    assertThat(usTree.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1");
    assertThat(usTree.at("/metadata/labels/geo").asText()).isEqualTo("us");
    assertThat(usTree.at("/metadata/annotations/note").asText()).isEqualTo("american");
    assertThat(usTree.at("/spec/template/spec/containers/0/command").toString()).isEqualTo("[]");
  }

  @Test
  void badYamlIsRejectedWithEveryFieldPath() {
    String yaml = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: bad, namespace: shop}
        spec:
          overrideRules:
            - overriders:
                plaintext:
                  - path: spec/replicas
                    operator: upsert
                    value: 1
                imageOverrider:
                  - component: Digest
                    operator: replace
                    value: x
                fieldOverrider: []
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: x}
        """;

    assertThatThrownBy(() -> OverridePolicies.parse(yaml))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactlyInAnyOrder(
                "documents[0].spec.overrideRules[0].overriders.plaintext[0].operator",
                "documents[0].spec.overrideRules[0].overriders.imageOverrider[0].component",
                "documents[0].spec.overrideRules[0].overriders.fieldOverrider",
                "documents[1].apiVersion",
                "documents[1].kind"))
        .hasMessageContaining("plaintext[0].operator: was \"upsert\", must be one of add, remove, replace");
  }

  @Test
  void aValidShapeWithABadPointerIsRejectedByThePolicy() {
    String yaml = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterOverridePolicy
        metadata: {name: c}
        spec:
          overrideRules:
            - overriders:
                plaintext:
                  - {path: "no-slash", operator: remove}
        """;

    assertThatThrownBy(() -> OverridePolicies.parse(yaml))
        .hasMessageContaining(
            "documents[0].clusterOverridePolicy[c].spec.overrideRules[0].overriders.plaintext[0].path: was \"no-slash\"");
  }

  @Test
  void loadsEveryYamlFileOfADirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.yaml"), KARMADA);
    Files.writeString(dir.resolve("b.yml"), "kind: OverridePolicy\n");
    Files.writeString(dir.resolve("ignored.txt"), "x");

    assertThatThrownBy(() -> OverridePolicies.load(dir)).hasMessageContaining("b.yml.documents[0].apiVersion");
    Files.delete(dir.resolve("b.yml"));
    assertThat(OverridePolicies.load(dir)).hasSize(2);
  }
}
