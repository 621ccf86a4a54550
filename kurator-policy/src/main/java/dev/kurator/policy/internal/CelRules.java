package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.RuleStatus;
import dev.kurator.policy.RuleType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** CEL validation: {@code validate.cel} in Kyverno rules and Kubernetes ValidatingAdmissionPolicy. */
final class CelRules {
  private CelRules() {}

  /** A {@code validate.cel} rule body, with the rule's {@code celPreconditions}. */
  static RuleResponse validateCel(String rule, JsonNode cel, JsonNode ruleNode, EvalContext ctx, JsonNode resource,
      EvalInput in) {
    Map<String, JsonNode> vars = baseVars(in, resource);
    vars.put("params", param(cel.path("paramKind"), cel.path("paramRef"), in));
    try {
      for (JsonNode pre : ruleNode.path("celPreconditions")) {
        if (!truthy(Cel.eval(pre.path("expression").asText(), vars))) {
          return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.SKIP, "cel preconditions not met: "
              + pre.path("name").asText());
        }
      }
      vars.put("variables", variables(cel.path("variables"), vars));
      return expressions(rule, cel.path("expressions"), vars);
    } catch (RuntimeException e) {
      return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, e.getMessage());
    }
  }

  /** A ValidatingAdmissionPolicy: null when its match constraints or match conditions exclude the resource. */
  static RuleResponse validatingAdmissionPolicy(CompiledPolicy policy, EvalInput in) {
    JsonNode spec = policy.source().document().path("spec");
    if (!constraints(spec.path("matchConstraints"), in)) {
      return null;
    }
    JsonNode resource = in.resource();
    Map<String, JsonNode> vars = baseVars(in, resource);
    JsonNode binding = policy.bindings().isEmpty() ? null : policy.bindings().get(0);
    if (policy.isValidatingPolicy() && !spec.path("evaluation").path("admission").path("enabled").asBoolean(true)) {
      return null;
    }
    vars.put("params", param(spec.path("paramKind"), binding == null ? null : binding.path("spec").path("paramRef"),
        in));
    try {
      if (binding != null && binding.path("spec").has("matchResources")
          && !constraints(binding.path("spec").path("matchResources"), in)) {
        return null;
      }
      for (JsonNode mc : spec.path("matchConditions")) {
        if (!truthy(Cel.eval(mc.path("expression").asText(), vars))) {
          return null;
        }
      }
      vars.put("variables", variables(spec.path("variables"), vars));
      return expressions("", spec.path("validations"), vars);
    } catch (RuntimeException e) {
      return RuleResponse.of("", RuleType.VALIDATION, RuleStatus.ERROR, e.getMessage());
    }
  }

  private static RuleResponse expressions(String rule, JsonNode list, Map<String, JsonNode> vars) {
    for (JsonNode e : list) {
      Object r = Cel.eval(e.path("expression").asText(), vars);
      if (!(r instanceof Boolean)) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "expression \""
            + e.path("expression").asText() + "\" did not evaluate to a bool");
      }
      if (!(Boolean) r) {
        String msg = e.path("message").asText("");
        if (e.hasNonNull("messageExpression")) {
          try {
            msg = String.valueOf(Cel.eval(e.get("messageExpression").asText(), vars));
          } catch (RuntimeException ex) {
            msg = msg.isEmpty() ? "failed expression: " + e.path("expression").asText() : msg;
          }
        }
        if (msg.isEmpty()) {
          msg = "failed expression: " + e.path("expression").asText();
        }
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.FAIL, msg);
      }
    }
    return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.PASS, "");
  }

  private static boolean truthy(Object o) {
    return Boolean.TRUE.equals(o);
  }

  private static Map<String, JsonNode> baseVars(EvalInput in, JsonNode resource) {
    Map<String, JsonNode> vars = new HashMap<>();
    vars.put("object", in.isDelete() ? Json.NODES.nullNode() : resource);
    vars.put("oldObject", in.oldResource() == null ? Json.NODES.nullNode() : in.oldResource());
    ObjectNode request = Json.NODES.objectNode();
    request.put("operation", in.operation());
    request.put("name", in.info().name());
    request.put("namespace", in.info().namespace());
    ObjectNode kind = request.putObject("kind");
    kind.put("group", in.info().group());
    kind.put("version", in.info().version());
    kind.put("kind", in.info().kind());
    ObjectNode user = request.putObject("userInfo");
    user.put("username", in.user().map(u -> u.username()).orElse(""));
    var groups = user.putArray("groups");
    in.user().ifPresent(u -> u.groups().forEach(groups::add));
    vars.put("request", request);
    vars.put("namespaceObject", Json.NODES.nullNode());
    return vars;
  }

  private static JsonNode variables(JsonNode decls, Map<String, JsonNode> vars) {
    ObjectNode out = Json.NODES.objectNode();
    vars.put("variables", out);
    for (JsonNode d : decls) {
      out.set(d.path("name").asText(), Cel.toJson(Cel.eval(d.path("expression").asText(), vars)));
    }
    return out;
  }

  private static JsonNode param(JsonNode paramKind, JsonNode paramRef, EvalInput in) {
    if (paramKind == null || paramKind.isMissingNode() || paramRef == null || paramRef.isMissingNode()) {
      return Json.NODES.nullNode();
    }
    String kind = paramKind.path("kind").asText();
    String name = paramRef.path("name").asText("");
    String ns = paramRef.path("namespace").asText("");
    for (JsonNode p : in.cloneSources()) {
      if (p.path("kind").asText().equals(kind) && (name.isEmpty() || p.path("metadata").path("name").asText()
          .equals(name)) && (ns.isEmpty() || p.path("metadata").path("namespace").asText("").equals(ns))) {
        return p;
      }
    }
    return Json.NODES.nullNode();
  }

  private static boolean constraints(JsonNode mc, EvalInput in) {
    if (mc.isMissingNode() || mc.isNull()) {
      return true;
    }
    if (mc.has("resourceRules") && !anyRule(mc.path("resourceRules"), in)) {
      return false;
    }
    if (mc.has("excludeResourceRules") && anyRule(mc.path("excludeResourceRules"), in)) {
      return false;
    }
    if (mc.has("objectSelector") && !Matching.selector(mc.get("objectSelector"), Matching.labels(in.resource()))) {
      return false;
    }
    return !mc.has("namespaceSelector") || Matching.selector(mc.get("namespaceSelector"), in.namespaceLabels());
  }

  private static boolean anyRule(JsonNode rules, EvalInput in) {
    for (JsonNode r : rules) {
      if (listHas(r.path("apiGroups"), in.info().group()) && listHas(r.path("apiVersions"), in.info().version())
          && listHas(r.path("operations"), in.operation()) && resourceMatches(r.path("resources"), in)) {
        return true;
      }
    }
    return false;
  }

  private static boolean listHas(JsonNode list, String v) {
    if (list.isMissingNode() || list.isEmpty()) {
      return true;
    }
    for (JsonNode e : list) {
      if (e.asText().equals("*") || e.asText().equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static boolean resourceMatches(JsonNode resources, EvalInput in) {
    String plural = plural(in.info().kind());
    String full = in.info().subresource().isEmpty() ? plural : plural + "/" + in.info().subresource();
    List<String> names = new ArrayList<>();
    resources.forEach(r -> names.add(r.asText()));
    if (names.isEmpty()) {
      return true;
    }
    for (String n : names) {
      if (n.equals("*") || n.equals(full) || (n.endsWith("/*") && full.startsWith(n.substring(0, n.length() - 1)))
          || (n.startsWith("*/") && full.endsWith(n.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  /** The REST resource name of a kind ({@code Deployment} gives {@code deployments}). */
  static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s") || k.endsWith("x") || k.endsWith("ch") || k.endsWith("sh")) {
      return k.equals("endpoints") ? k : k + "es";
    }
    if (k.endsWith("y") && !k.endsWith("ay") && !k.endsWith("ey") && !k.endsWith("oy")) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }
}
