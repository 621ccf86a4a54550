package dev.kurator.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/** Comparison and merge of JSON trees with Kubernetes apply semantics. Pure functions. */
public final class JsonTrees {

  /** Metadata fields the API server owns; a desired object's values for them are ignored. */
  public static final Set<String> SERVER_METADATA = Set.of("resourceVersion", "uid", "creationTimestamp",
      "generation", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

  private JsonTrees() {}

  /** A copy of {@code object} without {@code status} and the server-owned metadata fields. */
  public static ObjectNode desiredFields(JsonNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("status");
    JsonNode metadata = copy.get("metadata");
    if (metadata instanceof ObjectNode m) {
      SERVER_METADATA.forEach(m::remove);
    }
    return copy;
  }

  /**
   * Whether every field set in {@code desired} has the same value in {@code live}: objects are compared field by
   * field (live may have more), arrays element by element (same length), numbers by value; a null desired value
   * expresses no opinion (as in {@link #merge}), an empty list or object matches a missing or empty live one.
   */
  public static boolean covers(JsonNode live, JsonNode desired) {
    if (desired == null || desired.isNull() || desired.isMissingNode()) {
      return true;
    }
    if (isEmpty(desired)) {
      return isEmpty(live);
    }
    if (live == null || live.isNull() || live.isMissingNode()) {
      return false;
    }
    if (desired.isObject()) {
      if (!live.isObject()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> f : desired.properties()) {
        if (!covers(live.get(f.getKey()), f.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (desired.isArray()) {
      if (!live.isArray() || live.size() != desired.size()) {
        return false;
      }
      for (int i = 0; i < desired.size(); i++) {
        if (!covers(live.get(i), desired.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (desired.isNumber() && live.isNumber()) {
      return desired.decimalValue().compareTo(live.decimalValue()) == 0;
    }
    return desired.equals(live);
  }

  private static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || n.isMissingNode() || (n.isContainerNode() && n.isEmpty());
  }

  /**
   * {@code desired} laid over {@code live}: objects merge recursively (desired wins), arrays and scalars are
   * replaced, fields only in {@code live} are kept. Null desired values are skipped. The live
   * {@code metadata.managedFields} are dropped (a PUT without them leaves them unchanged on the server).
   */
  public static ObjectNode merge(JsonNode live, JsonNode desired) {
    ObjectNode out = live.deepCopy();
    mergeInto(out, desired);
    if (out.get("metadata") instanceof ObjectNode m) {
      // Left out, the server keeps its field ownership records as they are.
      m.remove("managedFields");
    }
    return out;
  }

  private static void mergeInto(ObjectNode target, JsonNode desired) {
    for (Map.Entry<String, JsonNode> f : desired.properties()) {
      JsonNode value = f.getValue();
      if (value == null || value.isNull()) {
        continue;
      }
      JsonNode existing = target.get(f.getKey());
      if (value.isObject() && existing instanceof ObjectNode existingObject) {
        mergeInto(existingObject, value);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }
}
