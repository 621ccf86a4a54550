package dev.kurator.core.override;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.override.internal.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Objects;

/**
 * One cluster's variant of a resource after overrides.
 *
 * @param tree            the variant as a JSON tree (a copy is returned by the accessor)
 * @param appliedPolicies ids of the policies that had at least one rule for the cluster, in application order
 */
public record OverrideResult(ObjectNode tree, List<String> appliedPolicies) {

  public OverrideResult {
    tree = Objects.requireNonNull(tree, "tree").deepCopy();
    appliedPolicies = List.copyOf(Objects.requireNonNull(appliedPolicies, "appliedPolicies"));
  }

  @Override
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /** Identity and applied policies only: the tree may hold Secret data. */
  @Override
  public String toString() {
    return "OverrideResult[" + tree.path("kind").asText() + " " + tree.path("metadata").path("namespace").asText("")
        + "/" + tree.path("metadata").path("name").asText() + ", policies=" + appliedPolicies + "]";
  }

  /** The variant as a generic resource. */
  public GenericKubernetesResource resource() {
    return Json.resource(tree);
  }
}
