package dev.kurator.placement.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Kubernetes quantity arithmetic the way Karmada's estimator does it: CPU in milli-units, the rest as integers. */
public final class Quantities {

  private Quantities() {}

  /** The amount as a decimal (0 for null). */
  public static BigDecimal amount(Quantity q) {
    return q == null ? BigDecimal.ZERO : q.getNumericalAmount();
  }

  /** Go's {@code MilliValue()}: rounded up to a whole milli-unit. */
  public static long milli(BigDecimal amount) {
    return amount.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** Go's {@code Value()}: rounded up to a whole unit. */
  public static long value(BigDecimal amount) {
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** The comparison unit of resource {@code name}: milli for {@code cpu}, whole units otherwise. */
  public static long units(String name, BigDecimal amount) {
    return "cpu".equals(name) ? milli(amount) : value(amount);
  }
}
