package dev.kurator.policy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kurator.policy.RuleStatus;
import dev.kurator.policy.RuleType;
import dev.kurator.policy.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Evaluates one compiled policy against one resource: mutate, then validate, then generate. */
public final class RuleEngine {

  /** Result of one policy on one resource. */
  public record Outcome(List<RuleResponse> responses, JsonNode patched) {}

  private final CompiledPolicy policy;
  private final EvalInput in;
  private final Jmes jmes;

  private RuleEngine(CompiledPolicy policy, EvalInput in, Jmes jmes) {
    this.policy = policy;
    this.in = in;
    this.jmes = jmes;
  }

  /** Applies the policy. Rules that do not match give no response at all. */
  public static Outcome apply(CompiledPolicy policy, EvalInput in, Jmes jmes) {
    return new RuleEngine(policy, in, jmes).run();
  }

  private Outcome run() {
    List<RuleResponse> out = new ArrayList<>();
    if (!policy.namespace().isEmpty() && !policy.namespace().equals(in.info().namespace())) {
      return new Outcome(out, in.resource());
    }
    if (policy.isAdmissionPolicy()) {
      RuleResponse r = CelRules.validatingAdmissionPolicy(policy, in);
      if (r != null) {
        out.add(r);
      }
      return new Outcome(out, in.resource());
    }
    JsonNode resource = in.resource();
    for (JsonNode rule : policy.rules()) {
      if (!rule.has("mutate")) {
        continue;
      }
      Matching.Subject subject = subject(resource);
      if (!Matching.applies(rule, subject)) {
        continue;
      }
      MutateResult r = mutateRule(rule, resource);
      if (r.response != null) {
        out.add(r.response);
        if (policy.applyOne()) {
          break;
        }
      }
      resource = r.resource;
    }
    for (JsonNode rule : policy.rules()) {
      if (!rule.has("validate")) {
        continue;
      }
      if (!Matching.applies(rule, subject(resource))) {
        continue;
      }
      RuleResponse r = validateRule(rule, resource);
      if (r != null) {
        out.add(r);
        if (policy.applyOne()) {
          break;
        }
      }
    }
    for (JsonNode rule : policy.rules()) {
      if (!rule.has("generate") || !Matching.applies(rule, subject(resource))) {
        continue;
      }
      RuleResponse r = generateRule(rule, resource);
      if (r != null) {
        out.add(r);
      }
    }
    return new Outcome(out, resource);
  }

  private Matching.Subject subject(JsonNode resource) {
    return new Matching.Subject(in.info(), resource, in.operation(), in.user(), in.namespaceLabels());
  }

  // ---------------------------------------------------------------- context

  /** The variable document for a rule: built once per resource state, then copied per rule. */
  EvalContext baseContext(JsonNode resource) {
    return in.contextCache().get(resource, this::buildContext);
  }

  private EvalContext buildContext(JsonNode resource) {
    ObjectNode data = Json.NODES.objectNode();
    ObjectNode request = data.putObject("request");
    request.put("operation", in.operation());
    if (in.isDelete()) {
      request.set("object", NullNode.getInstance());
      request.set("oldObject", resource);
    } else {
      request.set("object", resource);
      request.set("oldObject", in.oldResource() == null ? NullNode.getInstance() : in.oldResource());
    }
    request.put("namespace", in.info().namespace());
    request.put("name", in.info().name());
    ObjectNode kind = request.putObject("kind");
    kind.put("group", in.info().group());
    kind.put("version", in.info().version());
    kind.put("kind", in.info().kind());
    request.put("subResource", in.info().subresource());
    ObjectNode userInfo = request.putObject("userInfo");
    ArrayNode roles = request.putArray("roles");
    ArrayNode clusterRoles = request.putArray("clusterRoles");
    if (in.user().isPresent()) {
      UserInfo u = in.user().get();
      userInfo.put("username", u.username());
      ArrayNode groups = userInfo.putArray("groups");
      u.groups().forEach(groups::add);
      u.roles().forEach(roles::add);
      u.clusterRoles().forEach(clusterRoles::add);
      String sa = "system:serviceaccount:";
      if (u.username().startsWith(sa)) {
        String[] parts = u.username().substring(sa.length()).split(":", 2);
        if (parts.length == 2) {
          data.put("serviceAccountNamespace", parts[0]);
          data.put("serviceAccountName", parts[1]);
        }
      }
    } else {
      userInfo.put("username", "");
    }
    data.set("images", images(resource));
    EvalContext ctx = new EvalContext(data, in.isDelete(), jmes);
    for (Map.Entry<String, JsonNode> v : in.variables().entrySet()) {
      ctx.put(v.getKey(), v.getValue());
    }
    return ctx;
  }

