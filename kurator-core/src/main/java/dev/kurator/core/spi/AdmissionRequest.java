package dev.kurator.core.spi;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One variant under review: which cluster it goes to, what the write does, the object and the live one.
 *
 * @param cluster       the member's name
 * @param clusterLabels the member's labels (policies may match on them)
 * @param operation     create, update or delete
 * @param object        the object to write, as an untyped resource (a copy: changing it changes nothing)
 * @param oldObject     the live object for updates and deletes, null for creates
 */
public record AdmissionRequest(String cluster, Map<String, String> clusterLabels, AdmissionOperation operation,
    GenericKubernetesResource object, GenericKubernetesResource oldObject) {

  public AdmissionRequest {
    Objects.requireNonNull(cluster, "cluster");
    clusterLabels = Map.copyOf(Objects.requireNonNull(clusterLabels, "clusterLabels"));
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(object, "object");
    if (operation != AdmissionOperation.CREATE) {
      Objects.requireNonNull(oldObject, "oldObject (required for " + operation + ")");
    }
  }

  /** The live object, absent for a create. */
  public Optional<GenericKubernetesResource> old() {
    return Optional.ofNullable(oldObject);
  }
}
