package dev.kurator.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A taint on a member cluster, as Karmada's {@code Cluster.spec.taints}: placement only lands workloads whose
 * tolerations match it.
 *
 * @param key       taint key, not blank
 * @param value     taint value, may be empty, never null
 * @param effect    what happens to workloads that do not tolerate it
 * @param timeAdded when a {@code NoExecute} taint was added (used for toleration seconds), may be null
 */
public record Taint(String key, String value, TaintEffect effect, Instant timeAdded) {

  public Taint {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(effect, "effect");
    value = value == null ? "" : value;
    if (key.isBlank()) {
      throw ValidationException.of("taint.key", key, "must not be blank");
    }
  }

  public Taint(String key, String value, TaintEffect effect) {
    this(key, value, effect, null);
  }
}