  private static ObjectNode images(JsonNode resource) {
    ObjectNode images = Json.NODES.objectNode();
    if (resource == null || !resource.isObject()) {
      return images;
    }
    JsonNode spec = resource.path("spec");
    String kind = resource.path("kind").asText();
    if (kind.equals("CronJob")) {
      spec = spec.path("jobTemplate").path("spec").path("template").path("spec");
    } else if (!kind.equals("Pod") && spec.has("template")) {
      spec = spec.path("template").path("spec");
    }
    for (String section : new String[] {"containers", "initContainers", "ephemeralContainers"}) {
      JsonNode list = spec.get(section);
      if (list == null || !list.isArray()) {
        continue;
      }
      ObjectNode byName = images.putObject(section);
      for (JsonNode c : list) {
        if (c.hasNonNull("image")) {
          byName.set(c.path("name").asText(), ImageRef.parse(c.get("image").asText()).toJson());
        }
      }
    }
    return images;
  }

  /** Loads context entries; throws on an entry that cannot be evaluated. */
  private void loadContext(JsonNode entries, EvalContext ctx, String ruleName) {
    Map<String, JsonNode> values = in.ruleValues().getOrDefault(ruleName, Map.of());
    for (Map.Entry<String, JsonNode> v : values.entrySet()) {
      ctx.put(v.getKey(), v.getValue());
    }
    if (entries == null) {
      return;
    }
    for (JsonNode e : entries) {
      String name = e.path("name").asText();
      if (values.containsKey(name)) {
        continue;
      }
      if (e.has("variable")) {
        ctx.put(name, variable(e.get("variable"), ctx, name));
      }
      // apiCall, configMap, imageRegistry and globalReference need a cluster: the engine leaves them to the values
      // supplied by the caller, as the offline CLI does.
    }
  }

  private JsonNode variable(JsonNode v, EvalContext ctx, String name) {
    JsonNode value = v.has("value") ? Variables.substituteAll(v.get("value"), ctx) : null;
    JsonNode out = value;
    RuntimeException failure = null;
    if (v.hasNonNull("jmesPath")) {
      JsonNode path = Variables.substituteAll(v.get("jmesPath"), ctx);
      try {
        out = value != null ? jmes.search(path.asText(), value) : ctx.query(path.asText());
      } catch (RuntimeException ex) {
        out = null;
        failure = ex;
      }
    }
    if ((out == null || out.isNull()) && v.has("default")) {
      out = Variables.substituteAll(v.get("default"), ctx);
    }
    if (out == null || out.isNull()) {
      if (failure != null) {
        throw new Variables.SubstitutionException("failed to add context entry " + name + ": " + failure.getMessage());
      }
      if (!v.has("value") && !v.has("jmesPath")) {
        throw new Variables.SubstitutionException("context entry " + name + " has no value");
      }
      return NullNode.getInstance();
    }
    return out;
  }

