package dev.kurator.telemetry.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An immutable, name-sorted set of label pairs identifying a series. {@code __name__} is an ordinary label here.
 *
 * <p>Equality and hashing are by content; {@link #compareTo} orders label sets as Prometheus does (pairwise by name,
 * then value, shorter first).
 */
public final class Labels implements Comparable<Labels> {

  /** The reserved label holding the metric name. */
  public static final String METRIC_NAME = "__name__";

  /** The empty label set. */
  public static final Labels EMPTY = new Labels(new String[0]);

  private final String[] pairs; // name0, value0, name1, value1 ... sorted by name, no empty values
  private int hash;

  private Labels(String[] pairs) {
    this.pairs = pairs;
  }

  /**
   * Builds a label set from a map; labels with an empty value are dropped (they equal an absent label).
   *
   * @throws NullPointerException if the map, a name or a value is null
   */
  public static Labels of(Map<String, String> map) {
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "label name");
          Objects.requireNonNull(v, "label value");
          if (!v.isEmpty()) {
            sorted.put(k, v);
          }
        });
    String[] p = new String[sorted.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      p[i++] = e.getKey();
      p[i++] = e.getValue();
    }
    return new Labels(p);
  }

  /** Builds a label set from alternating names and values, e.g. {@code of("job", "api", "instance", "1")}. */
  public static Labels of(String... nameValues) {
    if (nameValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got " + nameValues.length + " strings");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      m.put(nameValues[i], nameValues[i + 1]);
    }
    return of(m);
  }

  /** Number of labels. */
  public int size() {
    return pairs.length / 2;
  }

  /** True when there are no labels. */
  public boolean isEmpty() {
    return pairs.length == 0;
  }

  /** Label name at index {@code i} (names are sorted). */
  public String name(int i) {
    return pairs[2 * i];
  }

  /** Label value at index {@code i}. */
  public String value(int i) {
    return pairs[2 * i + 1];
  }

  /** The value of the label, or {@code ""} when absent. */
  public String get(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = pairs[2 * mid].compareTo(name);
      if (c == 0) {
        return pairs[2 * mid + 1];
      } else if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return "";
  }

  /** True when the label is present. */
  public boolean has(String name) {
    return !get(name).isEmpty();
  }

  /** The metric name, or {@code ""}. */
  public String metricName() {
    return get(METRIC_NAME);
  }

  /** A copy as a sorted map. */
  public Map<String, String> toMap() {
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < size(); i++) {
      m.put(name(i), value(i));
    }
    return m;
  }

  /** A copy with the label set; an empty value removes it. */
  public Labels with(String name, String value) {
    Map<String, String> m = toMap();
    if (value.isEmpty()) {
      m.remove(name);
    } else {
      m.put(name, value);
    }
    return of(m);
  }

  /** A copy without the named labels. */
  public Labels without(Collection<String> names) {
    List<String> out = new ArrayList<>(pairs.length);
    for (int i = 0; i < size(); i++) {
      if (!names.contains(name(i))) {
        out.add(name(i));
        out.add(value(i));
      }
    }
    return out.size() == pairs.length ? this : new Labels(out.toArray(new String[0]));
  }

  /** A copy keeping only the named labels. */
  public Labels keep(Collection<String> names) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      if (names.contains(name(i))) {
        out.add(name(i));
        out.add(value(i));
      }
    }
    return out.size() == pairs.length ? this : new Labels(out.toArray(new String[0]));
  }

  /** A copy without {@code __name__}. */
  public Labels withoutMetricName() {
    return has(METRIC_NAME) ? without(List.of(METRIC_NAME)) : this;
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(pairs.length, o.pairs.length);
    for (int i = 0; i < n; i++) {
      int c = pairs[i].compareTo(o.pairs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(pairs.length, o.pairs.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Labels l && Arrays.equals(pairs, l.pairs);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(pairs);
      hash = h;
    }
    return h;
  }

  /** Prometheus notation: {@code name{a="b", c="d"}}, or {@code {a="b"}} without a name. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    String name = metricName();
    sb.append(name).append('{');
    boolean first = true;
    for (int i = 0; i < size(); i++) {
      if (name(i).equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(name(i)).append("=\"").append(escape(value(i))).append('"');
    }
    return sb.append('}').toString();
  }

  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
