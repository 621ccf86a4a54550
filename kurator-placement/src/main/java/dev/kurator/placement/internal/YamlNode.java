package dev.kurator.placement.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.Problems;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A strict reader over a parsed YAML tree that records every problem (unknown field, wrong type) with its field path
 * instead of failing at the first one.
 */
public final class YamlNode {

  private final String path;
  private final JsonNode node;
  private final Problems problems;

  public YamlNode(String path, JsonNode node, Problems problems) {
    this.path = path;
    this.node = node;
    this.problems = problems;
  }

  public String path() {
    return path;
  }

  public Problems problems() {
    return problems;
  }

  /** Whether the field is present and not null. */
  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  private String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** Reports every field not in {@code allowed}; returns false when the node is not an object. */
  public boolean allowOnly(Set<String> allowed) {
    if (!node.isObject()) {
      problems.add(path, node.toString(), "must be an object");
      return false;
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String f = names.next();
      if (!allowed.contains(f)) {
        problems.add(at(f), shown(node.get(f)), "unknown field (allowed: " + String.join(", ", allowed) + ")");
      }
    }
    return true;
  }

  private static Object shown(JsonNode v) {
    return v.isValueNode() ? v.asText() : v.toString();
  }

  /** A string field, {@code dflt} when absent. */
  public String string(String field, String dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isValueNode() || v.isBoolean()) {
      problems.add(at(field), shown(v), "must be a string");
      return dflt;
    }
    return v.asText();
  }

  /** An integer field, {@code dflt} when absent. */
  public long integer(String field, long dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isIntegralNumber()) {
      if (v.isTextual()) {
        try {
          return Long.parseLong(v.asText().trim());
        } catch (NumberFormatException e) {
          problems.add(at(field), v.asText(), "must be an integer");
          return dflt;
        }
      }
      problems.add(at(field), shown(v), "must be an integer");
      return dflt;
    }
    return v.asLong();
  }

  /** An int32 field (Kubernetes {@code int32}), {@code dflt} when absent. */
  public int int32(String field, int dflt) {
    long v = integer(field, dflt);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      problems.add(at(field), v, "must fit in 32 bits");
      return dflt;
    }
    return (int) v;
  }

  /** A nested object, or null when absent (reported when not an object). */
  public YamlNode object(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      problems.add(at(field), shown(v), "must be an object");
      return null;
    }
    return new YamlNode(at(field), v, problems);
  }

  /** The items of a list field, each read by {@code reader}; empty when absent. */
  public <T> List<T> list(String field, Function<YamlNode, T> reader) {
    List<T> out = new ArrayList<>();
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isArray()) {
      problems.add(at(field), shown(v), "must be a list");
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      T t = reader.apply(new YamlNode(at(field) + "[" + i + "]", v.get(i), problems));
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  /** A list of strings; empty when absent. */
  public List<String> strings(String field) {
    return list(field, n -> {
      if (!n.node.isValueNode() || n.node.isNull()) {
        problems.add(n.path, shown(n.node), "must be a string");
        return null;
      }
      return n.node.asText();
    });
  }

  /** A map of string to string; empty when absent. */
  public Map<String, String> stringMap(String field) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return out;
    }
    if (!v.isObject()) {
      problems.add(at(field), shown(v), "must be a map of strings");
      return out;
    }
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        problems.add(at(field) + "." + e.getKey(), shown(e.getValue()), "must be a string");
      } else {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }
}
