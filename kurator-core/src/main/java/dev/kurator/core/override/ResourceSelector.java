package dev.kurator.core.override;

import dev.kurator.core.Problems;
import dev.kurator.core.override.internal.LabelSelectors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Objects;

/**
 * Which resources a policy applies to, as Karmada's {@code ResourceSelector}: {@code apiVersion} and {@code kind}
 * must equal the resource's; {@code namespace}, if not empty, too. If {@code name} is set, only that name matches and
 * {@code labelSelector} is ignored; otherwise the label selector (if any) must match.
 *
 * @param apiVersion    e.g. {@code apps/v1}, not blank
 * @param kind          e.g. {@code Deployment}, not blank
 * @param namespace     namespace, empty for any
 * @param name          name, empty for any
 * @param labelSelector selector over the resource's labels, null for none
 */
public record ResourceSelector(String apiVersion, String kind, String namespace, String name,
    LabelSelector labelSelector) {

  public ResourceSelector {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
  }

  /** Every resource of this kind. */
  public static ResourceSelector of(String apiVersion, String kind) {
    return new ResourceSelector(apiVersion, kind, "", "", null);
  }

  /** The resource of this kind with this name (in any namespace). */
  public static ResourceSelector named(String apiVersion, String kind, String name) {
    return new ResourceSelector(apiVersion, kind, "", name, null);
  }

  /**
   * How specifically this selector matches {@code resource}, as Karmada's implicit priority: 0 no match, 1 match-all,
   * 2 by label selector, 3 by name.
   */
  public int priority(HasMetadata resource) {
    if (!apiVersion.equals(resource.getApiVersion()) || !kind.equals(resource.getKind())) {
      return 0;
    }
    String ns = resource.getMetadata().getNamespace() == null ? "" : resource.getMetadata().getNamespace();
    if (!namespace.isEmpty() && !namespace.equals(ns)) {
      return 0;
    }
    if (!name.isEmpty()) {
      return name.equals(resource.getMetadata().getName()) ? 3 : 0;
    }
    if (labelSelector == null) {
      return 1;
    }
    return LabelSelectors.matches(labelSelector, resource.getMetadata().getLabels()) ? 2 : 0;
  }

  void validate(String path, Problems problems) {
    problems.check(apiVersion.isBlank(), path + ".apiVersion", apiVersion, "must not be blank");
    problems.check(kind.isBlank(), path + ".kind", kind, "must not be blank");
    LabelSelectors.validate(path + ".labelSelector", labelSelector, problems);
  }
}
