package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.CompiledPolicy;
import dev.kurator.policy.internal.EvalInput;
import dev.kurator.policy.internal.Json;
import dev.kurator.policy.internal.ResourceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Kyverno CLI test cases ({@code kyverno test} format: {@code kyverno-test.yaml} with policies, resources, values,
 * user info and expected results) against {@link PolicyEngine}, applying the upstream runner's rules: a namespaced
 * resource without a namespace goes to {@code default}; the operation comes from the row, the values file, or CREATE;
 * a rule with no response counts as a pass ("Excluded"); a patched-resource file without the resource drops the row.
 */
public final class CliTestRunner {
  private static final Logger log = LoggerFactory.getLogger(CliTestRunner.class);
  private static final String TEST_FILE = "kyverno-test.yaml";

  private int passed;
  private int failed;
  private int unsupported;
  private int excluded;
  private final List<String> failures = new ArrayList<>();
  private final List<String> excludedRows = new ArrayList<>();

  private CliTestRunner() {}

  /**
   * Runs every {@code kyverno-test.yaml} found under each directory (recursively).
   *
   * @param caseDirs case folders or roots holding case folders
   */
  public static CliTestReport run(List<Path> caseDirs) {
    CliTestRunner r = new CliTestRunner();
    for (Path dir : caseDirs) {
      for (Path test : findTests(dir)) {
        r.runCase(dir, test);
      }
    }
    return new CliTestReport(r.passed, r.failed, r.unsupported, r.excluded, r.failures, r.excludedRows);
  }

