package dev.kurator.rollout.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.KuratorException;
import dev.kurator.rollout.argo.AnalysisPhase;
import dev.kurator.rollout.argo.AnalysisRun;
import dev.kurator.rollout.argo.ArgoCanary;
import dev.kurator.rollout.argo.ArgoCanaryState;
import dev.kurator.rollout.argo.ArgoMetric;
import dev.kurator.rollout.argo.MeasurementPhase;
import dev.kurator.rollout.argo.MetricResult;
import dev.kurator.rollout.argo.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Writes an Argo canary's state (analysis runs included) as JSON and reads it back against its spec. */
public final class ArgoStateCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ArgoStateCodec() {}

  /** {@code s} as JSON text. */
  public static String encode(ArgoCanaryState s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("stepIndex", s.stepIndex());
    n.put("aborted", s.aborted());
    n.put("completed", s.completed());
    ArrayNode reasons = n.putArray("pauseReasons");
    s.pauseReasons().stream().sorted().forEach(reasons::add);
    s.pauseStartedAt().ifPresent(t -> n.put("pauseStartedAt", t.toString()));
    n.put("stepRunIndex", s.stepRunIndex());
    s.stepRun().ifPresent(r -> n.set("stepRun", run(r)));
    s.backgroundRun().ifPresent(r -> n.set("backgroundRun", run(r)));
    s.canaryScale().ifPresent(c -> n.put("canaryScale", c));
    return n.toString();
  }

  /**
   * Reads {@code text} written by {@link #encode} for {@code spec}.
   *
   * @throws KuratorException when the text is not a state of this spec
   */
  public static ArgoCanaryState decode(String text, ArgoCanary spec) {
    try {
      JsonNode n = JSON.readTree(text);
      Set<String> reasons = new HashSet<>();
      n.path("pauseReasons").forEach(r -> reasons.add(r.asText()));
      int runIndex = n.path("stepRunIndex").asInt(-1);
      Optional<AnalysisRun> stepRun = Optional.empty();
      if (n.has("stepRun") && runIndex >= 0 && runIndex < spec.steps().size()
          && spec.steps().get(runIndex) instanceof Step.Analysis a) {
        stepRun = Optional.of(run(n.path("stepRun"), a.metrics()));
      }
      Optional<AnalysisRun> background = n.has("backgroundRun")
          ? Optional.of(run(n.path("backgroundRun"), spec.backgroundMetrics())) : Optional.empty();
      return new ArgoCanaryState(n.path("stepIndex").asInt(), n.path("aborted").asBoolean(),
          n.path("completed").asBoolean(), reasons,
          n.has("pauseStartedAt") ? Optional.of(Instant.parse(n.path("pauseStartedAt").asText())) : Optional.empty(),
          stepRun, stepRun.isPresent() ? runIndex : -1, background,
          n.has("canaryScale") ? Optional.of(n.path("canaryScale").asInt()) : Optional.empty());
    } catch (JsonProcessingException | RuntimeException e) {
      throw new KuratorException("persisted Argo rollout state is unreadable: " + e.getMessage(), e);
    }
  }

  private static ObjectNode run(AnalysisRun r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("phase", r.phase().name());
    n.put("terminated", r.terminated());
    ArrayNode results = n.putArray("results");
    for (MetricResult m : r.results()) {
      ObjectNode o = results.addObject();
      o.put("name", m.name());
      o.put("phase", m.phase().name());
      o.put("count", m.count());
      o.put("successful", m.successful());
      o.put("failed", m.failed());
      o.put("inconclusive", m.inconclusive());
      o.put("error", m.error());
      o.put("consecutiveError", m.consecutiveError());
      o.put("consecutiveSuccess", m.consecutiveSuccess());
      ArrayNode ms = o.putArray("measurements");
      m.measurements().forEach(p -> ms.add(p.name()));
      m.nextMeasurementAt().ifPresent(t -> o.put("nextMeasurementAt", t.toString()));
    }
    return n;
  }

  private static AnalysisRun run(JsonNode n, List<ArgoMetric> metrics) {
    List<MetricResult> results = new ArrayList<>();
    for (JsonNode o : n.path("results")) {
      List<MeasurementPhase> ms = new ArrayList<>();
      o.path("measurements").forEach(p -> ms.add(MeasurementPhase.valueOf(p.asText())));
      results.add(new MetricResult(o.path("name").asText(), AnalysisPhase.valueOf(o.path("phase").asText()),
          o.path("count").asInt(), o.path("successful").asInt(), o.path("failed").asInt(),
          o.path("inconclusive").asInt(), o.path("error").asInt(), o.path("consecutiveError").asInt(),
          o.path("consecutiveSuccess").asInt(), ms,
          o.has("nextMeasurementAt") ? Optional.of(Instant.parse(o.path("nextMeasurementAt").asText()))
              : Optional.empty()));
    }
    if (results.size() != metrics.size()) {
      throw new IllegalStateException("the run has " + results.size() + " metrics, the spec " + metrics.size());
    }
    return new AnalysisRun(metrics, results, AnalysisPhase.valueOf(n.path("phase").asText()),
        n.path("terminated").asBoolean());
  }
}
