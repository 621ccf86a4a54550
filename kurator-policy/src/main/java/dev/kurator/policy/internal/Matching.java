package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** match/exclude evaluation ({@code pkg/engine/utils/match.go}). */
public final class Matching {
  private static final Pattern VERSION = Pattern.compile("^(v\\d+((alpha|beta)\\d+)?|\\*)$");

  /** Everything match/exclude looks at. */
  public record Subject(ResourceInfo info, JsonNode resource, String operation, Optional<UserInfo> user,
      Map<String, String> namespaceLabels) {}

  private Matching() {}

  /** True when the rule's match holds and its exclude does not. */
  public static boolean applies(JsonNode rule, Subject s) {
    JsonNode match = rule.get("match");
    if (match == null || !matchBlock(match, s, true)) {
      return false;
    }
    JsonNode exclude = rule.get("exclude");
    return exclude == null || exclude.isNull() || !excluded(exclude, s);
  }

  private static boolean matchBlock(JsonNode block, Subject s, boolean isMatch) {
    if (block.hasNonNull("any")) {
      for (JsonNode f : block.get("any")) {
        if (filter(f, s)) {
          return true;
        }
      }
      return false;
    }
    if (block.hasNonNull("all")) {
      for (JsonNode f : block.get("all")) {
        if (!filter(f, s)) {
          return false;
        }
      }
      return block.get("all").size() > 0;
    }
    if (!isMatch && !block.has("resources") && !block.has("subjects") && !block.has("roles")
        && !block.has("clusterRoles")) {
      return false;
    }
    return filter(block, s);
  }

  private static boolean excluded(JsonNode block, Subject s) {
    return matchBlock(block, s, false);
  }

