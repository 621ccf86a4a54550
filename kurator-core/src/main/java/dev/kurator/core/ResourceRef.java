package dev.kurator.core;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Names one Kubernetes object (or, with an empty name, one kind in one namespace, as in a list).
 *
 * @param apiVersion group/version, e.g. {@code apps/v1} or {@code v1}
 * @param kind       kind, e.g. {@code Deployment}
 * @param namespace  namespace, empty for cluster-scoped objects or the client's default namespace
 * @param name       object name, empty for a list
 */
public record ResourceRef(String apiVersion, String kind, String namespace, String name) {

  public ResourceRef {
    apiVersion = apiVersion == null ? "" : apiVersion;
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** The reference of {@code resource} (its apiVersion, kind, namespace and name). */
  public static ResourceRef of(HasMetadata resource) {
    Objects.requireNonNull(resource, "resource");
    String ns = resource.getMetadata() == null ? null : resource.getMetadata().getNamespace();
    String name = resource.getMetadata() == null ? null : resource.getMetadata().getName();
    return new ResourceRef(resource.getApiVersion(), String.valueOf(resource.getKind()), ns, name);
  }

  /** For example {@code apps/v1 Deployment shop/web}. */
  @Override
  public String toString() {
    String where = namespace.isEmpty() ? name : namespace + "/" + name;
    return (apiVersion.isEmpty() ? "" : apiVersion + " ") + kind + (where.isEmpty() ? "" : " " + where);
  }
}
