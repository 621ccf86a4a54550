package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kyverno's Pod-controller rule generation ({@code pkg/autogen}): {@code autogen-} and {@code autogen-cronjob-}. */
public final class Autogen {
  /** The annotation that chooses the controllers. */
  public static final String ANNOTATION = "pod-policies.kyverno.io/autogen-controllers";
  private static final List<String> DEFAULT = List.of("DaemonSet", "Deployment", "Job", "StatefulSet", "ReplicaSet",
      "ReplicationController", "CronJob");
  private static final Pattern VAR_PATH = Pattern.compile("request\\.(object|oldObject)\\.(spec|metadata)\\b");

  private Autogen() {}

  /** The generated rules for one rule, empty when the rule does not qualify. */
  public static List<ObjectNode> generate(JsonNode rule, String controllersAnnotation) {
    List<ObjectNode> out = new ArrayList<>();
    if (!qualifies(rule)) {
      return out;
    }
    Set<String> controllers = new LinkedHashSet<>();
    if (controllersAnnotation == null) {
      controllers.addAll(DEFAULT);
    } else if (!controllersAnnotation.trim().equalsIgnoreCase("none")) {
      Arrays.stream(controllersAnnotation.split(",")).map(String::trim).filter(s -> !s.isEmpty())
          .forEach(controllers::add);
    }
    boolean cronJob = controllers.remove("CronJob");
    if (!controllers.isEmpty()) {
      out.add(transform(rule, "autogen-", new ArrayList<>(controllers), "spec.template", new String[] {"spec",
          "template"}));
    }
    if (cronJob) {
      out.add(transform(rule, "autogen-cronjob-", List.of("CronJob"), "spec.jobTemplate.spec.template",
          new String[] {"spec", "jobTemplate", "spec", "template"}));
    }
    return out;
  }

  private static boolean qualifies(JsonNode rule) {
    if (rule.has("generate") || rule.path("mutate").has("patchesJson6902") || rule.has("verifyImages")) {
      return false;
    }
    if (!rule.has("validate") && !rule.has("mutate")) {
      return false;
    }
    if (rule.path("validate").has("cel") || rule.path("validate").has("podSecurity")) {
      return false;
    }
    List<JsonNode> filters = filters(rule.get("match"));
    if (filters.isEmpty()) {
      return false;
    }
    for (JsonNode f : filters) {
      if (!podOnly(f.path("resources"), true)) {
        return false;
      }
    }
    for (JsonNode f : filters(rule.get("exclude"))) {
      if (!podOnly(f.path("resources"), false)) {
        return false;
      }
    }
    return true;
  }

  private static boolean podOnly(JsonNode res, boolean requireKinds) {
    if (res.has("name") || res.has("names") || res.has("selector") || res.has("annotations")) {
      return false;
    }
    JsonNode kinds = res.get("kinds");
    if (kinds == null || kinds.isEmpty()) {
      return !requireKinds;
    }
    for (JsonNode k : kinds) {
      if (!k.asText().equals("Pod")) {
        return false;
      }
    }
    return true;
  }

  /** The resource filters of a match or exclude block (any, all, or legacy). */
  static List<JsonNode> filters(JsonNode block) {
    List<JsonNode> out = new ArrayList<>();
    if (block == null || block.isNull()) {
      return out;
    }
    block.path("any").forEach(out::add);
    block.path("all").forEach(out::add);
    if (block.has("resources") || block.has("subjects") || block.has("roles") || block.has("clusterRoles")) {
      out.add(block);
    }
    return out;
  }

  private static ObjectNode transform(JsonNode rule, String prefix, List<String> kinds, String templatePath,
      String[] nest) {
    String replaced = replaceVariables(Json.write(rule), templatePath);
    ObjectNode r = (ObjectNode) Json.parse(replaced);
    r.put("name", prefix + rule.path("name").asText());
    r.set("match", retarget(rule.get("match"), kinds));
    if (rule.has("exclude")) {
      r.set("exclude", retarget(rule.get("exclude"), kinds));
    }
    JsonNode validate = r.get("validate");
    if (validate != null && validate.isObject()) {
      ObjectNode v = (ObjectNode) validate;
      if (v.has("pattern")) {
        v.set("pattern", nest(v.get("pattern"), nest));
      }
      if (v.has("anyPattern")) {
        ArrayNode alts = Json.NODES.arrayNode();
        v.get("anyPattern").forEach(p -> alts.add(nest(p, nest)));
        v.set("anyPattern", alts);
      }
    }
    JsonNode mutate = r.get("mutate");
    if (mutate != null && mutate.has("patchStrategicMerge")) {
      ((ObjectNode) mutate).set("patchStrategicMerge", nest(mutate.get("patchStrategicMerge"), nest));
    }
    if (mutate != null && mutate.has("foreach")) {
      for (JsonNode fe : mutate.get("foreach")) {
        if (fe.has("patchStrategicMerge")) {
          ((ObjectNode) fe).set("patchStrategicMerge", nest(fe.get("patchStrategicMerge"), nest));
        }
      }
    }
    return r;
  }

  /** Rewrites {@code request.object.spec} to {@code request.object.<template>.spec} and the same for metadata. */
  static String replaceVariables(String text, String templatePath) {
    Matcher m = VAR_PATH.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement("request." + m.group(1) + "." + templatePath + "."
          + m.group(2)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static JsonNode nest(JsonNode pattern, String[] path) {
    JsonNode cur = pattern;
    for (int i = path.length - 1; i >= 0; i--) {
      ObjectNode o = Json.NODES.objectNode();
      o.set(path[i], cur);
      cur = o;
    }
    return cur;
  }

  private static JsonNode retarget(JsonNode block, List<String> kinds) {
    ObjectNode copy = block.deepCopy();
    for (JsonNode f : filters(copy)) {
      JsonNode res = f.get("resources");
      if (res != null && res.has("kinds")) {
        ArrayNode k = Json.NODES.arrayNode();
        kinds.forEach(k::add);
        ((ObjectNode) res).set("kinds", k);
      }
    }
    return copy;
  }
}
