package dev.kurator.telemetry;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable label set of one series, sorted by label name as Prometheus keeps it. Equality, hash code and order
 * ({@link #compareTo}) follow Prometheus's {@code labels.Compare}: name by name, then value by value.
 */
public final class Labels implements Comparable<Labels> {

  /** The label that carries the metric name. */
  public static final String METRIC_NAME = "__name__";

  private static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /** The empty label set. */
  public static Labels empty() {
    return EMPTY;
  }

  /**
   * A label set from a map; empty values are dropped (Prometheus treats an empty value as an absent label).
   *
   * @throws NullPointerException when a name or value is null
   */
  public static Labels of(Map<String, String> labels) {
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach((n, v) -> {
      Objects.requireNonNull(n, "label name");
      Objects.requireNonNull(v, () -> "value of label " + n);
      if (!v.isEmpty()) {
        sorted.put(n, v);
      }
    });
    return fromSorted(sorted);
  }

  /**
   * A label set from alternating names and values, e.g. {@code of("job", "api", "cluster", "a")}.
   *
   * @throws IllegalArgumentException when an odd number of strings is given
   */
  public static Labels of(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got " + nameValuePairs.length + " strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      map.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return of(map);
  }

  private static Labels fromSorted(TreeMap<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    return new Labels(sorted.keySet().toArray(new String[0]), sorted.values().toArray(new String[0]));
  }

  /** Number of labels. */
  public int size() {
    return names.length;
  }

  public boolean isEmpty() {
    return names.length == 0;
  }

  /** The value of {@code name}, if present. */
  public Optional<String> get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? Optional.of(values[i]) : Optional.empty();
  }

  /** The metric name ({@code __name__}), if present. */
  public Optional<String> metricName() {
    return get(METRIC_NAME);
  }

  /** Label name at position {@code i} (sorted order). */
  public String name(int i) {
    return names[i];
  }

  /** Label value at position {@code i} (sorted order). */
  public String value(int i) {
    return values[i];
  }

  /** A copy with {@code name} set to {@code value}, replacing any existing value; an empty value removes it. */
  public Labels with(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    int i = Arrays.binarySearch(names, name);
    if (i >= 0) {
      if (value.isEmpty()) {
        return without(Collections.singleton(name));
      }
      if (values[i].equals(value)) {
        return this;
      }
      String[] v = values.clone();
      v[i] = value;
      return new Labels(names, v);
    }
    if (value.isEmpty()) {
      return this;
    }
    int at = -i - 1;
    String[] n = new String[names.length + 1];
    String[] v = new String[names.length + 1];
    System.arraycopy(names, 0, n, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    n[at] = name;
    v[at] = value;
    System.arraycopy(names, at, n, at + 1, names.length - at);
    System.arraycopy(values, at, v, at + 1, names.length - at);
    return new Labels(n, v);
  }

  /** A copy without the given label names; {@code this} when none of them is present. */
  public Labels without(Collection<String> drop) {
    int kept = 0;
    for (String n : names) {
      if (!drop.contains(n)) {
        kept++;
      }
    }
    if (kept == names.length) {
      return this;
    }
    String[] n = new String[kept];
    String[] v = new String[kept];
    int j = 0;
    for (int i = 0; i < names.length; i++) {
      if (!drop.contains(names[i])) {
        n[j] = names[i];
        v[j++] = values[i];
      }
    }
    return kept == 0 ? EMPTY : new Labels(n, v);
  }

  /** The labels as an unmodifiable map in name order. */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(o.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, o.names.length);
  }

  @Override
  public boolean equals(Object o) {
    return this == o
        || o instanceof Labels l && hashCode() == l.hashCode() && Arrays.equals(names, l.names)
            && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
      hash = h;
    }
    return h;
  }

  /** Prometheus notation: {@code {__name__="up", job="api"}}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(names[i]).append("=\"")
          .append(values[i].replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
    }
    return sb.append('}').toString();
  }
}
