package dev.kurator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {

  @Test
  void parsesEveryDocumentTypedWhereKnown() {
    List<HasMetadata> objects = Yaml.parse("""
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: b, namespace: shop}
        spec: {replicas: 2}
        ---
        ---
        apiVersion: example.dev/v1
        kind: Widget
        metadata: {name: c}
        spec: {size: 3}
        """);

    assertThat(objects).hasSize(3);
    assertThat(objects.get(0)).isInstanceOf(ConfigMap.class);
    assertThat(objects.get(1)).isInstanceOf(Deployment.class);
    assertThat(((Deployment) objects.get(1)).getSpec().getReplicas()).isEqualTo(2);
    assertThat(objects.get(2)).isInstanceOf(GenericKubernetesResource.class);
    assertThat(objects.get(2).getKind()).isEqualTo("Widget");
  }

  @Test
  void expandsLists() {
    List<HasMetadata> objects = Yaml.parse("""
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
        - {apiVersion: v1, kind: Secret, metadata: {name: b}}
        """);
    assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ConfigMap", "Secret");
  }

  @Test
  void namesTheDocumentAndFieldOfEveryMissingPart() {
    assertThatThrownBy(() -> Yaml.parse("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ok}
        ---
        kind: ConfigMap
        metadata: {namespace: x}
        """))
        .isInstanceOf(ValidationException.class)
        .hasMessage("yaml.documents[1].apiVersion: was null, must be set; "
            + "yaml.documents[1].metadata.name: was null, must be set");
  }

  @Test
  void namesTheLineOfUnparsableText() {
    assertThatThrownBy(() -> Yaml.parse("apiVersion: v1\nkind: [unclosed\n"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("yaml.documents[0]: was \"line ")
        .hasMessageContaining("is not valid YAML");
  }

  @Test
  void namesAMissingFile() {
    assertThatThrownBy(() -> Yaml.load(java.nio.file.Path.of("/nonexistent/app.yaml")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("file: was \"/nonexistent/app.yaml\", cannot be read");
  }
}
