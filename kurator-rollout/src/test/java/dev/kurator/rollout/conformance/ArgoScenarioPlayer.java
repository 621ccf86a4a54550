package dev.kurator.rollout.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.rollout.argo.AnalysisRun;
import dev.kurator.rollout.argo.ArgoBlueGreen;
import dev.kurator.rollout.argo.ArgoBlueGreenMachine;
import dev.kurator.rollout.argo.ArgoBlueGreenState;
import dev.kurator.rollout.argo.ArgoCanary;
import dev.kurator.rollout.argo.ArgoCanaryMachine;
import dev.kurator.rollout.argo.ArgoCanaryState;
import dev.kurator.rollout.argo.ArgoMetric;
import dev.kurator.rollout.argo.ArgoTransition;
import dev.kurator.rollout.argo.Measurement;
import dev.kurator.rollout.argo.MeasurementPhase;
import dev.kurator.rollout.argo.ReplicaMath;
import dev.kurator.rollout.argo.RolloutPhase;
import dev.kurator.rollout.internal.ArgoReader;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Plays an Argo Rollouts scenario: reconciles at the current time until the rollout is blocked, applies the user
 * action due at that point, else jumps the clock to the next wake-up (pause end or due measurement).
 */
final class ArgoScenarioPlayer {

  private static final int MAX_STEPS = 10_000;

  private final List<String> indices = new ArrayList<>();
  private final List<Double> weights = new ArrayList<>();
  private Optional<AnalysisRun> lastRun = Optional.empty();
  private String lastKey = "";

  void play(JsonNode scenario) {
    String strategy = scenario.path("strategy").asText();
    JsonNode config = scenario.path("config");
    JsonNode expected = scenario.path("expected");
    String finalPhase;
    switch (strategy) {
      case "argo-canary" -> finalPhase = playCanary(scenario, config);
      case "argo-bluegreen" -> finalPhase = playBlueGreen(scenario, config);
      case "argo-basic-canary-replicas" -> {
        playReplicaTable(config, expected);
        finalPhase = "Succeeded";
      }
      default -> throw new Unsupported("argo strategy " + strategy);
    }
    List<String> wantIdx = new ArrayList<>();
    expected.path("stepIndices").forEach(n -> wantIdx.add(n.asText()));
    List<Double> wantW = new ArrayList<>();
    expected.path("weights").forEach(n -> wantW.add(n.doubleValue()));
    int n = Math.max(Math.max(wantIdx.size(), wantW.size()), indices.size());
    for (int i = 0; i < n; i++) {
      String wi = i < wantIdx.size() ? wantIdx.get(i) : null;
      String gi = i < indices.size() ? indices.get(i) : null;
      if (!wantIdx.isEmpty() && !java.util.Objects.equals(wi, gi)) {
        throw new Mismatch("tick " + (i + 1) + ": stepIndex expected " + wi + " got " + gi);
      }
      Double ww = i < wantW.size() ? wantW.get(i) : null;
      Double gw = i < weights.size() ? weights.get(i) : null;
      if (ww == null || gw == null ? ww != gw : Math.abs(ww - gw) > 0.051) {
        throw new Mismatch("tick " + (i + 1) + ": weight expected " + ww + " got " + gw);
      }
    }
    if (!expected.path("finalPhase").asText().equals(finalPhase)) {
      throw new Mismatch("tick " + indices.size() + ": finalPhase expected " + expected.path("finalPhase").asText()
          + " got " + finalPhase);
    }
    if (expected.path("ticksToFinish").isInt() && expected.path("ticksToFinish").intValue() != indices.size()) {
      throw new Mismatch("ticksToFinish: expected " + expected.path("ticksToFinish").intValue() + " got "
          + indices.size());
    }
    if (expected.has("analysisRunPhase")) {
      String got = lastRun.map(r -> r.phase().argoName()).orElse("none");
      if (!expected.path("analysisRunPhase").asText().equals(got)) {
        throw new Mismatch("analysisRunPhase: expected " + expected.path("analysisRunPhase").asText() + " got " + got);
      }
    }
    if (expected.has("measurementsTaken")) {
      int got = lastRun.map(AnalysisRun::measurementsTaken).orElse(0);
      if (expected.path("measurementsTaken").intValue() != got) {
        throw new Mismatch("measurementsTaken: expected " + expected.path("measurementsTaken").intValue() + " got "
            + got);
      }
    }
    if (expected.has("measurementPhases")) {
      List<String> want = new ArrayList<>();
      expected.path("measurementPhases").forEach(p -> want.add(p.asText()));
      List<String> got = lastRun.map(r -> r.results().get(0).measurements()).orElse(List.of()).stream()
          .map(ArgoScenarioPlayer::phaseName).toList();
      if (!want.equals(got)) {
        throw new Mismatch("measurementPhases: expected " + want + " got " + got);
      }
    }
  }

