package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kyverno's patchStrategicMerge: anchors are resolved against the resource first ({@code strategicPreprocessing}),
 * then the patch is merged with Kubernetes list merge keys ({@code name} by default, {@code containerPort} or
 * {@code port} for ports); lists without a merge key are replaced.
 */
public final class StrategicMerge {
  private static final Set<String> REPLACED_LISTS = Set.of("tolerations", "args", "command", "finalizers",
      "imagePullSecrets_", "hostAliases_");

  /** The patch's global anchor did not hold: the rule does not apply. */
  public static final class GlobalConditionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GlobalConditionFailed(String msg) {
      super(msg, null, false, false);
    }
  }

  private static final class ConditionFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConditionFailed() {
      super(null, null, false, false);
    }
  }

  private StrategicMerge() {}

  /**
   * Resolves anchors and merges the patch into a copy of the resource.
   *
   * @throws GlobalConditionFailed when a global anchor is absent or does not match
   */
  public static JsonNode apply(JsonNode resource, JsonNode patch) {
    JsonNode concrete;
    try {
      concrete = preprocess(patch, resource);
    } catch (ConditionFailed e) {
      return resource;
    }
    JsonNode copy = resource.deepCopy();
    if (concrete == null || !concrete.isObject() || !copy.isObject()) {
      return copy;
    }
    merge((ObjectNode) copy, concrete);
    return copy;
  }

  private static JsonNode preprocess(JsonNode patch, JsonNode resource) {
    if (patch.isObject()) {
      for (Map.Entry<String, JsonNode> e : Json.fields(patch)) {
        Anchor a = Anchor.parse(e.getKey());
        if (a == null || (a.type() != Anchor.Type.CONDITION && a.type() != Anchor.Type.GLOBAL)) {
          continue;
        }
        JsonNode rv = resource == null ? null : resource.get(a.key());
        boolean ok = rv != null && PatternValidator.match(rv, stripAdd(e.getValue())).status()
            == PatternValidator.Result.Status.PASS;
        if (!ok) {
          if (a.type() == Anchor.Type.GLOBAL) {
            throw new GlobalConditionFailed("global anchor " + e.getKey() + " not satisfied");
          }
          throw new ConditionFailed();
        }
      }
      ObjectNode out = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : Json.fields(patch)) {
        Anchor a = Anchor.parse(e.getKey());
        if (a != null && (a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.GLOBAL)) {
          if (e.getValue().isObject()) {
            JsonNode v = preprocess(e.getValue(), resource == null ? null : resource.get(a.key()));
            if (v != null && !v.isEmpty()) {
              out.set(a.key(), v);
            }
          }
          continue;
        }
        if (a != null && a.type() == Anchor.Type.ADD_IF_NOT_PRESENT) {
          if (resource != null && resource.has(a.key())) {
            continue;
          }
          out.set(a.key(), preprocess(e.getValue(), null));
          continue;
        }
        String key = a == null ? e.getKey() : a.key();
        JsonNode child = resource == null ? null : resource.get(key);
        JsonNode v = preprocess(e.getValue(), child);
        if (v != null) {
          out.set(key, v);
        }
      }
      return out;
    }
    if (patch.isArray()) {
      boolean anchored = false;
      for (JsonNode pe : patch) {
        anchored |= pe.isObject() && hasAnchors(pe);
      }
      ArrayNode out = Json.NODES.arrayNode();
      if (!anchored) {
        for (JsonNode pe : patch) {
          out.add(preprocess(pe, null));
        }
        return out;
      }
      for (JsonNode pe : patch) {
        if (!pe.isObject() || !hasAnchors(pe)) {
          out.add(preprocess(pe, null));
          continue;
        }
        if (resource == null || !resource.isArray()) {
          if (!hasConditions(pe)) {
            out.add(preprocess(pe, null));
          }
          continue;
        }
        for (JsonNode re : resource) {
          try {
            JsonNode concrete = preprocess(pe, re);
            if (concrete.isObject() && re.has("name") && !concrete.has("name")) {
              ((ObjectNode) concrete).set("name", re.get("name"));
            }
            out.add(concrete);
          } catch (ConditionFailed e) {
            // element does not meet the conditions: no patch for it
          }
        }
      }
      return out.isEmpty() ? null : out;
    }
    return patch;
  }

  /** The condition part of a pattern: {@code +()} keys only add, they never constrain. */
  private static JsonNode stripAdd(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : Json.fields(n)) {
        Anchor a = Anchor.parse(e.getKey());
        if (a == null || a.type() != Anchor.Type.ADD_IF_NOT_PRESENT) {
          o.set(e.getKey(), stripAdd(e.getValue()));
        }
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = Json.NODES.arrayNode();
      n.forEach(c -> a.add(stripAdd(c)));
      return a;
    }
    return n;
  }

  private static boolean hasConditions(JsonNode n) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : Json.fields(n)) {
        Anchor a = Anchor.parse(e.getKey());
        if (a != null && (a.type() == Anchor.Type.CONDITION || a.type() == Anchor.Type.GLOBAL)) {
          return true;
        }
        if (hasConditions(e.getValue())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean hasAnchors(JsonNode n) {
    if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : Json.fields(n)) {
        if (Anchor.parse(e.getKey()) != null || hasAnchors(e.getValue())) {
          return true;
        }
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        if (hasAnchors(c)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Merges {@code patch} into {@code target} in place. */
  static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> e : Json.fields(patch)) {
      String k = e.getKey();
      JsonNode v = e.getValue();
      if (k.equals("$patch")) {
        continue;
      }
      JsonNode existing = target.get(k);
      if (v.isNull()) {
        target.remove(k);
      } else if (v.isObject() && "replace".equals(v.path("$patch").asText(null))) {
        ObjectNode clean = clean(v);
        target.set(k, clean);
      } else if (v.isObject() && "delete".equals(v.path("$patch").asText(null))) {
        target.remove(k);
      } else if (v.isObject() && existing != null && existing.isObject()) {
        merge((ObjectNode) existing, v);
      } else if (v.isArray() && existing != null && existing.isArray()) {
        target.set(k, mergeList(k, (ArrayNode) existing, v));
      } else {
        target.set(k, cleanAny(v));
      }
    }
  }

  private static JsonNode mergeList(String key, ArrayNode target, JsonNode patch) {
    String mergeKey = mergeKey(key, patch);
    if (mergeKey == null) {
      ArrayNode out = Json.NODES.arrayNode();
      boolean replaceDirective = false;
      for (JsonNode pe : patch) {
        if (pe.isObject() && "replace".equals(pe.path("$patch").asText(null))) {
          replaceDirective = true;
          continue;
        }
        out.add(cleanAny(pe));
      }
      return replaceDirective ? out : out;
    }
    ArrayNode out = target.deepCopy();
    List<JsonNode> appended = new ArrayList<>();
    for (JsonNode pe : patch) {
      JsonNode id = pe.get(mergeKey);
      int idx = -1;
      for (int i = 0; i < out.size(); i++) {
        if (id != null && id.equals(out.get(i).get(mergeKey))) {
          idx = i;
          break;
        }
      }
      if ("delete".equals(pe.path("$patch").asText(null))) {
        if (idx >= 0) {
          out.remove(idx);
        }
        continue;
      }
      if (idx >= 0) {
        if (out.get(idx).isObject()) {
          merge((ObjectNode) out.get(idx), pe);
        }
      } else {
        appended.add(cleanAny(pe));
      }
    }
    appended.forEach(out::add);
    return out;
  }

  private static String mergeKey(String listKey, JsonNode patch) {
    if (REPLACED_LISTS.contains(listKey) || patch.isEmpty()) {
      return null;
    }
    String candidate;
    if (listKey.equals("ports")) {
      candidate = patch.get(0).has("containerPort") ? "containerPort" : "port";
    } else if (listKey.equals("volumeMounts") || listKey.equals("volumeDevices")) {
      candidate = "mountPath";
    } else {
      candidate = "name";
    }
    for (JsonNode pe : patch) {
      if (!pe.isObject() || !pe.has(candidate)) {
        if (pe.isObject() && candidate.equals("mountPath") && pe.has("name")) {
          continue;
        }
        return null;
      }
    }
    return candidate;
  }

  private static JsonNode cleanAny(JsonNode v) {
    if (v.isObject()) {
      return clean(v);
    }
    if (v.isArray()) {
      ArrayNode a = Json.NODES.arrayNode();
      v.forEach(e -> a.add(cleanAny(e)));
      return a;
    }
    return v;
  }

  private static ObjectNode clean(JsonNode v) {
    ObjectNode o = Json.NODES.objectNode();
    for (Map.Entry<String, JsonNode> e : Json.fields(v)) {
      if (!e.getKey().equals("$patch") && !e.getValue().isNull()) {
        o.set(e.getKey(), cleanAny(e.getValue()));
      }
    }
    return o;
  }
}
