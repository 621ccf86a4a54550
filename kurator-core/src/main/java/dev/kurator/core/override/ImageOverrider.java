package dev.kurator.core.override;

import java.util.Objects;

/**
 * Changes one part of container images, as Karmada's {@code ImageOverrider}.
 *
 * <p>Without a predicate path it changes every container ({@code spec.containers} for a Pod,
 * {@code spec.template.spec.containers} for a Deployment, ReplicaSet, StatefulSet, DaemonSet or Job; other kinds are
 * left alone). With a path (a JSON pointer such as {@code /spec/template/spec/containers/0/image}) it changes only the
 * image found there.
 *
 * <p>Operators: {@code add} appends {@code value} to the component ({@code docker.io} + {@code .cn}), {@code replace}
 * sets it, {@code remove} drops it.
 *
 * @param predicatePath JSON pointer to one image string, or null for all containers of a workload
 * @param component     which part of the image changes
 * @param operator      add, remove or replace
 * @param value         the value to add or set; ignored (and may be empty) for remove
 */
public record ImageOverrider(String predicatePath, ImageComponent component, OverrideOperator operator, String value) {

  public ImageOverrider {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(operator, "operator");
    value = value == null ? "" : value;
  }

  /** An overrider for every container of a workload. */
  public static ImageOverrider allContainers(ImageComponent component, OverrideOperator operator, String value) {
    return new ImageOverrider(null, component, operator, value);
  }

  /** An overrider for the single image at {@code path} (a JSON pointer). */
  public static ImageOverrider atPath(String path, ImageComponent component, OverrideOperator operator, String value) {
    return new ImageOverrider(Objects.requireNonNull(path, "path"), component, operator, value);
  }
}