  private static String phaseName(MeasurementPhase p) {
    String s = p.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private String playCanary(JsonNode scenario, JsonNode config) {
    for (JsonNode step : config.path("strategy").path("canary").path("steps")) {
      for (String kind : new String[] {"experiment", "plugin"}) {
        if (step.has(kind)) {
          throw new Unsupported(kind + " steps are not implemented");
        }
      }
    }
    ArgoCanary spec = ArgoReader.readCanary(config, templates(config));
    Provider provider = new Provider(scenario.path("metricSeries"));
    List<JsonNode> events = new ArrayList<>();
    scenario.path("events").forEach(events::add);
    Map<Integer, Integer> arrivals = new HashMap<>();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ArgoCanaryState s = ArgoCanaryState.start();
    recordCanary(spec, s, arrivals);
    for (int guard = 0; guard < MAX_STEPS; guard++) {
      ArgoCanaryState next = ArgoCanaryMachine.reconcile(spec, s, provider, now).state();
      if (!next.equals(s)) {
        s = next;
        recordCanary(spec, s, arrivals);
        continue;
      }
      ArgoCanaryState acted = act(spec, s, events, arrivals);
      if (acted != null) {
        s = acted;
        recordCanary(spec, s, arrivals);
        continue;
      }
      Optional<Instant> wake = ArgoCanaryMachine.nextWakeUp(spec, s);
      if (wake.isEmpty()) {
        break;
      }
      now = wake.get().isAfter(now) ? wake.get() : now.plusSeconds(1);
    }
    return finalPhase(s.phase());
  }

  private ArgoCanaryState act(ArgoCanary spec, ArgoCanaryState s, List<JsonNode> events,
                              Map<Integer, Integer> arrivals) {
    for (int i = 0; i < events.size(); i++) {
      JsonNode e = events.get(i);
      boolean due;
      if (e.path("afterAbort").asBoolean(false)) {
        due = s.aborted();
      } else if (e.has("atStepIndex")) {
        int at = e.path("atStepIndex").asInt();
        due = !s.aborted() && s.stepIndex() == at
            && arrivals.getOrDefault(at, 0) == e.path("occurrence").asInt(1);
        String when = e.path("when").asText("");
        if (due && when.startsWith("after ") && when.endsWith(" measurements")) {
          int n = Integer.parseInt(when.substring(6, when.length() - 13).trim());
          due = s.currentStepRun().map(AnalysisRun::measurementsTaken).orElse(0) >= n;
        }
      } else {
        throw new Unsupported("event " + e);
      }
      if (!due) {
        continue;
      }
      events.remove(i);
      ArgoTransition<ArgoCanaryState> t = switch (e.path("action").asText()) {
        case "promote" -> ArgoCanaryMachine.promote(spec, s);
        case "promoteFull" -> ArgoCanaryMachine.promoteFull(spec, s);
        case "abort" -> ArgoCanaryMachine.abort(spec, s);
        case "retry" -> ArgoCanaryMachine.retry(spec, s);
        default -> throw new Unsupported("action " + e.path("action").asText());
      };
      return t.state();
    }
    return null;
  }

  private void recordCanary(ArgoCanary spec, ArgoCanaryState s, Map<Integer, Integer> arrivals) {
    s.stepRun().ifPresent(r -> lastRun = Optional.of(r));
    s.backgroundRun().ifPresent(r -> lastRun = Optional.of(r));
    String idx = Integer.toString(s.stepIndex());
    double w = ArgoCanaryMachine.weight(spec, s);
    String key = idx + "/" + w + "/" + s.aborted();
    if (key.equals(lastKey)) {
      return;
    }
    lastKey = key;
    indices.add(idx);
    weights.add(w);
    if (!s.aborted()) {
      arrivals.merge(s.stepIndex(), 1, Integer::sum);
    }
  }

  private String playBlueGreen(JsonNode scenario, JsonNode config) {
    ArgoBlueGreen spec = ArgoReader.readBlueGreen(config, templates(config));
    Provider provider = new Provider(scenario.path("metricSeries"));
    List<JsonNode> events = new ArrayList<>();
    scenario.path("events").forEach(events::add);
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    ArgoBlueGreenState s = ArgoBlueGreenState.start();
    for (int guard = 0; guard < MAX_STEPS; guard++) {
      ArgoBlueGreenState next = ArgoBlueGreenMachine.reconcile(spec, s, provider, now).state();
      if (!next.equals(s)) {
        s = next;
        recordBlueGreen(s);
        continue;
      }
      ArgoBlueGreenState acted = null;
      for (int i = 0; i < events.size(); i++) {
        JsonNode e = events.get(i);
        if (!e.has("atMilestone")) {
          throw new Unsupported("event " + e);
        }
        if (e.path("atMilestone").asText().equals(s.milestone().argoName())) {
          events.remove(i);
          acted = switch (e.path("action").asText()) {
            case "promote" -> ArgoBlueGreenMachine.promote(spec, s).state();
            case "abort" -> ArgoBlueGreenMachine.abort(spec, s).state();
            default -> throw new Unsupported("action " + e.path("action").asText());
          };
          break;
        }
      }
      if (acted != null) {
        s = acted;
        recordBlueGreen(s);
        continue;
      }
      Optional<Instant> wake = ArgoBlueGreenMachine.nextWakeUp(spec, s);
      if (wake.isEmpty()) {
        break;
      }
      now = wake.get().isAfter(now) ? wake.get() : now.plusSeconds(1);
    }
    return finalPhase(s.phase());
  }

  private void recordBlueGreen(ArgoBlueGreenState s) {
    s.run().ifPresent(r -> lastRun = Optional.of(r));
    String m = s.milestone().argoName();
    if (!indices.isEmpty() && indices.get(indices.size() - 1).equals(m)) {
      return;
    }
    indices.add(m);
    weights.add((double) s.milestone().activeWeight());
  }

  private void playReplicaTable(JsonNode config, JsonNode expected) {
    JsonNode cases = config.path("cases");
    for (int i = 0; i < cases.size(); i++) {
      JsonNode c = cases.get(i);
      int[] r = ReplicaMath.approximate(c.path("replicas").asInt(), c.path("setWeight").asInt(),
          c.path("maxSurge").asInt());
      JsonNode want = c.has("expect") ? c.path("expect") : expected.path("replicaCases").path(i);
      if (want.size() == 2 && (want.get(0).asInt() != r[0] || want.get(1).asInt() != r[1])) {
        throw new Mismatch("tick " + (i + 1) + ": replicas expected " + want + " got [" + r[0] + ", " + r[1] + "]");
      }
      indices.add(Integer.toString(i));
      weights.add(Math.round(1000.0 * r[0] / (r[0] + r[1])) / 10.0);
    }
  }

  private static String finalPhase(RolloutPhase p) {
    return switch (p) {
      case HEALTHY -> "Succeeded";
      case DEGRADED -> "Failed";
      case PAUSED -> "Paused";
      case PROGRESSING -> "Progressing";
    };
  }

  /**
   * Templates by name; a scenario naming a template it does not define uses its only template, or, with none, a
   * metric whose series holds measurement phases ({@code Successful}, {@code Failed}, ...).
   */
  private static Function<String, Optional<List<ArgoMetric>>> templates(JsonNode config) {
    JsonNode defined = config.path("analysisTemplates");
    Function<String, Optional<List<ArgoMetric>>> strict = ArgoReader.templatesOf(defined);
    return name -> {
      Optional<List<ArgoMetric>> found = strict.apply(name);
      if (found.isPresent()) {
        return found;
      }
      if (defined.size() == 1) {
        return strict.apply(defined.fieldNames().next());
      }
      return Optional.of(List.of(new ArgoMetric(name, "result[0] == 1", "result[0] == 0", Optional.empty(), 0, 0, 0,
          ArgoMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, java.time.Duration.ZERO, "job", false)));
    };
  }

  /** Measurement queues: one list for a single-metric run, or one list per metric name. */
  private static final class Provider implements AnalysisRun.Provider {
    private final Map<String, Deque<JsonNode>> perMetric = new HashMap<>();
    private final Deque<JsonNode> shared = new ArrayDeque<>();
    private final Map<String, JsonNode> last = new HashMap<>();

    Provider(JsonNode series) {
      if (series.isObject()) {
        series.fields().forEachRemaining(f -> {
          Deque<JsonNode> q = new ArrayDeque<>();
          f.getValue().forEach(q::add);
          perMetric.put(f.getKey(), q);
        });
      } else {
        series.forEach(shared::add);
      }
    }

    @Override
    public Measurement measure(ArgoMetric metric) {
      Deque<JsonNode> q = perMetric.getOrDefault(metric.name(), shared);
      JsonNode v = q.isEmpty() ? last.get(metric.name()) : q.poll();
      last.put(metric.name(), v);
      if (v == null) {
        return Measurement.of(1.0);
      }
      if (v.isNumber()) {
        return Measurement.of(v.doubleValue());
      }
      return switch (v.asText()) {
        case "NaN" -> Measurement.of(Double.NaN);
        case "ERROR", "Error" -> Measurement.error("provider error");
        case "Successful" -> Measurement.of(1);
        case "Failed" -> Measurement.of(0);
        case "Inconclusive" -> Measurement.of(0.5);
        default -> throw new Unsupported("measurement " + v);
      };
    }
  }

}
