package dev.kurator.placement;

import java.util.Objects;

/**
 * Which resources a propagation policy claims, as Karmada's {@code ResourceSelector}. When {@code name} is set the
 * label selector is ignored.
 *
 * @param apiVersion    e.g. {@code apps/v1}
 * @param kind          e.g. {@code Deployment}
 * @param namespace     namespace, empty for any (a namespaced policy fills in its own)
 * @param name          resource name, empty for any
 * @param labelSelector label selector, null for none
 */
public record ResourceSelector(String apiVersion, String kind, String namespace, String name,
    LabelSelector labelSelector) {
  public ResourceSelector {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /**
   * Karmada's implicit priority of this selector for {@code resource}: 3 by name, 2 by label selector, 1 for
   * match-all, 0 when it does not match.
   */
  public int implicitPriority(Workload resource) {
    if (!apiVersion.equals(resource.apiVersion()) || !kind.equals(resource.kind())) {
      return 0;
    }
    if (!namespace.isEmpty() && !namespace.equals(resource.namespace())) {
      return 0;
    }
    if (!name.isEmpty()) {
      return name.equals(resource.name()) ? 3 : 0;
    }
    if (labelSelector != null) {
      return dev.kurator.placement.internal.ClusterMatcher.labelSelectorMatches(labelSelector, resource.labels())
          ? 2 : 0;
    }
    return 1;
  }
}
