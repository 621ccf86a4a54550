package dev.kurator.rollout.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.Problems;
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
 * Renders Kurator's {@code RolloutConfig} ({@code Application.spec.syncPolicies[].rollout}) into a canary, as
 * Kurator's {@code renderCanary} does, rejecting what Kurator would dereference as nil or forbid.
 */
public final class KuratorRolloutReader {

  /** The loadtester Kurator's Flagger plugin installs in every member cluster. */
  static final String PUBLIC_LOADTESTER = "http://flagger-loadtester.flagger-system/";

  private KuratorRolloutReader() {}

  /**
   * Reads {@code rollout} found at {@code path}.
   *
   * @throws dev.kurator.core.ValidationException listing every problem with its field path
   */
  public static CanarySpec read(JsonNode rollout, String path) {
    Problems p = new Problems();
    JsonNode workload = rollout.path("workload");
    String name = workload.path("name").asText("");
    String namespace = workload.path("namespace").asText("default");
    p.check(!workload.isObject(), path + ".workload", null, "must be set");
    p.check(workload.isObject() && name.isBlank(), path + ".workload.name", name, "must be set");
    String kind = workload.path("kind").asText("Deployment");
    String serviceName = rollout.path("serviceName").asText("");
    p.check(serviceName.isBlank(), path + ".serviceName", serviceName, "must be set");
    int port = rollout.path("port").asInt(0);
    p.check(port <= 0 || port > 65535, path + ".port", rollout.path("port").asText(null),
        "must be a port between 1 and 65535");
    JsonNode policy = rollout.path("rolloutPolicy");
    p.check(!policy.isObject(), path + ".rolloutPolicy", null, "must be set");
    String pp = path + ".rolloutPolicy";
    JsonNode routing = policy.path("trafficRouting");
    JsonNode strategy = routing.path("canaryStrategy");
    int analysisTimes = routing.path("analysisTimes").asInt(0);
    p.check(analysisTimes < 0, pp + ".trafficRouting.analysisTimes", analysisTimes, "must not be negative");
    p.check(strategy.isObject() && analysisTimes > 0, pp + ".trafficRouting.analysisTimes", analysisTimes,
        "must not be set together with canaryStrategy");
    List<Integer> steps = new ArrayList<>();
    strategy.path("stepWeights").forEach(n -> steps.add(n.asInt()));
    int stepWeight = strategy.path("stepWeight").asInt(0);
    p.check(stepWeight > 0 && !steps.isEmpty(), pp + ".trafficRouting.canaryStrategy.stepWeights", steps.toString(),
        "must not be set together with stepWeight");
    List<Map<String, Object>> match = new ArrayList<>();
    for (JsonNode m : routing.path("match")) {
      Map<String, Object> entry = new LinkedHashMap<>();
      m.fields().forEachRemaining(f -> entry.put(f.getKey(), JsonTrees.plain(f.getValue())));
      match.add(entry);
    }
    JsonNode analysis = policy.path("trafficAnalysis");
    String ap = pp + ".trafficAnalysis";
    Integer interval = required(p, analysis, "checkIntervalSeconds", ap);
    Integer failed = required(p, analysis, "checkFailedTimes", ap);
    p.check(interval != null && interval <= 0, ap + ".checkIntervalSeconds", interval, "must be positive");
    p.check(failed != null && failed < 0, ap + ".checkFailedTimes", failed, "must not be negative");
    List<MetricCheck> metrics = new ArrayList<>();
    JsonNode ms = analysis.path("metrics");
    for (int i = 0; i < ms.size(); i++) {
      JsonNode m = ms.get(i);
      String mp = ap + ".metrics[" + i + "]";
      String metricName = m.path("name").asText("");
      p.check(metricName.isBlank(), mp + ".name", metricName, "must be set");
      Integer seconds = required(p, m, "intervalSeconds", mp);
      JsonNode range = m.path("thresholdRange");
      OptionalDouble min = range.hasNonNull("min") ? OptionalDouble.of(range.path("min").asDouble())
          : OptionalDouble.empty();
      OptionalDouble max = range.hasNonNull("max") ? OptionalDouble.of(range.path("max").asDouble())
          : OptionalDouble.empty();
      boolean builtin = MetricCheck.REQUEST_SUCCESS_RATE.equals(metricName)
          || MetricCheck.REQUEST_DURATION.equals(metricName);
      metrics.add(new MetricCheck(metricName, Duration.ofSeconds(seconds == null ? 60 : Math.max(1, seconds)), min,
          max, OptionalDouble.empty(), Optional.empty(),
          builtin ? Optional.empty() : Optional.of(namespace + "/" + metricName)));
    }
    List<Webhook> hooks = new ArrayList<>();
    JsonNode wh = analysis.path("webhooks");
    JsonNode commands = wh.path("command");
    if (commands.size() > 0) {
      Integer timeout = required(p, wh, "timeoutSeconds", ap + ".webhooks");
      String url = rollout.path("testLoader").asBoolean(false)
          ? "http://" + name + "-testloader." + namespace + "/" : PUBLIC_LOADTESTER;
      for (int i = 0; i < commands.size(); i++) {
        hooks.add(new Webhook("generated-testload-" + i, HookType.ROLLOUT, URI.create(url),
            Duration.ofSeconds(timeout == null || timeout <= 0 ? 60 : timeout), 0,
            Map.of("type", "cmd", "cmd", commands.get(i).asText())));
      }
    }
    p.throwIfAny();
    Analysis a = new Analysis(Duration.ofSeconds(interval), failed, strategy.path("maxWeight").asInt(0), stepWeight,
        steps, strategy.path("stepWeightPromotion").asInt(0), analysisTimes, false, 0, match, metrics, hooks);
    return new CanarySpec(name, namespace, new TargetRef(workload.path("apiVersion").asText("apps/v1"), kind, name),
        serviceName, port, rollout.path("trafficRoutingProvider").asText("istio"),
        policy.path("skipTrafficAnalysis").asBoolean(false), policy.path("suspend").asBoolean(false),
        policy.path("revertOnDeletion").asBoolean(false),
        policy.path("rolloutTimeoutSeconds").asInt(CanarySpec.DEFAULT_PROGRESS_DEADLINE_SECONDS), a);
  }

  private static Integer required(Problems p, JsonNode parent, String field, String path) {
    JsonNode n = parent.path(field);
    if (n.isMissingNode() || n.isNull()) {
      p.add(path + "." + field, null, "must be set (Kurator dereferences it without a default)");
      return null;
    }
    if (!n.canConvertToInt() || !n.isIntegralNumber()) {
      p.add(path + "." + field, n.asText(), "must be an integer");
      return null;
    }
    return n.intValue();
  }
}
