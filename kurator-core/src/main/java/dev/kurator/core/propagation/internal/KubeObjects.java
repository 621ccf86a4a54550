package dev.kurator.core.propagation.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.override.internal.Json;
import dev.kurator.core.propagation.ObjectRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes objects given as trees, through fabric8: typed operations for kinds the client knows (no API
 * discovery needed), generic ones otherwise.
 */
public final class KubeObjects {

  private final KubernetesClient client;

  public KubeObjects(KubernetesClient client) {
    this.client = client;
  }

  /** The live object, or empty when it does not exist. */
  public Optional<ObjectNode> get(ObjectRef ref) {
    HasMetadata live = named(ref).get();
    return Optional.ofNullable(live).map(Json::tree);
  }

  /** Creates the object. */
  public void create(ObjectNode tree) {
    client.resource(typed(tree)).create();
  }

  /** Replaces the object, with optimistic locking on {@code resourceVersion}. */
  public void update(ObjectNode tree, String resourceVersion) {
    ObjectNode copy = tree.deepCopy();
    copy.withObjectProperty("metadata").put("resourceVersion", resourceVersion);
    client.resource(typed(copy)).update();
  }

  /** Deletes the object. */
  public void delete(ObjectRef ref) {
    named(ref).delete();
  }

  /**
   * Creates namespace {@code name} when it does not exist, without ownership marks: like Karmada, which makes the
   * namespaces of propagated objects exist on members, and since deleting a namespace deletes everything in it, the
   * namespace is never garbage collected.
   *
   * @return whether it was created
   */
  public boolean ensureNamespace(String name) {
    if (client.namespaces().withName(name).get() != null) {
      return false;
    }
    client.resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
    return true;
  }

  /** Objects of a kind carrying {@code label=value}, in every namespace. */
  public List<ObjectNode> list(String apiVersion, String kind, String label, String value) {
    return operation(apiVersion, kind).inAnyNamespace().withLabel(label, value).list().getItems().stream()
        .map(Json::tree).toList();
  }

  private Resource<HasMetadata> named(ObjectRef ref) {
    MixedOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> op = operation(ref.apiVersion(), ref.kind());
    NonNamespaceOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> scoped =
        ref.namespace().isEmpty() ? op : op.inNamespace(ref.namespace());
    return scoped.withName(ref.name());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private MixedOperation<HasMetadata, KubernetesResourceList<HasMetadata>, Resource<HasMetadata>> operation(
      String apiVersion, String kind) {
    Class<? extends KubernetesResource> type = typeOf(apiVersion, kind);
    if (type != null) {
      return (MixedOperation) client.resources((Class<HasMetadata>) type);
    }
    return (MixedOperation) client.genericKubernetesResources(apiVersion, kind);
  }

  private HasMetadata typed(ObjectNode tree) {
    Class<? extends KubernetesResource> type = typeOf(tree.path("apiVersion").asText(), tree.path("kind").asText());
    if (type == null) {
      return Json.resource(tree);
    }
    return (HasMetadata) client.getKubernetesSerialization().convertValue(tree, type);
  }

  private Class<? extends KubernetesResource> typeOf(String apiVersion, String kind) {
    Class<? extends KubernetesResource> type =
        client.getKubernetesSerialization().getRegisteredKubernetesResource(apiVersion, kind);
    return type != null && HasMetadata.class.isAssignableFrom(type) && type != GenericKubernetesResource.class
        ? type : null;
  }
}
