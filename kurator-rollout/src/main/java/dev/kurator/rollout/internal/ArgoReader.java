package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.Problems;
import dev.kurator.rollout.argo.ArgoBlueGreen;
import dev.kurator.rollout.argo.ArgoCanary;
import dev.kurator.rollout.argo.ArgoMetric;
import dev.kurator.rollout.argo.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Reads an Argo Rollouts {@code Rollout.spec} (and its AnalysisTemplates) into the Argo engine's model. */
public final class ArgoReader {

  private final Problems problems = new Problems();
  private final Function<String, Optional<List<ArgoMetric>>> templates;

  private ArgoReader(Function<String, Optional<List<ArgoMetric>>> templates) {
    this.templates = templates;
  }

  /** The metrics of every template in an {@code analysisTemplates} object (name → template). */
  public static Function<String, Optional<List<ArgoMetric>>> templatesOf(JsonNode analysisTemplates) {
    return name -> {
      JsonNode t = analysisTemplates.path(name);
      if (t.isMissingNode()) {
        return Optional.empty();
      }
      ArgoReader r = new ArgoReader(n -> Optional.empty());
      List<ArgoMetric> out = r.metrics(t.path("metrics"), "analysisTemplates." + name + ".metrics");
      r.problems.throwIfAny();
      return Optional.of(out);
    };
  }

  /** Reads {@code spec.strategy.canary}; templates are looked up by name. */
  public static ArgoCanary readCanary(JsonNode spec, Function<String, Optional<List<ArgoMetric>>> templates) {
    ArgoReader r = new ArgoReader(templates);
    JsonNode c = spec.path("strategy").path("canary");
    int replicas = spec.path("replicas").asInt(1);
    List<Step> steps = new ArrayList<>();
    JsonNode ss = c.path("steps");
    for (int i = 0; i < ss.size(); i++) {
      Step s = r.step(ss.get(i), "spec.strategy.canary.steps[" + i + "]", replicas);
      if (s != null) {
        steps.add(s);
      }
    }
    boolean routed = c.has("trafficRouting") && !c.path("trafficRouting").isNull();
    int surge = r.surge(c.path("maxSurge"), replicas, "spec.strategy.canary.maxSurge");
    List<ArgoMetric> background = List.of();
    int starting = 0;
    if (c.path("analysis").isObject()) {
      background = r.templateMetrics(c.path("analysis").path("templates"), "spec.strategy.canary.analysis.templates",
          c.path("analysis").path("dryRun"));
      starting = c.path("analysis").path("startingStep").asInt(0);
    }
    r.problems.check(replicas < 0, "spec.replicas", replicas, "must not be negative");
    r.problems.throwIfAny();
    return new ArgoCanary(replicas, steps, routed, surge, background, starting);
  }

  /** Reads {@code spec.strategy.blueGreen}; templates are looked up by name. */
  public static ArgoBlueGreen readBlueGreen(JsonNode spec, Function<String, Optional<List<ArgoMetric>>> templates) {
    ArgoReader r = new ArgoReader(templates);
    JsonNode b = spec.path("strategy").path("blueGreen");
    String p = "spec.strategy.blueGreen";
    List<ArgoMetric> pre = b.path("prePromotionAnalysis").isObject()
        ? r.templateMetrics(b.path("prePromotionAnalysis").path("templates"), p + ".prePromotionAnalysis.templates")
        : List.of();
    List<ArgoMetric> post = b.path("postPromotionAnalysis").isObject()
        ? r.templateMetrics(b.path("postPromotionAnalysis").path("templates"), p + ".postPromotionAnalysis.templates")
        : List.of();
    int autoSeconds = b.path("autoPromotionSeconds").asInt(0);
    r.problems.check(autoSeconds < 0, p + ".autoPromotionSeconds", autoSeconds, "must not be negative");
    ArgoBlueGreen out = new ArgoBlueGreen(spec.path("replicas").asInt(1), b.path("autoPromotionEnabled").asBoolean(true),
        Duration.ofSeconds(Math.max(0, autoSeconds)), pre, post,
        Duration.ofSeconds(b.path("abortScaleDownDelaySeconds").asInt(30)));
    r.problems.throwIfAny();
    return out;
  }

