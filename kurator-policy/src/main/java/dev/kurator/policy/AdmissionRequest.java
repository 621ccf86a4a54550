package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the engine evaluates: a resource plus the admission context Kyverno exposes as {@code request.*}.
 *
 * @param resource the object ({@code request.object}); for DELETE the deleted object
 * @param oldResource the prior object for UPDATE, else empty
 * @param operation the admission operation
 * @param user the requester; empty for background scans (user-info match filters are then ignored)
 * @param namespaceLabels labels of the resource's namespace, for {@code namespaceSelector}
 * @param variables extra variables by dotted name (e.g. {@code request.object.metadata.name}), as a Kyverno CLI values
 *     file gives them
 * @param subresource the subresource name ({@code scale}, {@code status}) or empty
 * @param parentKind the parent kind for a subresource request as {@code group/version/Kind}, or empty
 */
public record AdmissionRequest(JsonNode resource, Optional<JsonNode> oldResource, Operation operation,
    Optional<UserInfo> user, Map<String, String> namespaceLabels, Map<String, JsonNode> variables,
    String subresource, String parentKind) {

  /** Rejects nulls and copies maps. */
  public AdmissionRequest {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(oldResource, "oldResource");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(user, "user");
    namespaceLabels = Map.copyOf(namespaceLabels);
    variables = Map.copyOf(variables);
    Objects.requireNonNull(subresource, "subresource");
    Objects.requireNonNull(parentKind, "parentKind");
  }

  /** A CREATE request for {@code resource} with no user info. */
  public static AdmissionRequest create(JsonNode resource) {
    return new AdmissionRequest(resource, Optional.empty(), Operation.CREATE, Optional.empty(), Map.of(), Map.of(),
        "", "");
  }

  /** A background-scan request: no user info and an empty {@code request.operation}. */
  public static AdmissionRequest background(JsonNode resource) {
    return create(resource).withOperation(Operation.BACKGROUND);
  }

  /** A copy with another operation; UPDATE without an old object uses the resource itself as the old object. */
  public AdmissionRequest withOperation(Operation op) {
    Optional<JsonNode> old = op == Operation.UPDATE && oldResource.isEmpty() ? Optional.of(resource)
        : op == Operation.DELETE ? Optional.of(resource) : op == Operation.BACKGROUND ? Optional.empty() : oldResource;
    return new AdmissionRequest(resource, old, op, user, namespaceLabels, variables, subresource, parentKind);
  }

  /** A copy with the given requester. */
  public AdmissionRequest withUser(UserInfo u) {
    return new AdmissionRequest(resource, oldResource, operation, Optional.of(u), namespaceLabels, variables,
        subresource, parentKind);
  }

  /** A copy with the namespace's labels. */
  public AdmissionRequest withNamespaceLabels(Map<String, String> labels) {
    return new AdmissionRequest(resource, oldResource, operation, user, labels, variables, subresource, parentKind);
  }

  /** A copy with extra variables. */
  public AdmissionRequest withVariables(Map<String, JsonNode> vars) {
    return new AdmissionRequest(resource, oldResource, operation, user, namespaceLabels, vars, subresource,
        parentKind);
  }

  /** A copy describing a subresource request, e.g. {@code scale} of {@code apps/v1/Deployment}. */
  public AdmissionRequest withSubresource(String sub, String parent) {
    return new AdmissionRequest(resource, oldResource, operation, user, namespaceLabels, variables, sub, parent);
  }

  /** A copy with another resource (same context). */
  public AdmissionRequest withResource(JsonNode r) {
    return new AdmissionRequest(r, oldResource, operation, user, namespaceLabels, variables, subresource, parentKind);
  }
}
