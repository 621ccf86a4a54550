package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.Json;

/** Comparison helpers for Kubernetes objects. */
final class Resources {
  private Resources() {}

  /** A copy without server-populated metadata and empty maps. */
  static JsonNode tidy(JsonNode n) {
    JsonNode copy = n.deepCopy();
    if (copy.isObject()) {
      JsonNode meta = copy.get("metadata");
      if (meta instanceof ObjectNode) {
        for (String f : new String[] {"creationTimestamp", "resourceVersion", "uid", "generation", "managedFields",
            "selfLink"}) {
          ((ObjectNode) meta).remove(f);
        }
      }
      ((ObjectNode) copy).remove("status");
    }
    return dropEmpty(copy);
  }

  private static JsonNode dropEmpty(JsonNode n) {
    if (n instanceof ObjectNode) {
      ObjectNode o = (ObjectNode) n;
      java.util.List<String> remove = new java.util.ArrayList<>();
      o.fields().forEachRemaining(e -> {
        JsonNode v = dropEmpty(e.getValue());
        if (v.isNull() || (v.isObject() && v.isEmpty())) {
          remove.add(e.getKey());
        } else {
          o.set(e.getKey(), v);
        }
      });
      remove.forEach(o::remove);
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) n).set(i, dropEmpty(n.get(i)));
      }
    }
    return n;
  }

  /** True when the two objects are equal after tidying (numbers compared by value). */
  static boolean sameObject(JsonNode a, JsonNode b) {
    return dev.kurator.policy.internal.Conditions.deepEquals(tidy(a), tidy(b));
  }
}
