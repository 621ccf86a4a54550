package dev.kurator.placement;

import dev.kurator.core.Taint;
import dev.kurator.core.TaintEffect;

/**
 * A cluster toleration, as Kubernetes' {@code Toleration}.
 *
 * @param key               taint key; empty with operator {@code Exists} tolerates every taint
 * @param operator          {@code Equal} (default) or {@code Exists}
 * @param value             value compared with {@code Equal}
 * @param effect            effect tolerated; null tolerates every effect
 * @param tolerationSeconds how long a {@code NoExecute} taint is tolerated, null for forever
 */
public record Toleration(String key, String operator, String value, TaintEffect effect, Long tolerationSeconds) {
  public Toleration {
    key = key == null ? "" : key;
    operator = operator == null || operator.isEmpty() ? "Equal" : operator;
    value = value == null ? "" : value;
  }

  /** Tolerates {@code key=value} taints of {@code effect} (any effect when null). */
  public static Toleration equal(String key, String value, TaintEffect effect) {
    return new Toleration(key, "Equal", value, effect, null);
  }

  /** Tolerates every taint with {@code key} (every taint at all when key is empty). */
  public static Toleration exists(String key, TaintEffect effect) {
    return new Toleration(key, "Exists", "", effect, null);
  }

  /** Whether this toleration tolerates {@code taint}, with Kubernetes' {@code ToleratesTaint} semantics. */
  public boolean tolerates(Taint taint) {
    if (effect != null && effect != taint.effect()) {
      return false;
    }
    if (!key.isEmpty() && !key.equals(taint.key())) {
      return false;
    }
    return switch (operator) {
      case "Exists" -> true;
      case "Equal" -> value.equals(taint.value());
      default -> false;
    };
  }
}
