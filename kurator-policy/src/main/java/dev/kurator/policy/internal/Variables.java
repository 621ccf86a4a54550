package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kyverno's {@code {{ }}} variable substitution over JSON trees ({@code pkg/engine/variables/vars.go}). */
public final class Variables {
  private static final Pattern VAR = Pattern.compile("(^|[^\\\\])(\\{\\{(?:\\{[^{}]*\\}|[^{}])*\\}\\})");

  /** Raised when a variable cannot be resolved. */
  public static final class SubstitutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SubstitutionException(String message) {
      super(message);
    }
  }

  private Variables() {}

  /** True when the text holds a {@code {{ }}} variable. */
  public static boolean hasVariables(String s) {
    return s.contains("{{") && VAR.matcher(s).find();
  }

  /** True when any string in the tree holds a variable. */
  public static boolean hasVariables(JsonNode n) {
    if (n == null) {
      return false;
    }
    if (n.isTextual()) {
      return hasVariables(n.textValue());
    }
    for (JsonNode c : n) {
      if (hasVariables(c)) {
        return true;
      }
    }
    return false;
  }

  private static final IdentityMemo<Boolean> HAS_VARIABLES = IdentityMemo.of(Variables::hasVariables, 10_000);

  /** {@link #hasVariables(JsonNode)} memoised per container node, for policy trees evaluated many times. */
  static boolean mayHaveVariables(JsonNode n) {
    if (n == null || !n.isContainerNode()) {
      return n != null && n.isTextual() && hasVariables(n.textValue());
    }
    return HAS_VARIABLES.test(n);
  }

  /** Substitutes every variable in a copy of {@code doc}. */
  public static JsonNode substituteAll(JsonNode doc, EvalContext ctx) {
    if (doc == null || (doc.isContainerNode() && !mayHaveVariables(doc))) {
      return doc;
    }
    return substitute(doc, ctx, null, "/");
  }

  /**
   * Resolves {@code $()} references, then substitutes variables in a pattern; {@code {{@}}} takes the resource value
   * at the same path.
   *
   * @param resource the resource being validated, or null
   */
  public static JsonNode substitutePattern(JsonNode rawPattern, EvalContext ctx, JsonNode resource) {
    JsonNode pattern = References.resolve(rawPattern);
    if (pattern == null || (pattern.isContainerNode() && !mayHaveVariables(pattern))) {
      return pattern;
    }
    return substitute(pattern, ctx, resource, "/");
  }

  /** Substitutes bottom-up and copies only the containers whose children changed (linear in the tree size). */
  private static JsonNode substitute(JsonNode n, EvalContext ctx, JsonNode resource, String path) {
    if (n == null) {
      return null;
    }
    if (n.isTextual()) {
      return hasVariables(n.textValue()) ? substituteString(n.textValue(), ctx, resource, path) : n;
    }
    if (n.isObject()) {
      ObjectNode out = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode child = resource == null ? null : resource.get(Anchor.strip(e.getKey()));
        JsonNode v = e.getValue().isValueNode() && !e.getValue().isTextual() ? e.getValue()
            : substitute(e.getValue(), ctx, child, path + e.getKey() + "/");
        if (v != e.getValue() && out == null) {
          out = Json.NODES.objectNode();
          for (Iterator<Map.Entry<String, JsonNode>> prior = n.fields(); prior.hasNext(); ) {
            Map.Entry<String, JsonNode> p = prior.next();
            if (p.getKey().equals(e.getKey())) {
              break;
            }
            out.set(p.getKey(), p.getValue());
          }
        }
        if (out != null) {
          out.set(e.getKey(), v);
        }
      }
      return out == null ? n : out;
    }
    if (n.isArray()) {
      ArrayNode out = null;
      for (int i = 0; i < n.size(); i++) {
        JsonNode c = n.get(i);
        JsonNode child = resource != null && resource.isArray() && i < resource.size() ? resource.get(i) : null;
        JsonNode v = substitute(c, ctx, child, path + i + "/");
        if (v != c && out == null) {
          out = Json.NODES.arrayNode();
          for (int k = 0; k < i; k++) {
            out.add(n.get(k));
          }
        }
        if (out != null) {
          out.add(v);
        }
      }
      return out == null ? n : out;
    }
    return n;
  }

  /** Substitutes the variables in one string; a lone variable yields its typed value. */
  public static JsonNode substituteString(String text, EvalContext ctx, JsonNode resourceAtPath, String path) {
    String current = text;
    while (true) {
      Matcher m = VAR.matcher(current);
      if (!m.find()) {
        break;
      }
      StringBuilder sb = new StringBuilder();
      int last = 0;
      boolean again;
      do {
        String whole = m.group(2);
        String inner = whole.substring(2, whole.length() - 2).trim();
        boolean shallow = inner.startsWith("-");
        if (shallow) {
          inner = inner.substring(1).trim();
        }
        JsonNode value = resolve(inner, ctx, resourceAtPath, path);
        if (m.start(2) == 0 && m.end(2) == current.length()) {
          return value;
        }
        sb.append(current, last, m.start(2));
        if (value.isTextual()) {
          sb.append(value.textValue());
        } else if (Json.isNull(value)) {
          sb.append("null");
        } else {
          sb.append(Json.write(value));
        }
        last = m.end(2);
        again = m.find();
      } while (again);
      sb.append(current.substring(last));
      current = sb.toString();
    }
    return TextNode.valueOf(current.replace("\\{{", "{{"));
  }

  private static JsonNode resolve(String expr, EvalContext ctx, JsonNode resourceAtPath, String path) {
    if (expr.equals("@")) {
      if (resourceAtPath == null) {
        throw new SubstitutionException("failed to resolve {{@}} at path " + path);
      }
      return resourceAtPath;
    }
    String query = ctx.isDelete() ? expr.replace("request.object", "request.oldObject") : expr;
    try {
      return ctx.query(query);
    } catch (Jmes.MissingKeyException e) {
      throw new SubstitutionException("variable substitution failed for rule: failed to resolve " + expr
          + " at path " + path + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new SubstitutionException("failed to resolve " + expr + " at path " + path + ": " + e.getMessage());
    }
  }
}
