package dev.kurator.core.summary.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resource arithmetic in Karmada's units: {@code cpu} in milli-cores, every other resource as its integer value
 * rounded up (as {@code Quantity.Value()}), so sums and divisions are exact longs.
 */
public final class Resources {

  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String PODS = "pods";

  private Resources() {}

  /** A quantity in Karmada's unit for {@code resource}. */
  public static long units(String resource, Quantity q) {
    BigDecimal amount = q.getNumericalAmount();
    if (CPU.equals(resource)) {
      amount = amount.movePointRight(3);
    }
    return amount.setScale(0, RoundingMode.CEILING).longValueExact();
  }

  /** A quantity back from Karmada's unit: cpu as {@code 2500m} (or whole cores), the rest as plain integers. */
  public static Quantity quantity(String resource, long units) {
    if (CPU.equals(resource)) {
      return units % 1000 == 0 ? new Quantity(Long.toString(units / 1000)) : new Quantity(units + "m");
    }
    return new Quantity(Long.toString(units));
  }

  /** Adds a resource list into {@code into}. */
  public static void add(Map<String, Long> into, Map<String, Quantity> list) {
    if (list != null) {
      list.forEach((k, v) -> into.merge(k, units(k, v), Long::sum));
    }
  }

  /**
   * The effective request of a pod, as the scheduler counts it: the sum over containers, raised to any single init
   * container's request, plus the pod overhead. A container limit stands in for a missing request (as API-server
   * defaulting does).
   */
  public static Map<String, Long> podRequest(PodSpec spec) {
    Map<String, Long> sum = new TreeMap<>();
    for (Container c : safe(spec.getContainers())) {
      add(sum, request(c));
    }
    for (Container c : safe(spec.getInitContainers())) {
      Map<String, Long> init = new TreeMap<>();
      add(init, request(c));
      init.forEach((k, v) -> sum.merge(k, v, Math::max));
    }
    add(sum, spec.getOverhead());
    return sum;
  }

  private static Map<String, Quantity> request(Container c) {
    if (c.getResources() == null) {
      return Map.of();
    }
    Map<String, Quantity> out = new TreeMap<>();
    if (c.getResources().getLimits() != null) {
      out.putAll(c.getResources().getLimits());
    }
    if (c.getResources().getRequests() != null) {
      out.putAll(c.getResources().getRequests());
    }
    return out;
  }

  /** The map as quantities. */
  public static Map<String, Quantity> quantities(Map<String, Long> units) {
    Map<String, Quantity> out = new TreeMap<>();
    units.forEach((k, v) -> out.put(k, quantity(k, v)));
    return out;
  }

  private static <T> List<T> safe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