  /** Runs context, preconditions and exceptions; returns a terminal response or null to continue. */
  private RuleResponse prelude(JsonNode rule, JsonNode contextEntries, JsonNode preconditions, EvalContext ctx,
      RuleType type, String ruleName) {
    try {
      loadContext(contextEntries, ctx, ruleName);
    } catch (RuntimeException e) {
      return RuleResponse.of(ruleName, type, RuleStatus.ERROR, "failed to load context: " + e.getMessage());
    }
    try {
      Conditions.Outcome pre = Conditions.evaluate(preconditions, ctx);
      if (!pre.holds()) {
        return RuleResponse.of(ruleName, type, RuleStatus.SKIP, join("preconditions not met", pre.message()));
      }
    } catch (RuntimeException e) {
      return RuleResponse.of(ruleName, type, RuleStatus.ERROR, "failed to evaluate preconditions: " + e.getMessage());
    }
    if (rule != null && PolicyExceptions.excepts(in.exceptions(), policy, ruleName, subject(in.resource()), ctx)) {
      return RuleResponse.of(ruleName, type, RuleStatus.SKIP, "rule is skipped due to policy exceptions");
    }
    return null;
  }

  private static String join(String a, String b) {
    return b == null || b.isEmpty() ? a : a + "; " + b;
  }

  // ---------------------------------------------------------------- validate

  private RuleResponse validateRule(JsonNode rule, JsonNode resource) {
    String name = rule.path("name").asText();
    EvalContext ctx = baseContext(resource);
    JsonNode validate = rule.get("validate");
    RuleResponse pre = prelude(rule, rule.get("context"), rule.get("preconditions"), ctx, RuleType.VALIDATION, name);
    if (pre != null) {
      return pre;
    }
    if (validate.has("cel")) {
      return CelRules.validateCel(name, validate.get("cel"), rule, ctx, resource, in);
    }
    Validator v = new Validator(name, validate, ctx, resource, 0);
    RuleResponse r = v.validate();
    if (r != null && in.isUpdate() && (validate.has("pattern") || validate.has("anyPattern"))
        && r.status() != RuleStatus.PASS && in.oldResource() != null) {
      EvalContext oldCtx = baseContext(in.oldResource());
      try {
        loadContext(rule.get("context"), oldCtx, name);
      } catch (RuntimeException e) {
        return r;
      }
      RuleResponse prior = new Validator(name, validate, oldCtx, in.oldResource(), 0).validate();
      if (prior != null && prior.status() == r.status() && prior.message().equals(r.message())) {
        return RuleResponse.of(name, RuleType.VALIDATION, RuleStatus.SKIP,
            "skipping modified resource as validation results have not changed");
      }
    }
    return r;
  }

  /** One validate body (the rule's own or a foreach level). */
  private final class Validator {
    private final String rule;
    private final JsonNode body;
    private final EvalContext ctx;
    private final JsonNode resource;
    private final int nesting;
    private JsonNode element;

    Validator(String rule, JsonNode body, EvalContext ctx, JsonNode resource, int nesting) {
      this.rule = rule;
      this.body = body;
      this.ctx = ctx;
      this.resource = resource;
      this.nesting = nesting;
    }

    RuleResponse validate() {
      if (body.has("deny")) {
        return deny();
      }
      if (body.has("pattern") || body.has("anyPattern")) {
        JsonNode target = element != null ? element : resource;
        if (element == null && in.isDelete()) {
          return null;
        }
        return patterns(target);
      }
      if (body.has("foreach")) {
        return foreach();
      }
      return null;
    }

