package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One loaded policy document: a Kyverno {@code ClusterPolicy} or {@code Policy} (kyverno.io/v1), a Kyverno CEL
 * {@code ValidatingPolicy} (policies.kyverno.io), or a Kubernetes {@code ValidatingAdmissionPolicy} with its bindings.
 *
 * @param kind {@code ClusterPolicy}, {@code Policy}, {@code ValidatingPolicy}, {@code NamespacedValidatingPolicy} or
 *     {@code ValidatingAdmissionPolicy}
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace} for a namespaced {@code Policy}, else empty
 * @param document the YAML document as a JSON tree (treat as read-only)
 */
public record KyvernoPolicy(String kind, String name, String namespace, JsonNode document) {

  /** Rejects nulls. */
  public KyvernoPolicy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(document, "document");
  }

  /** The name reports use: {@code namespace/name} for a namespaced Policy, else the name. */
  public String reportName() {
    return namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** A {@code metadata.annotations} value, or the default. */
  public String annotation(String key, String def) {
    JsonNode v = document.path("metadata").path("annotations").get(key);
    return v == null || v.isNull() ? def : v.asText();
  }

  /** {@code policies.kyverno.io/severity}, or empty. */
  public String severity() {
    return annotation("policies.kyverno.io/severity", "");
  }

  /** {@code policies.kyverno.io/category}, or empty. */
  public String category() {
    return annotation("policies.kyverno.io/category", "");
  }

  @Override
  public String toString() {
    return kind + "/" + reportName();
  }
}