  /** One resource filter: AND across the attributes it sets. */
  static boolean filter(JsonNode f, Subject s) {
    JsonNode res = f.path("resources");
    boolean any = false;
    if (res.isObject() && res.size() > 0) {
      if (!resources(res, s)) {
        return false;
      }
      any = true;
    }
    if (s.user().isPresent()) {
      UserInfo u = s.user().get();
      if (f.has("subjects") && f.get("subjects").size() > 0) {
        if (!subjects(f.get("subjects"), u)) {
          return false;
        }
        any = true;
      }
      if (f.has("roles") && f.get("roles").size() > 0) {
        if (!intersects(f.get("roles"), u.roles())) {
          return false;
        }
        any = true;
      }
      if (f.has("clusterRoles") && f.get("clusterRoles").size() > 0) {
        if (!intersects(f.get("clusterRoles"), u.clusterRoles())) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean intersects(JsonNode wanted, List<String> have) {
    for (JsonNode w : wanted) {
      for (String h : have) {
        if (Wildcard.match(w.asText(), h)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean subjects(JsonNode subjects, UserInfo u) {
    for (JsonNode sub : subjects) {
      String kind = sub.path("kind").asText();
      String name = sub.path("name").asText();
      switch (kind) {
        case "User":
          if (Wildcard.match(name, u.username())) {
            return true;
          }
          break;
        case "Group":
          for (String g : u.groups()) {
            if (Wildcard.match(name, g)) {
              return true;
            }
          }
          break;
        case "ServiceAccount":
          if (Wildcard.match("system:serviceaccount:" + sub.path("namespace").asText() + ":" + name, u.username())) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  private static boolean resources(JsonNode res, Subject s) {
    ResourceInfo info = s.info();
    JsonNode kinds = res.get("kinds");
    if (kinds != null && kinds.size() > 0 && !kinds(kinds, info)) {
      return false;
    }
    if (res.hasNonNull("name") && !Wildcard.match(res.get("name").asText(), info.name())) {
      return false;
    }
    if (res.has("names") && res.get("names").size() > 0 && !anyWildcard(res.get("names"), info.name())) {
      return false;
    }
    if (res.has("namespaces") && res.get("namespaces").size() > 0) {
      String ns = info.kind().equals("Namespace") ? info.name() : info.namespace();
      if (!anyWildcard(res.get("namespaces"), ns)) {
        return false;
      }
    }
    if (res.has("annotations") && !annotations(res.get("annotations"), s.resource())) {
      return false;
    }
    if (res.has("selector") && !selector(res.get("selector"), labels(s.resource()))) {
      return false;
    }
    if (res.has("namespaceSelector")) {
      if (info.kind().equals("Namespace") || !selector(res.get("namespaceSelector"), s.namespaceLabels())) {
        return false;
      }
    }
    if (res.has("operations") && res.get("operations").size() > 0 && !s.operation().isEmpty()) {
      boolean found = false;
      for (JsonNode op : res.get("operations")) {
        found |= op.asText().equalsIgnoreCase(s.operation());
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyWildcard(JsonNode patterns, String value) {
    for (JsonNode p : patterns) {
      if (Wildcard.match(p.asText(), value)) {
        return true;
      }
    }
    return false;
  }

  /** True when one of the kind selectors matches the resource's group/version/kind/subresource. */
  static boolean kinds(JsonNode kinds, ResourceInfo info) {
    for (JsonNode k : kinds) {
      String[] gvks = parseKind(k.asText());
      if (Wildcard.match(gvks[0], info.group()) && Wildcard.match(gvks[1], info.version())
          && Wildcard.match(gvks[2], info.kind())) {
        if (Wildcard.match(gvks[3], info.subresource())) {
          return true;
        }
        if (info.kind().equals("Pod") && info.subresource().equals("ephemeralcontainers") && gvks[3].isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private static final Map<String, String[]> KIND_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  /** Parses a kind selector into group, version, kind and subresource. */
  static String[] parseKind(String sel) {
    String[] known = KIND_CACHE.get(sel);
    if (known != null) {
      return known;
    }
    String[] parsed = doParseKind(sel);
    if (KIND_CACHE.size() < 10_000) {
      KIND_CACHE.put(sel, parsed);
    }
    return parsed;
  }

  private static String[] doParseKind(String sel) {
    String[] p = sel.split("/");
    switch (p.length) {
      case 1: {
        int dot = sel.indexOf('.');
        if (dot > 0 && !sel.equals("*")) {
          return new String[] {"*", "*", sel.substring(0, dot), sel.substring(dot + 1)};
        }
        return new String[] {"*", "*", sel, ""};
      }
      case 2:
        if (p[0].equals("*") && p[1].equals("*")) {
          return new String[] {"*", "*", "*", "*"};
        }
        if (VERSION.matcher(p[0]).matches()) {
          return new String[] {"*", p[0], p[1], ""};
        }
        return new String[] {"*", "*", p[0], p[1]};
      case 3:
        if (VERSION.matcher(p[1]).matches()) {
          return new String[] {p[0], p[1], p[2], ""};
        }
        return new String[] {"*", p[0], p[1], p[2]};
      default:
        return new String[] {p[0], p[1], p[2], p[3]};
    }
  }

  private static boolean annotations(JsonNode wanted, JsonNode resource) {
    JsonNode have = resource.path("metadata").path("annotations");
    for (Map.Entry<String, JsonNode> w : Json.fields(wanted)) {
      boolean found = false;
      for (Map.Entry<String, JsonNode> h : Json.fields(have)) {
        if (Wildcard.match(w.getKey(), h.getKey()) && Wildcard.match(w.getValue().asText(), h.getValue().asText())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** The resource's labels as a map. */
  public static Map<String, String> labels(JsonNode resource) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : Json.fields(resource.path("metadata").path("labels"))) {
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /** A LabelSelector with wildcard-capable matchLabels. */
  public static boolean selector(JsonNode sel, Map<String, String> labels) {
    if (sel == null || sel.isNull()) {
      return true;
    }
    for (Map.Entry<String, JsonNode> e : Json.fields(sel.get("matchLabels"))) {
      String key = e.getKey();
      String val = e.getValue().asText();
      boolean found = false;
      List<String> keys = new ArrayList<>(labels.keySet());
      keys.sort(null);
      for (String k : keys) {
        if (Wildcard.match(key, k) && Wildcard.match(val, labels.get(k))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    for (JsonNode expr : sel.path("matchExpressions")) {
      String key = expr.path("key").asText();
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(v -> values.add(v.asText()));
      String op = expr.path("operator").asText();
      boolean has = labels.containsKey(key);
      switch (op) {
        case "In":
          if (!has || !values.contains(labels.get(key))) {
            return false;
          }
          break;
        case "NotIn":
          if (has && values.contains(labels.get(key))) {
            return false;
          }
          break;
        case "Exists":
          if (!has) {
            return false;
          }
          break;
        case "DoesNotExist":
          if (has) {
            return false;
          }
          break;
        default:
          return false;
      }
    }
    return true;
  }
}
