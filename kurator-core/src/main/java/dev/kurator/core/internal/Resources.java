package dev.kurator.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.Problems;
import dev.kurator.core.ResourceRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/** Conversions and checks of Kubernetes objects shared by the fan-out operations. */
public final class Resources {

  /** Shared serialization for typed, untyped and tree forms (thread-safe). */
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Resources() {}

  /** The object as a JSON tree. */
  public static JsonNode tree(Object resource) {
    return SERIALIZATION.convertValue(resource, JsonNode.class);
  }

  /** A deep copy of {@code resource} of the same class. */
  @SuppressWarnings("unchecked")
  public static <T extends HasMetadata> T copy(T resource) {
    return (T) SERIALIZATION.convertValue(tree(resource), resource.getClass());
  }

  /** {@code tree} as an object of {@code type}. */
  public static <T> T convert(Object tree, Class<T> type) {
    return SERIALIZATION.convertValue(tree, type);
  }

  /** The object as an untyped resource. */
  public static GenericKubernetesResource generic(HasMetadata resource) {
    return resource instanceof GenericKubernetesResource g ? convert(tree(g), GenericKubernetesResource.class)
        : convert(tree(resource), GenericKubernetesResource.class);
  }

  /**
   * Records a problem for each resource without apiVersion, kind or metadata.name, or with an invalid name, under
   * {@code path[i]}.
   */
  public static void check(Problems problems, String path, List<? extends HasMetadata> resources) {
    problems.check(resources.isEmpty(), path, "[]", "must hold at least one resource");
    for (int i = 0; i < resources.size(); i++) {
      HasMetadata r = resources.get(i);
      String at = path + "[" + i + "]";
      if (r == null) {
        problems.add(at, null, "must not be null");
        continue;
      }
      problems.check(blank(r.getApiVersion()), at + ".apiVersion", r.getApiVersion(), "must be set");
      problems.check(blank(r.getKind()), at + ".kind", r.getKind(), "must be set");
      String name = r.getMetadata() == null ? null : r.getMetadata().getName();
      if (blank(name)) {
        problems.add(at + ".metadata.name", name, "must be set (generateName is not supported by apply)");
      } else {
        problems.check(name.length() > 253 || !name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"), at + ".metadata.name",
            name, "must be a DNS-1123 subdomain (lower-case alphanumerics, '-', '.')");
      }
      String ns = r.getMetadata() == null ? null : r.getMetadata().getNamespace();
      if (ns != null && !ns.isEmpty()) {
        problems.check(!Names.isDns1123Label(ns), at + ".metadata.namespace", ns, "must be a DNS-1123 label");
      }
    }
  }

  /** The reference of {@code r}, in the namespace of {@code fallbackNamespace} when it names none. */
  public static ResourceRef ref(HasMetadata r, String fallbackNamespace) {
    ResourceRef ref = ResourceRef.of(r);
    return ref.namespace().isEmpty() && fallbackNamespace != null && isNamespaced(r)
        ? new ResourceRef(ref.apiVersion(), ref.kind(), fallbackNamespace, ref.name()) : ref;
  }

  private static boolean isNamespaced(HasMetadata r) {
    if (r instanceof io.fabric8.kubernetes.api.model.Namespaced) {
      return true;
    }
    return r instanceof GenericKubernetesResource && !CLUSTER_SCOPED.contains(r.getKind());
  }

  private static final java.util.Set<String> CLUSTER_SCOPED = java.util.Set.of("Namespace", "Node",
      "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "StorageClass",
      "PriorityClass", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
      "ClusterPolicy", "RuntimeClass", "IngressClass", "CSIDriver", "VolumeAttachment");

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