  private Step step(JsonNode n, String path, int replicas) {
    if (n.has("setWeight")) {
      int w = n.path("setWeight").asInt(-1);
      problems.check(w < 0 || w > 100, path + ".setWeight", n.path("setWeight").asText(), "must be between 0 and 100");
      return new Step.SetWeight(w);
    }
    if (n.has("pause")) {
      JsonNode d = n.path("pause").path("duration");
      if (d.isMissingNode() || d.isNull()) {
        return new Step.Pause(Optional.empty());
      }
      try {
        return new Step.Pause(Optional.of(GoDuration.parse(d.asText())));
      } catch (IllegalArgumentException e) {
        problems.add(path + ".pause.duration", d.asText(), "must be a duration such as 30s, 10m or 1h");
        return null;
      }
    }
    if (n.has("analysis")) {
      return new Step.Analysis(templateMetrics(n.path("analysis").path("templates"), path + ".analysis.templates",
          n.path("analysis").path("dryRun")));
    }
    if (n.has("setCanaryScale")) {
      JsonNode s = n.path("setCanaryScale");
      return new Step.SetCanaryScale(s.has("replicas") ? Optional.of(s.path("replicas").asInt()) : Optional.empty(),
          s.has("weight") ? Optional.of(s.path("weight").asInt()) : Optional.empty(),
          s.path("matchTrafficWeight").asBoolean(false));
    }
    for (String kind : new String[] {"setHeaderRoute", "setMirrorRoute"}) {
      if (n.has(kind)) {
        return new Step.ManagedRoute(kind, n.path(kind).path("name").asText(""));
      }
    }
    problems.add(path, n.toString(), "must be one of setWeight, pause, analysis, setCanaryScale, setHeaderRoute,"
        + " setMirrorRoute (experiment and plugin steps are not supported)");
    return null;
  }

  private List<ArgoMetric> templateMetrics(JsonNode refs, String path) {
    return templateMetrics(refs, path, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
  }

  /** The merged metrics of the referenced templates; those matching a {@code dryRun[].metricName} regex are dry-run. */
  private List<ArgoMetric> templateMetrics(JsonNode refs, String path, JsonNode dryRun) {
    List<java.util.regex.Pattern> dry = new ArrayList<>();
    for (int i = 0; i < dryRun.size(); i++) {
      String regex = dryRun.get(i).path("metricName").asText("");
      try {
        dry.add(java.util.regex.Pattern.compile(regex));
      } catch (java.util.regex.PatternSyntaxException e) {
        problems.add(path.replace(".templates", ".dryRun[" + i + "].metricName"), regex,
            "must be a regular expression");
      }
    }
    List<ArgoMetric> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < refs.size(); i++) {
      String name = refs.get(i).path("templateName").asText("");
      Optional<List<ArgoMetric>> metrics = templates.apply(name);
      if (metrics.isEmpty()) {
        problems.add(path + "[" + i + "].templateName", name, "must name a known AnalysisTemplate");
        continue;
      }
      for (ArgoMetric m : metrics.get()) {
        if (!names.add(m.name())) {
          problems.add(path + "[" + i + "]", name, "duplicate metric name " + m.name() + " across templates");
        }
        out.add(dry.stream().anyMatch(d -> d.matcher(m.name()).matches()) ? m.asDryRun() : m);
      }
    }
    return out;
  }

  private List<ArgoMetric> metrics(JsonNode ms, String path) {
    List<ArgoMetric> out = new ArrayList<>();
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String p = path + "[" + i + "]";
      Optional<Duration> interval = Optional.empty();
      if (m.hasNonNull("interval")) {
        try {
          interval = Optional.of(GoDuration.parse(m.path("interval").asText()));
        } catch (IllegalArgumentException e) {
          problems.add(p + ".interval", m.path("interval").asText(), "must be a duration");
        }
      }
      Duration delay = Duration.ZERO;
      if (m.hasNonNull("initialDelay")) {
        try {
          delay = GoDuration.parse(m.path("initialDelay").asText());
        } catch (IllegalArgumentException e) {
          problems.add(p + ".initialDelay", m.path("initialDelay").asText(), "must be a duration");
        }
      }
      String provider = m.path("provider").fieldNames().hasNext() ? m.path("provider").fieldNames().next() : "";
      int count = m.path("count").asInt(0);
      problems.check(count < 0, p + ".count", count, "must not be negative");
      out.add(new ArgoMetric(m.path("name").asText(""), m.path("successCondition").asText(""),
          m.path("failureCondition").asText(""), interval, count, m.path("failureLimit").asInt(0),
          m.path("inconclusiveLimit").asInt(0),
          m.path("consecutiveErrorLimit").asInt(ArgoMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT),
          m.path("consecutiveSuccessLimit").asInt(0), delay, provider, false));
    }
    return out;
  }

  private int surge(JsonNode n, int replicas, String path) {
    String v = n.isMissingNode() || n.isNull() ? "25%" : n.asText();
    if (v.endsWith("%")) {
      try {
        return (int) Math.ceil(replicas * Integer.parseInt(v.substring(0, v.length() - 1)) / 100.0);
      } catch (NumberFormatException e) {
        problems.add(path, v, "must be an integer or a percentage");
        return 0;
      }
    }
    if (!n.canConvertToInt()) {
      problems.add(path, v, "must be an integer or a percentage");
      return 0;
    }
    return n.intValue();
  }
}
