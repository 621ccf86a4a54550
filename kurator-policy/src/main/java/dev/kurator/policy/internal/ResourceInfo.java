package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The identity of a resource as match/exclude sees it.
 *
 * @param group API group ("" for core)
 * @param version API version
 * @param kind kind (the parent's kind for a subresource)
 * @param subresource subresource name or ""
 * @param name metadata.name (or generateName)
 * @param namespace metadata.namespace, "" for cluster-scoped
 */
public record ResourceInfo(String group, String version, String kind, String subresource, String name,
    String namespace) {

  private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "ClusterRole", "ClusterRoleBinding",
      "PersistentVolume", "StorageClass", "CustomResourceDefinition", "ClusterPolicy", "ClusterPolicyReport",
      "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "PriorityClass", "APIService",
      "CertificateSigningRequest", "IngressClass", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment",
      "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "PodSecurityPolicy", "ClusterIssuer");

  /** True for kinds that live outside namespaces. */
  public static boolean isClusterScoped(String kind) {
    return CLUSTER_SCOPED.contains(kind);
  }

  /** Reads the identity of a resource object. */
  public static ResourceInfo of(JsonNode r) {
    String apiVersion = r.path("apiVersion").asText("");
    int slash = apiVersion.indexOf('/');
    String group = slash >= 0 ? apiVersion.substring(0, slash) : "";
    String version = slash >= 0 ? apiVersion.substring(slash + 1) : apiVersion;
    String name = r.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      name = r.path("metadata").path("generateName").asText("");
    }
    return new ResourceInfo(group, version, r.path("kind").asText(""), "", name,
        r.path("metadata").path("namespace").asText(""));
  }

  /** A copy that describes a subresource of the given parent {@code group/version/Kind}. */
  public ResourceInfo asSubresource(String sub, String parentGvk) {
    String[] p = parentGvk.split("/");
    if (p.length == 3) {
      return new ResourceInfo(p[0], p[1], p[2], sub, name, namespace);
    }
    if (p.length == 2) {
      return new ResourceInfo("", p[0], p[1], sub, name, namespace);
    }
    return new ResourceInfo(group, version, parentGvk, sub, name, namespace);
  }
}