    private RuleResponse deny() {
      JsonNode d = body.get("deny");
      JsonNode conditions = d.has("conditions") ? d.get("conditions") : null;
      try {
        Conditions.Outcome o = Conditions.evaluate(conditions, ctx);
        if (o.holds()) {
          return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.FAIL, denyMessage(o.message()));
        }
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.PASS, "validation rule '" + rule + "' passed.");
      } catch (RuntimeException e) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR,
            "failed to check deny conditions: " + e.getMessage());
      }
    }

    private String denyMessage(String conditionMessage) {
      String msg = body.path("message").asText("");
      if (msg.isEmpty() && conditionMessage.isEmpty()) {
        return "validation error: rule " + rule + " failed";
      }
      String joined = msg.isEmpty() ? conditionMessage : conditionMessage.isEmpty() ? msg : msg + "; "
          + conditionMessage;
      try {
        JsonNode v = Variables.substituteString(joined, ctx, null, "/");
        return v.isTextual() ? v.textValue() : Json.sprint(v);
      } catch (RuntimeException e) {
        return conditionMessage;
      }
    }

    private String substitutedMessage() {
      String msg = body.path("message").asText("");
      if (msg.isEmpty()) {
        return "";
      }
      try {
        JsonNode v = Variables.substituteString(msg, ctx, null, "/");
        return v.isTextual() ? v.textValue() : Json.sprint(v);
      } catch (RuntimeException e) {
        return null;
      }
    }

    private RuleResponse patterns(JsonNode target) {
      if (body.has("pattern")) {
        JsonNode pattern;
        try {
          pattern = Variables.substitutePattern(body.get("pattern"), ctx, target);
        } catch (RuntimeException e) {
          return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "variable substitution failed: "
              + e.getMessage());
        }
        PatternValidator.Result r = PatternValidator.match(target, pattern);
        switch (r.status()) {
          case PASS:
            return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.PASS, "validation rule '" + rule
                + "' passed.");
          case SKIP:
            return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.SKIP, r.message());
          case ERROR:
            return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, failureMessage(r.message(), ""));
          default:
            return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.FAIL, failureMessage(r.message(), r.path()));
        }
      }
      JsonNode alternatives;
      try {
        alternatives = Variables.substitutePattern(body.get("anyPattern"), ctx, null);
      } catch (RuntimeException e) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "variable substitution failed: "
            + e.getMessage());
      }
      if (!alternatives.isArray()) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR,
            "failed to deserialize anyPattern, expected type array");
      }
      List<String> failed = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (int i = 0; i < alternatives.size(); i++) {
        PatternValidator.Result r = PatternValidator.match(target, alternatives.get(i));
        if (r.status() == PatternValidator.Result.Status.PASS) {
          return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.PASS, "validation rule '" + rule
              + "' anyPattern[" + i + "] passed.");
        }
        if (r.status() == PatternValidator.Result.Status.SKIP) {
          skipped.add("rule " + rule + "[" + i + "] skipped: " + r.message());
        } else if (r.path().isEmpty()) {
          failed.add("rule " + rule + "[" + i + "] failed: " + r.message());
        } else {
          failed.add("rule " + rule + "[" + i + "] failed at path " + r.path());
        }
      }
      if (failed.isEmpty() && !skipped.isEmpty()) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.SKIP, String.join(" ", skipped));
      }
      String msg = substitutedMessage();
      String errs = String.join(" ", failed);
      String full = msg == null || msg.isEmpty() ? "validation error: " + errs
          : "validation error: " + (msg.endsWith(".") ? msg : msg + ".") + " " + errs;
      return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.FAIL, full);
    }

    private String failureMessage(String error, String path) {
      String msg = substitutedMessage();
      if (msg == null) {
        return "validation error: variables substitution error in rule " + rule + " execution error: " + error;
      }
      if (msg.isEmpty()) {
        return path.isEmpty() ? "validation error: rule " + rule + " execution error: " + error
            : "validation error: rule " + rule + " failed at path " + path;
      }
      String m = msg.endsWith(".") ? msg : msg + ".";
      return path.isEmpty() ? "validation error: " + m + " rule " + rule + " execution error: " + error
          : "validation error: " + m + " rule " + rule + " failed at path " + path;
    }

    private RuleResponse foreach() {
      int applied = 0;
      for (JsonNode fe : body.get("foreach")) {
        JsonNode list;
        try {
          list = evaluateList(fe.path("list").asText(), ctx);
        } catch (RuntimeException e) {
          continue;
        }
        if (list == null) {
          continue;
        }
        int count = 0;
        RuleResponse failure = null;
        for (int i = 0; i < list.size(); i++) {
          JsonNode el = list.get(i);
          if (Json.isNull(el)) {
            continue;
          }
          EvalContext child = ctx.copy();
          addElement(child, el, i, nesting);
          Validator v = new Validator(rule, fe, child, resource, nesting + 1);
          boolean scope = !fe.has("elementScope") || fe.get("elementScope").asBoolean(true);
          if (fe.has("elementScope") && scope && !el.isObject()) {
            return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "failed to process foreach: cannot"
                + " use elementScope=true foreach rules for elements that are not maps");
          }
          if (scope && el.isObject()) {
            v.element = el;
          } else if (element != null) {
            v.element = element;
          }
          RuleResponse r = v.validateForeachLevel();
          if (r == null || r.status() == RuleStatus.SKIP) {
            continue;
          }
          if (r.status() != RuleStatus.PASS) {
            if (r.status() == RuleStatus.ERROR && i < list.size() - 1) {
              continue;
            }
            failure = RuleResponse.of(rule, RuleType.VALIDATION, r.status(), "validation failure: " + r.message());
            break;
          }
          count++;
        }
        if (failure != null) {
          return failure;
        }
        applied += count;
      }
      if (applied == 0) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.SKIP, "rule skipped");
      }
      return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.PASS, "rule passed");
    }

    private RuleResponse validateForeachLevel() {
      try {
        loadContext(body.get("context"), ctx, "\u0000");
      } catch (RuntimeException e) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "failed to load context: "
            + e.getMessage());
      }
      try {
        Conditions.Outcome pre = Conditions.evaluate(body.get("preconditions"), ctx);
        if (!pre.holds()) {
          return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.SKIP, join("preconditions not met",
              pre.message()));
        }
      } catch (RuntimeException e) {
        return RuleResponse.of(rule, RuleType.VALIDATION, RuleStatus.ERROR, "failed to evaluate preconditions: "
            + e.getMessage());
      }
      return validate();
    }
  }

  /** Evaluates a foreach {@code list} expression; null when it yields nothing. */
  static JsonNode evaluateList(String expression, EvalContext ctx) {
    String expr = expression;
    if (Variables.hasVariables(expr)) {
      expr = Variables.substituteString(expr, ctx, null, "/").asText();
    }
    String query = ctx.isDelete() ? expr.replace("request.object", "request.oldObject") : expr;
    JsonNode r = ctx.query(query);
    if (r == null || r.isNull()) {
      return null;
    }
    if (!r.isArray()) {
      ArrayNode a = Json.NODES.arrayNode();
      a.add(r);
      return a;
    }
    return r;
  }

  static void addElement(EvalContext ctx, JsonNode element, int index, int nesting) {
    ctx.data().set("element", element);
    ctx.data().put("elementIndex", index);
    ctx.data().set("element" + nesting, element);
    ctx.data().put("elementIndex" + nesting, index);
  }

  // ---------------------------------------------------------------- mutate

  private static final class MutateResult {
    final RuleResponse response;
    final JsonNode resource;

    MutateResult(RuleResponse response, JsonNode resource) {
      this.response = response;
      this.resource = resource;
    }
  }

  private MutateResult mutateRule(JsonNode rule, JsonNode resource) {
    String name = rule.path("name").asText();
    EvalContext ctx = baseContext(resource);
    RuleResponse pre = prelude(rule, rule.get("context"), rule.get("preconditions"), ctx, RuleType.MUTATION, name);
    if (pre != null) {
      return new MutateResult(pre, resource);
    }
    JsonNode mutate = rule.get("mutate");
    if (mutate.has("targets")) {
      return new MutateResult(RuleResponse.of(name, RuleType.MUTATION, RuleStatus.SKIP,
          "mutate existing targets are applied by the background controller"), resource);
    }
    JsonNode patched;
    try {
      patched = mutateBody(mutate, ctx, resource, 0);
    } catch (StrategicMerge.GlobalConditionFailed e) {
      return new MutateResult(RuleResponse.of(name, RuleType.MUTATION, RuleStatus.SKIP, e.getMessage()), resource);
    } catch (RuntimeException e) {
      return new MutateResult(RuleResponse.of(name, RuleType.MUTATION, RuleStatus.ERROR,
          "failed to apply patch: " + e.getMessage()), resource);
    }
    if (patched.equals(resource)) {
      return new MutateResult(RuleResponse.of(name, RuleType.MUTATION, RuleStatus.SKIP, "no patches applied"),
          resource);
    }
    return new MutateResult(RuleResponse.of(name, RuleType.MUTATION, RuleStatus.PASS, "mutated resource"), patched);
  }

  private JsonNode mutateBody(JsonNode body, EvalContext ctx, JsonNode resource, int nesting) {
    JsonNode current = resource;
    if (body.has("patchStrategicMerge")) {
      JsonNode patch = Variables.substitutePattern(body.get("patchStrategicMerge"), ctx, current);
      current = StrategicMerge.apply(current, patch);
    }
    if (body.has("patchesJson6902")) {
      JsonNode raw = body.get("patchesJson6902");
      JsonNode ops = raw.isTextual() ? Json.parse(Variables.substituteString(raw.textValue(), ctx, null, "/")
          .asText()) : Variables.substituteAll(raw, ctx);
      current = JsonPatch.apply(current, ops);
    }
    if (body.has("foreach")) {
      for (JsonNode fe : body.get("foreach")) {
        current = mutateForeach(fe, ctx, current, nesting);
      }
    }
    return current;
  }

  private JsonNode mutateForeach(JsonNode fe, EvalContext parent, JsonNode resource, int nesting) {
    EvalContext listCtx = parent.copy();
    listCtx.data().withObject("/request").set("object", resource);
    JsonNode list;
    try {
      list = evaluateList(fe.path("list").asText(), listCtx);
    } catch (Jmes.MissingKeyException e) {
      return resource;
    }
    if (list == null) {
      return resource;
    }
    boolean descending = fe.has("order") ? fe.get("order").asText().equals("Descending")
        : fe.has("patchStrategicMerge");
    JsonNode current = resource;
    for (int k = 0; k < list.size(); k++) {
      int i = descending ? list.size() - 1 - k : k;
      JsonNode el = list.get(i);
      EvalContext child = parent.copy();
      child.data().withObject("/request").set("object", current);
      addElement(child, el, i, nesting);
      loadContext(fe.get("context"), child, "\u0000");
      Conditions.Outcome pre = Conditions.evaluate(fe.get("preconditions"), child);
      if (!pre.holds()) {
        continue;
      }
      current = mutateBody(fe, child, current, nesting + 1);
    }
    return current;
  }

  // ---------------------------------------------------------------- generate

  private RuleResponse generateRule(JsonNode rule, JsonNode resource) {
    String name = rule.path("name").asText();
    EvalContext ctx = baseContext(resource);
    RuleResponse pre = prelude(rule, rule.get("context"), rule.get("preconditions"), ctx, RuleType.GENERATION, name);
    if (pre != null) {
      return pre;
    }
    try {
      List<JsonNode> generated = Generation.generate(rule.get("generate"), ctx, in.cloneSources());
      if (generated.isEmpty()) {
        return RuleResponse.of(name, RuleType.GENERATION, RuleStatus.ERROR, "clone source not found");
      }
      return new RuleResponse(name, RuleType.GENERATION, RuleStatus.PASS, "generated " + generated.size()
          + " resource(s)", generated);
    } catch (RuntimeException e) {
      return RuleResponse.of(name, RuleType.GENERATION, RuleStatus.ERROR, "failed to generate: " + e.getMessage());
    }
  }

  static TextNode text(String s) {
    return TextNode.valueOf(s);
  }
}