  private static List<Path> findTests(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().equals(TEST_FILE)).sorted().toList();
    } catch (IOException e) {
      throw new PolicyLoadException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String caseName(Path root, Path test) {
    Path rel = root.relativize(test.getParent());
    String s = rel.toString();
    if (s.endsWith(".kyverno-test")) {
      s = rel.getParent() == null ? root.getFileName().toString() : rel.getParent().toString();
    }
    return s.isEmpty() ? root.getFileName().toString() : s;
  }

  private void runCase(Path root, Path testFile) {
    String name = caseName(root, testFile);
    JsonNode test;
    CaseData data;
    try {
      test = Json.YAML.readTree(testFile.toFile());
      data = CaseData.load(testFile.getParent(), test);
    } catch (IOException | RuntimeException e) {
      int rows = countRows(testFile);
      failed += rows;
      failures.add(name + ": case could not be loaded: " + e.getMessage());
      log.debug("policy case {} failed to load", name, e);
      return;
    }
    for (JsonNode row : test.path("results")) {
      List<String> targets = new ArrayList<>();
      row.path("resources").forEach(n -> targets.add(n.asText()));
      if (targets.isEmpty() && row.has("resource")) {
        targets.add(row.get("resource").asText());
      }
      for (String target : targets) {
        try {
          checkRow(name, data, row, target);
        } catch (RuntimeException e) {
          failed++;
          failures.add(name + ": " + row.path("policy").asText() + "/" + row.path("rule").asText() + "/" + target
              + ": threw " + e);
          log.debug("policy case {} row threw", name, e);
        }
      }
    }
  }

  private static int countRows(Path testFile) {
    try {
      JsonNode t = Json.YAML.readTree(testFile.toFile());
      int n = 0;
      for (JsonNode row : t.path("results")) {
        n += Math.max(1, row.path("resources").size());
      }
      return Math.max(n, 1);
    } catch (IOException e) {
      return 1;
    }
  }

  private void checkRow(String caseName, CaseData data, JsonNode row, String target) {
    String policyName = row.path("policy").asText();
    String rule = row.path("rule").asText("");
    String kind = row.path("kind").asText();
    String expected = row.path("result").asText(row.path("status").asText(""));
    String label = caseName + ": " + policyName + "/" + rule + "/" + kind + "/" + target;
    CompiledPolicy policy = data.policy(policyName);
    if (policy == null) {
      if (row.path("isValidatingPolicy").asBoolean() || row.path("isMutatingPolicy").asBoolean()
          || row.path("isImageValidatingPolicy").asBoolean() || row.path("isGeneratingPolicy").asBoolean()
          || row.path("isDeletingPolicy").asBoolean() || row.path("isMutatingAdmissionPolicy").asBoolean()) {
        unsupported++;
        failures.add("unsupported: " + label + ": policy kind not implemented (CEL policies.kyverno.io)");
        return;
      }
      failed++;
      failures.add(label + ": expected " + expected + ", actual policy not found");
      return;
    }
    JsonNode resource = data.resource(kind, target);
    if (resource == null) {
      failed++;
      failures.add(label + ": expected " + expected + ", actual resource not found");
      return;
    }
    String operation = row.path("operation").asText("");
    PolicyResponse response = data.evaluate(policy, resource, operation);
    RuleResult match = null;
    for (RuleResult r : response.results()) {
      String n = r.rule();
      if (rule.isEmpty() || n.equals(rule) || n.equals("autogen-" + rule) || n.equals("autogen-cronjob-" + rule)) {
        match = r;
        break;
      }
    }
    if (row.hasNonNull("patchedResources") || row.hasNonNull("patchedResource")) {
      String file = row.hasNonNull("patchedResources") ? row.get("patchedResources").asText()
          : row.get("patchedResource").asText();
      JsonNode want = data.findIn(file, resource);
      if (want == null) {
        return;
      }
      if (match != null && !Resources.sameObject(response.patchedResource(), want)) {
        failed++;
        failures.add(label + ": patched resource differs: expected " + Json.write(Resources.tidy(want))
            + " actual " + Json.write(Resources.tidy(response.patchedResource())));
        return;
      }
    }
    if (row.hasNonNull("generatedResource") && match != null && match.status() == RuleStatus.PASS) {
      List<JsonNode> want = data.documents(row.get("generatedResource").asText());
      for (JsonNode w : want) {
        boolean found = response.generated().stream().anyMatch(g -> Resources.sameObject(g, w));
        if (!found) {
          failed++;
          failures.add(label + ": generated resource differs: expected " + Json.write(Resources.tidy(w))
              + " actual " + response.generated().stream().map(g -> Json.write(Resources.tidy(g))).toList());
          return;
        }
      }
    }
    if (match == null) {
      passed++;
      excluded++;
      excludedRows.add(label + ": expected " + expected + ", no rule response");
      return;
    }
    if (match.status().word().equals(expected)) {
      passed++;
    } else {
      failed++;
      failures.add(label + ": expected " + expected + ", actual " + match.status().word() + " (" + match.message()
          + ")");
    }
  }

  /** The inputs of one test file. */
  private static final class CaseData {
    private final Path dir;
    private final Map<String, CompiledPolicy> policies = new LinkedHashMap<>();
    private final List<JsonNode> resources = new ArrayList<>();
    private final List<JsonNode> exceptions = new ArrayList<>();
    private final List<JsonNode> cloneSources = new ArrayList<>();
    private final JsonNode values;
    private final Optional<UserInfo> user;
    private final Map<String, PolicyResponse> cache = new HashMap<>();
    private final Map<String, List<JsonNode>> fileCache = new HashMap<>();

    private CaseData(Path dir, JsonNode test) {
      this.dir = dir;
      List<JsonNode> policyDocs = new ArrayList<>();
      test.path("policies").forEach(p -> policyDocs.addAll(documents(p.asText())));
      test.path("exceptions").forEach(p -> exceptions.addAll(documents(p.asText())));
      PolicySet set = ClusterPolicies.fromDocuments(policyDocs, dir.toString());
      List<JsonNode> allExceptions = new ArrayList<>(set.exceptions());
      for (JsonNode e : exceptions) {
        if (e.path("kind").asText().equals("PolicyException")) {
          allExceptions.add(e);
        }
      }
      exceptions.clear();
      exceptions.addAll(allExceptions);
      for (KyvernoPolicy p : set.policies()) {
        policies.put(p.reportName(), CompiledPolicy.of(p, set.bindings()));
      }
      test.path("resources").forEach(p -> documents(p.asText()).forEach(r -> resources.add(defaultNamespace(r))));
      test.path("paramResources").forEach(p -> cloneSources.addAll(documents(p.asText())));
      test.path("results").forEach(r -> {
        if (r.hasNonNull("cloneSourceResource")) {
          cloneSources.addAll(documents(r.get("cloneSourceResource").asText()));
        }
      });
      this.values = test.hasNonNull("variables") ? documents(test.get("variables").asText()).stream().findFirst()
          .orElse(Json.NODES.objectNode()) : Json.NODES.objectNode();
      this.user = test.hasNonNull("userinfo") ? documents(test.get("userinfo").asText()).stream().findFirst()
          .map(CaseData::userInfo) : Optional.empty();
    }

    static CaseData load(Path dir, JsonNode test) {
      return new CaseData(dir, test);
    }

    private static UserInfo userInfo(JsonNode n) {
      List<String> groups = new ArrayList<>();
      n.path("userInfo").path("groups").forEach(g -> groups.add(g.asText()));
      List<String> roles = new ArrayList<>();
      n.path("roles").forEach(g -> roles.add(g.asText()));
      List<String> clusterRoles = new ArrayList<>();
      n.path("clusterRoles").forEach(g -> clusterRoles.add(g.asText()));
      return new UserInfo(n.path("userInfo").path("username").asText(""), groups, roles, clusterRoles);
    }

    private static JsonNode defaultNamespace(JsonNode r) {
      if (r.isObject() && !ResourceInfo.isClusterScoped(r.path("kind").asText())
          && r.path("metadata").path("namespace").asText("").isEmpty()) {
        ObjectNode copy = r.deepCopy();
        copy.withObject("/metadata").put("namespace", "default");
        return copy;
      }
      return r;
    }

    List<JsonNode> documents(String relative) {
      return fileCache.computeIfAbsent(relative, f -> ClusterPolicies.readDocuments(dir.resolve(f)));
    }

    CompiledPolicy policy(String name) {
      CompiledPolicy p = policies.get(name);
      if (p == null) {
        for (CompiledPolicy c : policies.values()) {
          if (c.name().equals(name)) {
            return c;
          }
        }
      }
      return p;
    }

    JsonNode resource(String kind, String target) {
      String ns = null;
      String name = target;
      int slash = target.indexOf('/');
      if (slash >= 0) {
        ns = target.substring(0, slash);
        name = target.substring(slash + 1);
      }
      for (JsonNode r : resources) {
        if ((kind.isEmpty() || r.path("kind").asText().equals(kind))
            && r.path("metadata").path("name").asText().equals(name)
            && (ns == null || r.path("metadata").path("namespace").asText("").equals(ns))) {
          return r;
        }
      }
      return null;
    }

    JsonNode findIn(String file, JsonNode resource) {
      for (JsonNode d : documents(file)) {
        JsonNode w = defaultNamespace(d);
        if (w.path("kind").asText().equals(resource.path("kind").asText())
            && w.path("metadata").path("name").asText().equals(resource.path("metadata").path("name").asText())
            && w.path("metadata").path("namespace").asText("")
                .equals(resource.path("metadata").path("namespace").asText(""))) {
          return w;
        }
      }
      return null;
    }

    /** Policies apply in file order, each seeing the resource as mutated by the ones before, as the CLI does. */
    PolicyResponse evaluate(CompiledPolicy policy, JsonNode resource, String rowOperation) {
      String prefix = System.identityHashCode(resource) + "|" + rowOperation + "|";
      if (!cache.containsKey(prefix + policy.source().reportName())) {
        JsonNode current = resource;
        for (CompiledPolicy p : policies.values()) {
          PolicyResponse r = PolicyEngine.evaluate(p, input(p, current, rowOperation));
          cache.put(prefix + p.source().reportName(), r);
          current = r.patchedResource();
        }
      }
      return cache.get(prefix + policy.source().reportName());
    }

    private EvalInput input(CompiledPolicy policy, JsonNode resource, String rowOperation) {
      Map<String, JsonNode> vars = new LinkedHashMap<>();
      Json.fields(values.path("globalValues")).forEach(e -> vars.put(e.getKey(), e.getValue()));
      Map<String, Map<String, JsonNode>> ruleValues = new HashMap<>();
      String resName = resource.path("metadata").path("name").asText();
      for (JsonNode p : values.path("policies")) {
        if (!p.path("name").asText().equals(policy.name())) {
          continue;
        }
        for (JsonNode r : p.path("resources")) {
          if (r.path("name").asText().equals(resName)) {
            Json.fields(r.path("values")).forEach(e -> vars.put(e.getKey(), e.getValue()));
          }
        }
        for (JsonNode rule : p.path("rules")) {
          Map<String, JsonNode> rv = new LinkedHashMap<>();
          Json.fields(rule.path("values")).forEach(e -> rv.put(e.getKey(), e.getValue()));
          String ruleName = rule.path("name").asText();
          ruleValues.put(ruleName, rv);
          ruleValues.put("autogen-" + ruleName, rv);
          ruleValues.put("autogen-cronjob-" + ruleName, rv);
        }
      }
      String operation = rowOperation.isEmpty() ? "CREATE" : rowOperation.toUpperCase();
      JsonNode opVar = vars.remove("request.operation");
      if (rowOperation.isEmpty() && opVar != null && !opVar.asText().isEmpty()) {
        operation = opVar.asText().toUpperCase();
      }
      JsonNode old = operation.equals("UPDATE") || operation.equals("DELETE") ? resource : null;
      ResourceInfo info = ResourceInfo.of(resource);
      for (JsonNode s : values.path("subresources")) {
        JsonNode sub = s.path("subresource");
        if (sub.path("kind").asText().equals(info.kind())) {
          JsonNode parent = s.path("parentResource");
          String subName = sub.path("name").asText();
          subName = subName.contains("/") ? subName.substring(subName.indexOf('/') + 1) : subName;
          info = new ResourceInfo(parent.path("group").asText(""), parent.path("version").asText(""),
              parent.path("kind").asText(), subName, info.name(), info.namespace());
        }
      }
      Map<String, String> nsLabels = new HashMap<>();
      for (JsonNode n : values.path("namespaceSelector")) {
        if (n.path("name").asText().equals(info.namespace())) {
          Json.fields(n.path("labels")).forEach(e -> nsLabels.put(e.getKey(), e.getValue().asText()));
        }
      }
      for (JsonNode n : values.path("namespaces")) {
        if (n.path("metadata").path("name").asText().equals(info.namespace())) {
          Json.fields(n.path("metadata").path("labels")).forEach(e -> nsLabels.put(e.getKey(), e.getValue().asText()));
        }
      }
      return new EvalInput(resource, old, operation, user, nsLabels, vars, ruleValues, info, cloneSources,
          exceptions);
    }
  }
}
