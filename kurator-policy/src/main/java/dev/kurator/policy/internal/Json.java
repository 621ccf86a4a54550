package dev.kurator.policy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Shared JSON and YAML helpers over Jackson trees. */
public final class Json {
  /** JSON mapper. */
  public static final ObjectMapper JSON = new ObjectMapper();
  /** YAML mapper. */
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  /** Node factory. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** A node or JSON null for Java null. */
  public static JsonNode orNull(JsonNode n) {
    return n == null || n.isMissingNode() ? NullNode.getInstance() : n;
  }

  /** True for Java null, missing and JSON null. */
  public static boolean isNull(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode();
  }

  /** Text of a scalar the way Go's fmt.Sprint prints decoded JSON. */
  public static String sprint(JsonNode n) {
    if (isNull(n)) {
      return "<nil>";
    }
    if (n.isTextual()) {
      return n.asText();
    }
    if (n.isIntegralNumber()) {
      return n.bigIntegerValue().toString();
    }
    if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      if (d.stripTrailingZeros().scale() <= 0) {
        return d.toBigInteger().toString();
      }
      return d.stripTrailingZeros().toPlainString();
    }
    if (n.isBoolean()) {
      return Boolean.toString(n.asBoolean());
    }
    if (n.isArray()) {
      List<String> parts = new ArrayList<>();
      n.forEach(e -> parts.add(sprint(e)));
      return "[" + String.join(" ", parts) + "]";
    }
    List<String> parts = new ArrayList<>();
    n.fieldNames().forEachRemaining(k -> parts.add(k + ":" + sprint(n.get(k))));
    parts.sort(null);
    return "map[" + String.join(" ", parts) + "]";
  }

  /** Compact JSON text. */
  public static String write(JsonNode n) {
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Iterates the fields of an object node. */
  public static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode n) {
    return () -> n == null || !n.isObject() ? java.util.Collections.emptyIterator() : n.fields();
  }

  /** Walks a dotted path; returns null when absent. */
  public static JsonNode at(JsonNode root, String... path) {
    JsonNode cur = root;
    for (String p : path) {
      if (cur == null || !cur.isObject()) {
        return null;
      }
      cur = cur.get(p);
    }
    return cur;
  }

  /** Text at a path or a default. */
  public static String text(JsonNode root, String def, String... path) {
    JsonNode n = at(root, path);
    return n == null || n.isNull() ? def : n.asText();
  }

  /** Deep merge {@code patch} into {@code target} (maps merge, everything else replaces). */
  public static void deepMerge(ObjectNode target, JsonNode patch) {
    Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = target.get(e.getKey());
      if (existing != null && existing.isObject() && e.getValue().isObject()) {
        deepMerge((ObjectNode) existing, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** Parses JSON or YAML text into a tree. */
  public static JsonNode parse(String text) {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }
}
