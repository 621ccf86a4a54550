package dev.kurator.rollout;

import java.util.Objects;

/**
 * The workload a canary drives ({@code spec.targetRef}).
 *
 * @param apiVersion e.g. {@code apps/v1}
 * @param kind {@code Deployment} or {@code DaemonSet}
 * @param name the workload's name; the primary is {@code <name>-primary}
 */
public record TargetRef(String apiVersion, String kind, String name) {
  public TargetRef {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** An {@code apps/v1} Deployment. */
  public static TargetRef deployment(String name) {
    return new TargetRef("apps/v1", "Deployment", name);
  }

  /** The name of the primary workload Flagger creates. */
  public String primaryName() {
    return name + "-primary";
  }
}
