package dev.kurator.core.propagation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;

/**
 * Identity of one Kubernetes object on a cluster.
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind       e.g. {@code Deployment}
 * @param namespace  namespace, empty for cluster-scoped objects
 * @param name       name
 */
public record ObjectRef(String apiVersion, String kind, String namespace, String name) {

  public ObjectRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
  }

  /** The identity of a model object. */
  public static ObjectRef of(HasMetadata o) {
    return new ObjectRef(nz(o.getApiVersion()), nz(o.getKind()), o.getMetadata() == null ? "" :
        o.getMetadata().getNamespace(), o.getMetadata() == null ? "" : nz(o.getMetadata().getName()));
  }

  /** The identity of an object tree. */
  public static ObjectRef of(JsonNode o) {
    return new ObjectRef(o.path("apiVersion").asText(""), o.path("kind").asText(""),
        o.path("metadata").path("namespace").asText(""), o.path("metadata").path("name").asText(""));
  }

  /** The API group, empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** The form stored in the template annotation: {@code apps/v1/Deployment/shop/web}. */
  public String key() {
    return apiVersion + "/" + kind + "/" + namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (" + apiVersion + ")";
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
