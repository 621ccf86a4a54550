package dev.kurator.core.override;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import dev.kurator.core.override.internal.Json;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads Karmada {@code OverridePolicy} and {@code ClusterOverridePolicy} YAML ({@code policy.karmada.io/v1alpha1})
 * as is: {@code spec.resourceSelectors}, {@code spec.overrideRules[].targetCluster} and {@code .overriders}, and the
 * deprecated {@code spec.targetCluster} + {@code spec.overriders} pair. Every problem in the input is reported at
 * once, by field path ({@code documents[1].spec.overrideRules[0].overriders.plaintext[0].operator: was "upsert",
 * must be one of add, remove, replace}).
 */
public final class OverridePolicies {

  private static final Set<String> KNOWN_OVERRIDERS = Set.of("imageOverrider", "commandOverrider", "argsOverrider",
      "labelsOverrider", "annotationsOverrider", "plaintext");

  private OverridePolicies() {}

  /**
   * Loads policies from a YAML file, or from every {@code .yaml}/{@code .yml} file of a directory (sorted by name).
   *
   * @throws ValidationException listing every problem (paths are prefixed with the file name)
   * @throws UncheckedIOException when a file cannot be read
   */
  public static List<OverridePolicy> load(Path path) {
    List<Path> files;
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          files = s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        }
      } else {
        files = List.of(path);
      }
      List<OverridePolicy> out = new ArrayList<>();
      Problems problems = new Problems();
      for (Path f : files) {
        try {
          out.addAll(parse(Files.readString(f)));
        } catch (ValidationException e) {
          problems.addAll(f.getFileName().toString(), e);
        }
      }
      problems.throwIfAny();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read override policies from " + path, e);
    }
  }

  /**
   * Parses a YAML stream of one or more documents. Empty documents are skipped.
   *
   * @throws ValidationException listing every problem, paths starting with {@code documents[i]}
   */
  public static List<OverridePolicy> parse(String yaml) {
    List<JsonNode> docs = new ArrayList<>();
    try (JsonParser parser = Json.YAML.getFactory().createParser(yaml);
        MappingIterator<JsonNode> it = Json.YAML.readValues(parser, JsonNode.class)) {
      while (it.hasNext()) {
        docs.add(it.next());
      }
    } catch (IOException | RuntimeException e) {
      throw ValidationException.of("documents", abbreviate(yaml), "must be valid YAML (" + e.getMessage() + ")");
    }
    Problems problems = new Problems();
    List<OverridePolicy> out = new ArrayList<>();
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
        continue;
      }
      String at = "documents[" + i + "]";
      Problems local = new Problems();
      try {
        OverridePolicy p = fromTree(doc, at, local);
        if (p != null) {
          out.add(p);
        }
      } catch (ValidationException e) {
        problems.addAll(at, e);
      }
      local.list().forEach(pr -> problems.add(pr.path(), pr.value(), pr.rule()));
    }
    problems.throwIfAny();
    return out;
  }

  /**
   * Converts one already-parsed document.
   *
   * @throws ValidationException listing every problem
   */
  public static OverridePolicy fromTree(JsonNode doc) {
    Problems problems = new Problems();
    OverridePolicy p = fromTree(doc, "", problems);
    problems.throwIfAny();
    return p;
  }

  private static OverridePolicy fromTree(JsonNode doc, String at, Problems problems) {
    String prefix = at.isEmpty() ? "" : at + ".";
    Reader r = new Reader(problems);
    String apiVersion = doc.path("apiVersion").asText("");
    problems.check(!OverridePolicy.API_VERSION.equals(apiVersion), prefix + "apiVersion", apiVersion,
        "must be " + OverridePolicy.API_VERSION);
    String kind = doc.path("kind").asText("");
    boolean clusterScoped = kind.equals("ClusterOverridePolicy");
    if (!clusterScoped && !kind.equals("OverridePolicy")) {
      problems.add(prefix + "kind", kind, "must be OverridePolicy or ClusterOverridePolicy");
      return null;
    }
    String name = doc.path("metadata").path("name").asText("");
    String namespace = doc.path("metadata").path("namespace").asText("");
    if (!clusterScoped && namespace.isEmpty()) {
      namespace = "default";
    }
    JsonNode spec = doc.path("spec");
    List<ResourceSelector> selectors = new ArrayList<>();
    r.each(spec, "resourceSelectors", prefix + "spec.resourceSelectors", (n, p) -> selectors.add(new ResourceSelector(
        r.text(n, "apiVersion", p, true), r.text(n, "kind", p, true), r.text(n, "namespace", p, false),
        r.text(n, "name", p, false), r.convert(n.get("labelSelector"), LabelSelector.class, p + ".labelSelector"))));
    List<OverrideRule> rules = new ArrayList<>();
    boolean legacy = spec.has("overriders") || spec.has("targetCluster");
    if (legacy && spec.has("overrideRules")) {
      problems.add(prefix + "spec.overrideRules", "...",
          "must not be combined with the deprecated spec.targetCluster/spec.overriders");
    } else if (legacy) {
      rules.add(new OverrideRule(affinity(r, spec.get("targetCluster"), prefix + "spec.targetCluster"),
          overriders(r, spec.path("overriders"), prefix + "spec.overriders")));
    }
    r.each(spec, "overrideRules", prefix + "spec.overrideRules", (n, p) -> rules.add(new OverrideRule(
        affinity(r, n.get("targetCluster"), p + ".targetCluster"), overriders(r, n.path("overriders"),
        p + ".overriders"))));
    if (!problems.isEmpty()) {
      return null;
    }
    return new OverridePolicy(name, clusterScoped ? "" : namespace, clusterScoped, selectors, rules);
  }

  private static ClusterAffinity affinity(Reader r, JsonNode n, String p) {
    if (n == null || n.isNull()) {
      return null;
    }
    List<NodeSelectorRequirement> fields = new ArrayList<>();
    r.each(n.path("fieldSelector"), "matchExpressions", p + ".fieldSelector.matchExpressions",
        (e, ep) -> fields.add(r.convert(e, NodeSelectorRequirement.class, ep)));
    return new ClusterAffinity(r.strings(n, "clusterNames", p), r.strings(n, "exclude", p),
        r.convert(n.get("labelSelector"), LabelSelector.class, p + ".labelSelector"), fields);
  }

  private static Overriders overriders(Reader r, JsonNode n, String p) {
    Overriders.Builder b = Overriders.builder();
    if (!n.isObject() && !n.isMissingNode()) {
      r.problems.add(p, n.toString(), "must be an object");
      return b.build();
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      r.problems.check(!KNOWN_OVERRIDERS.contains(field), p + "." + field, "...",
          "is not a supported overrider (supported: " + String.join(", ", KNOWN_OVERRIDERS.stream().sorted().toList())
              + ")");
    }
    r.each(n, "imageOverrider", p + ".imageOverrider", (e, ep) -> {
      JsonNode pred = e.get("predicate");
      String path = pred == null || pred.isNull() ? null : r.text(pred, "path", ep + ".predicate", true);
      ImageComponent component = r.parse(ep + ".component", () -> ImageComponent.parse(ep + ".component",
          e.path("component").asText(null)));
      OverrideOperator op = r.operator(e, ep);
      if (component != null && op != null) {
        b.image(new ImageOverrider(path, component, op, r.text(e, "value", ep, false)));
      }
    });
    r.each(n, "commandOverrider", p + ".commandOverrider", (e, ep) -> commandArgs(r, e, ep, b::command));
    r.each(n, "argsOverrider", p + ".argsOverrider", (e, ep) -> commandArgs(r, e, ep, b::args));
    r.each(n, "labelsOverrider", p + ".labelsOverrider", (e, ep) -> labels(r, e, ep, b::labels));
    r.each(n, "annotationsOverrider", p + ".annotationsOverrider", (e, ep) -> labels(r, e, ep, b::annotations));
    r.each(n, "plaintext", p + ".plaintext", (e, ep) -> {
      OverrideOperator op = r.operator(e, ep);
      String path = r.text(e, "path", ep, true);
      if (op != null) {
        b.plaintext(new PlaintextOverrider(path, op, e.get("value")));
      }
    });
    return b.build();
  }

  private static void commandArgs(Reader r, JsonNode e, String ep,
      java.util.function.Consumer<CommandArgsOverrider> sink) {
    OverrideOperator op = r.operator(e, ep);
    String container = r.text(e, "containerName", ep, true);
    List<String> values = r.strings(e, "value", ep);
    if (op != null) {
      sink.accept(new CommandArgsOverrider(container, op, values));
    }
  }

  private static void labels(Reader r, JsonNode e, String ep,
      java.util.function.Consumer<LabelAnnotationOverrider> sink) {
    OverrideOperator op = r.operator(e, ep);
    Map<String, String> values = new LinkedHashMap<>();
    JsonNode v = e.path("value");
    if (!v.isObject() && !v.isMissingNode()) {
      r.problems.add(ep + ".value", v.toString(), "must be a map of strings");
    }
    v.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().isNull() ? null : f.getValue().asText()));
    if (op != null) {
      sink.accept(new LabelAnnotationOverrider(op, values));
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** Walks a tree, recording a problem per malformed field instead of stopping at the first. */
  private static final class Reader {
    private final Problems problems;

    Reader(Problems problems) {
      this.problems = problems;
    }

    interface Each {
      void accept(JsonNode element, String path);
    }

    void each(JsonNode parent, String field, String path, Each each) {
      JsonNode list = parent.get(field);
      if (list == null || list.isNull()) {
        return;
      }
      if (!list.isArray()) {
        problems.add(path, list.toString(), "must be a list");
        return;
      }
      for (int i = 0; i < list.size(); i++) {
        String at = path + "[" + i + "]";
        try {
          each.accept(list.get(i), at);
        } catch (ValidationException e) {
          problems.addAll("", e);
        }
      }
    }

    String text(JsonNode n, String field, String path, boolean required) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        problems.check(required, path + "." + field, null, "is required");
        return "";
      }
      if (!v.isValueNode()) {
        problems.add(path + "." + field, v.toString(), "must be a string");
        return "";
      }
      return v.asText();
    }

    List<String> strings(JsonNode n, String field, String path) {
      JsonNode v = n.get(field);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        problems.add(path + "." + field, v.toString(), "must be a list of strings");
        return out;
      }
      v.forEach(e -> out.add(e.asText()));
      return out;
    }

    OverrideOperator operator(JsonNode n, String path) {
      return parse(path + ".operator", () -> OverrideOperator.parse(path + ".operator",
          n.path("operator").asText(null)));
    }

    <T> T parse(String path, java.util.function.Supplier<T> parser) {
      try {
        return parser.get();
      } catch (ValidationException e) {
        problems.addAll("", e);
        return null;
      }
    }

    <T> T convert(JsonNode n, Class<T> type, String path) {
      if (n == null || n.isNull()) {
        return null;
      }
      try {
        return Json.MAPPER.treeToValue(n, type);
      } catch (IOException | IllegalArgumentException e) {
        problems.add(path, n.toString(), "must be a " + type.getSimpleName());
        return null;
      }
    }
  }
}
