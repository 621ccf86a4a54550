package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pattern references {@code $(./../path)}: a value taken from elsewhere in the same pattern, relative to the
 * referring position, optionally behind an operator ({@code $(<=./../../limits/memory)}).
 */
final class References {
  private static final Pattern REF = Pattern.compile("^\\$\\((>=|<=|>|<|!)?(.+)\\)$");
  private static final IdentityMemo<Boolean> HAS_REFS = IdentityMemo.of(References::scan, 10_000);

  private References() {}

  private static boolean scan(JsonNode n) {
    if (n.isTextual()) {
      return n.textValue().startsWith("$(");
    }
    for (JsonNode c : n) {
      if (scan(c)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Replaces every reference by the pattern value it points to.
   *
   * @throws Variables.SubstitutionException when a reference points nowhere
   */
  static JsonNode resolve(JsonNode pattern) {
    if (pattern == null || !pattern.isContainerNode() || !HAS_REFS.test(pattern)) {
      return pattern;
    }
    return walk(pattern, pattern, new ArrayDeque<>());
  }

  private static JsonNode walk(JsonNode n, JsonNode root, Deque<String> path) {
    if (n.isTextual()) {
      Matcher m = REF.matcher(n.textValue());
      if (!m.matches()) {
        return n;
      }
      List<String> target = absolute(new ArrayList<>(path), m.group(2));
      JsonNode v = lookup(root, target);
      if (v == null || v.isContainerNode()) {
        throw new Variables.SubstitutionException("reference " + n.textValue() + " at /" + String.join("/", path)
            + " does not point to a value in the pattern");
      }
      String op = m.group(1) == null ? "" : m.group(1);
      return TextNode.valueOf(op + (v.isTextual() ? v.textValue() : Json.sprint(v)));
    }
    if (n.isObject()) {
      ObjectNode out = Json.NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : Json.fields(n)) {
        path.addLast(e.getKey());
        out.set(e.getKey(), walk(e.getValue(), root, path));
        path.removeLast();
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = Json.NODES.arrayNode();
      for (int i = 0; i < n.size(); i++) {
        path.addLast(Integer.toString(i));
        out.add(walk(n.get(i), root, path));
        path.removeLast();
      }
      return out;
    }
    return n;
  }

  private static List<String> absolute(List<String> current, String ref) {
    List<String> out = ref.startsWith("/") ? new ArrayList<>() : current;
    for (String part : ref.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
      } else {
        out.add(part);
      }
    }
    return out;
  }

  private static JsonNode lookup(JsonNode root, List<String> path) {
    JsonNode cur = root;
    for (String p : path) {
      if (cur == null) {
        return null;
      }
      if (cur.isArray()) {
        try {
          cur = cur.get(Integer.parseInt(p));
        } catch (NumberFormatException e) {
          return null;
        }
        continue;
      }
      JsonNode next = cur.get(p);
      if (next == null) {
        for (Map.Entry<String, JsonNode> e : Json.fields(cur)) {
          if (Anchor.strip(e.getKey()).equals(p)) {
            next = e.getValue();
            break;
          }
        }
      }
      cur = next;
    }
    return cur;
  }
}
