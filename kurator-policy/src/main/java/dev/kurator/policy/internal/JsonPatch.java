package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON patch with the lenient options Kyverno enables: missing parents are created on add, removing a
 * missing path is a no-op, and negative indices count from the end ({@code -} or {@code -1} appends on add).
 */
public final class JsonPatch {

  /** A patch that cannot be applied. */
  public static final class PatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PatchException(String msg) {
      super(msg);
    }
  }

  private JsonPatch() {}

  /** Applies the operations to a copy of the document. */
  public static JsonNode apply(JsonNode doc, JsonNode ops) {
    JsonNode cur = doc.deepCopy();
    for (JsonNode op : ops) {
      cur = applyOne(cur, op);
    }
    return cur;
  }

  private static List<String> tokens(String path) {
    List<String> out = new ArrayList<>();
    if (path.isEmpty()) {
      return out;
    }
    if (!path.startsWith("/")) {
      throw new PatchException("invalid path \"" + path + "\"");
    }
    for (String t : path.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonNode applyOne(JsonNode doc, JsonNode op) {
    String kind = op.path("op").asText();
    List<String> path = tokens(op.path("path").asText());
    switch (kind) {
      case "add":
        return add(doc, path, op.get("value").deepCopy(), true);
      case "replace":
        if (get(doc, path) == null) {
          return add(doc, path, op.get("value").deepCopy(), true);
        }
        remove(doc, path);
        return add(doc, path, op.get("value").deepCopy(), false);
      case "remove":
        remove(doc, path);
        return doc;
      case "move": {
        List<String> from = tokens(op.path("from").asText());
        JsonNode v = get(doc, from);
        if (v == null) {
          throw new PatchException("move from missing path " + op.path("from").asText());
        }
        remove(doc, from);
        return add(doc, path, v, true);
      }
      case "copy": {
        JsonNode v = get(doc, tokens(op.path("from").asText()));
        if (v == null) {
          throw new PatchException("copy from missing path " + op.path("from").asText());
        }
        return add(doc, path, v.deepCopy(), true);
      }
      case "test":
        if (!Conditions.equals(get(doc, path), op.get("value")) && !op.get("value").equals(get(doc, path))) {
          throw new PatchException("test failed at " + op.path("path").asText());
        }
        return doc;
      default:
        throw new PatchException("unknown JSON patch operation \"" + kind + "\"");
    }
  }

  private static JsonNode get(JsonNode doc, List<String> path) {
    JsonNode cur = doc;
    for (String t : path) {
      if (cur == null) {
        return null;
      }
      if (cur.isObject()) {
        cur = cur.get(t);
      } else if (cur.isArray()) {
        int i = index(t, cur.size());
        cur = i >= 0 && i < cur.size() ? cur.get(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }

  private static int index(String t, int size) {
    if (t.equals("-")) {
      return size;
    }
    try {
      int i = Integer.parseInt(t);
      return i < 0 ? size + i : i;
    } catch (NumberFormatException e) {
      throw new PatchException("invalid array index \"" + t + "\"");
    }
  }

  private static JsonNode add(JsonNode doc, List<String> path, JsonNode value, boolean create) {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = doc;
    for (int i = 0; i < path.size() - 1; i++) {
      String t = path.get(i);
      JsonNode next;
      if (parent.isObject()) {
        next = parent.get(t);
        if (next == null || next.isNull()) {
          if (!create) {
            throw new PatchException("missing path /" + String.join("/", path.subList(0, i + 1)));
          }
          String following = path.get(i + 1);
          next = following.equals("-") || following.matches("-?\\d+") ? Json.NODES.arrayNode()
              : Json.NODES.objectNode();
          ((ObjectNode) parent).set(t, next);
        }
      } else if (parent.isArray()) {
        int idx = index(t, parent.size());
        if (idx < 0 || idx >= parent.size()) {
          throw new PatchException("index out of range at /" + String.join("/", path.subList(0, i + 1)));
        }
        next = parent.get(idx);
      } else {
        throw new PatchException("cannot traverse a scalar at /" + String.join("/", path.subList(0, i + 1)));
      }
      parent = next;
    }
    String last = path.get(path.size() - 1);
    if (parent.isObject()) {
      ((ObjectNode) parent).set(last, value);
    } else if (parent.isArray()) {
      ArrayNode arr = (ArrayNode) parent;
      int idx = last.equals("-") || last.equals("-1") ? arr.size() : index(last, arr.size());
      if (idx < 0 || idx > arr.size()) {
        throw new PatchException("index out of range at " + String.join("/", path));
      }
      arr.insert(idx, value);
    } else {
      throw new PatchException("cannot add to a scalar at /" + String.join("/", path));
    }
    return doc;
  }

  private static void remove(JsonNode doc, List<String> path) {
    if (path.isEmpty()) {
      return;
    }
    JsonNode parent = get(doc, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode) {
      ((ObjectNode) parent).remove(last);
    } else if (parent instanceof ArrayNode) {
      int idx = index(last, parent.size());
      if (idx >= 0 && idx < parent.size()) {
        ((ArrayNode) parent).remove(idx);
      }
    }
  }
}
