package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** generate rules: {@code data} (templated) and {@code clone} from a given source object. */
final class Generation {
  private Generation() {}

  static List<JsonNode> generate(JsonNode gen, EvalContext ctx, List<JsonNode> sources) {
    List<JsonNode> out = new ArrayList<>();
    if (gen.has("foreach")) {
      JsonNode list = RuleEngine.evaluateList(gen.path("foreach").path(0).path("list").asText(), ctx);
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          EvalContext child = ctx.copy();
          RuleEngine.addElement(child, list.get(i), i, 0);
          out.addAll(generate(gen.path("foreach").get(0), child, sources));
        }
      }
      return out;
    }
    String apiVersion = Variables.substituteAll(gen.path("apiVersion"), ctx).asText("");
    String kind = Variables.substituteAll(gen.path("kind"), ctx).asText("");
    String name = Variables.substituteAll(gen.path("name"), ctx).asText("");
    String namespace = Variables.substituteAll(gen.path("namespace"), ctx).asText("");
    if (gen.has("data")) {
      JsonNode data = Variables.substituteAll(gen.get("data"), ctx);
      ObjectNode obj = Json.NODES.objectNode();
      obj.put("apiVersion", apiVersion);
      obj.put("kind", kind);
      ObjectNode meta = obj.putObject("metadata");
      if (data.has("metadata")) {
        Json.deepMerge(meta, data.get("metadata"));
      }
      meta.put("name", name);
      if (!namespace.isEmpty()) {
        meta.put("namespace", namespace);
      }
      for (var e : Json.fields(data)) {
        if (!e.getKey().equals("metadata")) {
          obj.set(e.getKey(), e.getValue());
        }
      }
      out.add(obj);
      return out;
    }
    if (gen.has("cloneList")) {
      JsonNode list = Variables.substituteAll(gen.get("cloneList"), ctx);
      String srcNs = list.path("namespace").asText("");
      for (JsonNode s : sources) {
        String kindOf = s.path("apiVersion").asText("") + "/" + s.path("kind").asText("");
        boolean kindMatches = false;
        for (JsonNode k : list.path("kinds")) {
          kindMatches |= k.asText().equals(s.path("kind").asText()) || k.asText().equals(kindOf);
        }
        if (kindMatches && s.path("metadata").path("namespace").asText("").equals(srcNs)
            && Matching.selector(list.get("selector"), Matching.labels(s))) {
          out.add(copyInto(s, s.path("metadata").path("name").asText(), namespace));
        }
      }
      return out;
    }
    if (gen.has("clone")) {
      JsonNode clone = Variables.substituteAll(gen.get("clone"), ctx);
      String srcNs = clone.path("namespace").asText("");
      String srcName = clone.path("name").asText("");
      for (JsonNode s : sources) {
        if (s.path("kind").asText().equals(kind) && s.path("metadata").path("name").asText().equals(srcName)
            && s.path("metadata").path("namespace").asText("").equals(srcNs)) {
          out.add(copyInto(s, name, namespace));
        }
      }
    }
    return out;
  }

  /** A copy of a source object under a new name and namespace, without server-set metadata. */
  private static JsonNode copyInto(JsonNode source, String name, String namespace) {
    ObjectNode copy = source.deepCopy();
    ObjectNode meta = copy.withObject("/metadata");
    for (String f : new String[] {"resourceVersion", "uid", "creationTimestamp", "managedFields", "ownerReferences",
        "generation", "selfLink"}) {
      meta.remove(f);
    }
    meta.put("name", name);
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    return copy;
  }
}
