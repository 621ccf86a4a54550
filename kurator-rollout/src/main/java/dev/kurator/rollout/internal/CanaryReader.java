package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.kurator.core.Problems;
import dev.kurator.core.ValidationException;
import dev.kurator.rollout.Analysis;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.HookType;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.TargetRef;
import dev.kurator.rollout.Webhook;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads a Flagger {@code Canary} spec tree (or a Kurator {@code RolloutConfig}) into the model, collecting every
 * structural problem with its field path. Semantic rules are checked by {@link CanarySpec#validate()}.
 */
public final class CanaryReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Problems problems = new Problems();

  /** Reads a whole {@code Canary} object ({@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}). */
  public static CanarySpec readCanary(JsonNode root) {
    CanaryReader r = new CanaryReader();
    if (root == null || !root.isObject()) {
      throw ValidationException.of("", root == null ? null : root.toString(), "must be a Canary object");
    }
    String kind = root.path("kind").asText("");
    r.problems.check(!kind.equals("Canary"), "kind", kind, "must be Canary");
    String name = r.text(root.path("metadata"), "metadata.name", "name", null);
    String namespace = root.path("metadata").path("namespace").asText("default");
    CanarySpec spec = r.spec(name == null ? "" : name, namespace, root.path("spec"), "spec");
    r.problems.throwIfAny();
    return spec;
  }

  /** Reads only a {@code Canary.spec} tree under the given identity; the path prefix of problems is {@code spec}. */
  public static CanarySpec readSpec(String name, String namespace, JsonNode spec) {
    CanaryReader r = new CanaryReader();
    CanarySpec out = r.spec(name, namespace, spec, "spec");
    r.problems.throwIfAny();
    return out;
  }

  private CanarySpec spec(String name, String namespace, JsonNode spec, String path) {
    if (!spec.isObject()) {
      problems.add(path, spec.isMissingNode() ? null : spec.toString(), "must be an object");
      return null;
    }
    JsonNode target = spec.path("targetRef");
    String targetName = name;
    String targetKind = "Deployment";
    String targetApi = "apps/v1";
    if (!target.isMissingNode()) {
      targetName = text(target, path + ".targetRef.name", "name", name);
      targetKind = target.path("kind").asText("Deployment");
      targetApi = target.path("apiVersion").asText("apps/v1");
    }
    JsonNode svc = spec.path("service");
    String serviceName = svc.path("name").asText(targetName == null ? name : targetName);
    int port = integer(svc, path + ".service.port", "port", 80);
    String provider = spec.path("provider").asText("istio");
    boolean skip = bool(spec, path + ".skipAnalysis", "skipAnalysis");
    boolean suspend = bool(spec, path + ".suspend", "suspend");
    boolean revert = bool(spec, path + ".revertOnDeletion", "revertOnDeletion");
    int deadline = integer(spec, path + ".progressDeadlineSeconds", "progressDeadlineSeconds",
        CanarySpec.DEFAULT_PROGRESS_DEADLINE_SECONDS);
    JsonNode an = spec.path("analysis");
    if (an.isMissingNode()) {
      an = spec.path("canaryAnalysis");
    }
    Analysis analysis = analysis(an, path + ".analysis");
    if (analysis == null) {
      return null;
    }
    return new CanarySpec(name, namespace, new TargetRef(targetApi, targetKind, targetName == null ? "" : targetName),
        serviceName, port, provider, skip, suspend, revert, deadline, analysis);
  }

  private Analysis analysis(JsonNode an, String path) {
    if (!an.isObject()) {
      problems.add(path, an.isMissingNode() ? null : an.toString(), "must be an object");
      return null;
    }
    Duration interval = duration(an, path + ".interval", "interval", null);
    if (interval == null && !an.has("interval")) {
      problems.add(path + ".interval", null, "must be set");
      interval = Analysis.DEFAULT_INTERVAL;
    }
    List<Integer> steps = new ArrayList<>();
    JsonNode sw = an.path("stepWeights");
    if (!sw.isMissingNode() && !sw.isNull()) {
      if (!sw.isArray()) {
        problems.add(path + ".stepWeights", sw.toString(), "must be a list of integers");
      } else {
        for (int i = 0; i < sw.size(); i++) {
          JsonNode n = sw.get(i);
          if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            problems.add(path + ".stepWeights[" + i + "]", n.toString(), "must be an integer");
          } else {
            steps.add(n.intValue());
          }
        }
      }
    }
    List<Map<String, Object>> match = new ArrayList<>();
    JsonNode m = an.path("match");
    if (m.isArray()) {
      for (JsonNode entry : m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.convertValue(entry, LinkedHashMap.class);
        match.add(map);
      }
    } else if (!m.isMissingNode() && !m.isNull()) {
      problems.add(path + ".match", m.toString(), "must be a list");
    }
    List<MetricCheck> metrics = new ArrayList<>();
    JsonNode ms = an.path("metrics");
    for (int i = 0; i < ms.size(); i++) {
      MetricCheck mc = metric(ms.get(i), path + ".metrics[" + i + "]");
      if (mc != null) {
        metrics.add(mc);
      }
    }
    List<Webhook> hooks = new ArrayList<>();
    JsonNode ws = an.path("webhooks");
    for (int i = 0; i < ws.size(); i++) {
      Webhook h = webhook(ws.get(i), path + ".webhooks[" + i + "]");
      if (h != null) {
        hooks.add(h);
      }
    }
    return new Analysis(interval, integer(an, path + ".threshold", "threshold", 0),
        integer(an, path + ".maxWeight", "maxWeight", 0), integer(an, path + ".stepWeight", "stepWeight", 0), steps,
        integer(an, path + ".stepWeightPromotion", "stepWeightPromotion", 0),
        integer(an, path + ".iterations", "iterations", 0), bool(an, path + ".mirror", "mirror"),
        integer(an, path + ".mirrorWeight", "mirrorWeight", 0), match, metrics, hooks);
  }

  private MetricCheck metric(JsonNode n, String path) {
    String name = text(n, path + ".name", "name", null);
    Duration interval = duration(n, path + ".interval", "interval", MetricCheck.DEFAULT_INTERVAL);
    JsonNode range = n.path("thresholdRange");
    OptionalDouble min = number(range, path + ".thresholdRange.min", "min");
    OptionalDouble max = number(range, path + ".thresholdRange.max", "max");
    OptionalDouble threshold = number(n, path + ".threshold", "threshold");
    Optional<String> query = Optional.ofNullable(n.path("query").textValue());
    JsonNode ref = n.path("templateRef");
    Optional<String> template = Optional.empty();
    if (ref.isObject()) {
      String refName = text(ref, path + ".templateRef.name", "name", null);
      String ns = ref.path("namespace").asText("");
      template = Optional.ofNullable(refName).map(r -> ns.isEmpty() ? r : ns + "/" + r);
    }
    if (name == null || interval == null) {
      return null;
    }
    return new MetricCheck(name, interval, min, max, threshold, query, template);
  }

  private Webhook webhook(JsonNode n, String path) {
    String name = text(n, path + ".name", "name", null);
    HookType type;
    try {
      type = HookType.ofWireName(n.path("type").asText(""));
    } catch (IllegalArgumentException e) {
      problems.add(path + ".type", n.path("type").asText(), "must be one of confirm-rollout, pre-rollout, rollout,"
          + " confirm-traffic-increase, confirm-promotion, post-rollout, rollback, event");
      type = null;
    }
    String url = text(n, path + ".url", "url", null);
    URI uri = null;
    if (url != null) {
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        problems.add(path + ".url", url, "must be a URL");
      }
    }
    Duration timeout = Webhook.DEFAULT_TIMEOUT;
    String t = n.path("timeout").asText("");
    if (t.length() >= 2) {
      timeout = duration(n, path + ".timeout", "timeout", Webhook.DEFAULT_TIMEOUT);
    }
    int retries = integer(n, path + ".retries", "retries", 0);
    Map<String, String> meta = new LinkedHashMap<>();
    n.path("metadata").fields().forEachRemaining(e -> meta.put(e.getKey(), e.getValue().asText()));
    if (name == null || type == null || uri == null || timeout == null) {
      return null;
    }
    return new Webhook(name, type, uri, timeout, retries, meta);
  }

  private String text(JsonNode parent, String path, String field, String fallback) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      if (fallback == null) {
        problems.add(path, null, "must be set");
      }
      return fallback;
    }
    if (!n.isTextual()) {
      problems.add(path, n.toString(), "must be a string");
      return fallback;
    }
    return n.textValue();
  }

  private int integer(JsonNode parent, String path, String field, int fallback) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      problems.add(path, n.isTextual() ? n.textValue() : n.toString(), "must be an integer");
      return fallback;
    }
    return n.intValue();
  }

  private boolean bool(JsonNode parent, String path, String field) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return false;
    }
    if (n.getNodeType() != JsonNodeType.BOOLEAN) {
      problems.add(path, n.isTextual() ? n.textValue() : n.toString(), "must be true or false");
      return false;
    }
    return n.booleanValue();
  }

  private OptionalDouble number(JsonNode parent, String path, String field) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return OptionalDouble.empty();
    }
    if (!n.isNumber()) {
      problems.add(path, n.isTextual() ? n.textValue() : n.toString(), "must be a number");
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(n.doubleValue());
  }

  private Duration duration(JsonNode parent, String path, String field, Duration fallback) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return fallback;
    }
    try {
      return GoDuration.parse(n.asText());
    } catch (IllegalArgumentException e) {
      problems.add(path, n.asText(), "must be a duration such as 30s, 1m or 1h30m");
      return fallback;
    }
  }
}
