package dev.kurator.core.override;

import dev.kurator.core.KuratorException;
import java.util.Objects;

/**
 * An override that could not be applied to one resource for one cluster (for example a JSON patch {@code replace} of
 * a path the resource does not have). Nothing was written: propagation computes every variant before it writes.
 */
public class OverrideException extends KuratorException {

  private final String rule;
  private final String cluster;
  private final String resource;

  /**
   * @param rule     field path of the failing overrider, e.g.
   *                 {@code overridePolicy[default/web].spec.overrideRules[0].overriders.plaintext}
   * @param cluster  member cluster the variant was for
   * @param resource {@code Kind namespace/name} of the resource
   * @param reason   what went wrong
   */
  public OverrideException(String rule, String cluster, String resource, String reason) {
    super(rule + ": cannot apply to " + resource + " for cluster " + cluster + ": " + reason);
    this.rule = Objects.requireNonNull(rule, "rule");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.resource = Objects.requireNonNull(resource, "resource");
  }

  /** Field path of the overrider that failed. */
  public String rule() {
    return rule;
  }

  public String cluster() {
    return cluster;
  }

  public String resource() {
    return resource;
  }
}
