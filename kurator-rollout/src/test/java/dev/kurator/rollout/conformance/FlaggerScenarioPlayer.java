package dev.kurator.rollout.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.CanaryState;
import dev.kurator.rollout.CanaryStateMachine;
import dev.kurator.rollout.HookType;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricSample;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.Observations;
import dev.kurator.rollout.Readiness;
import dev.kurator.rollout.Transition;
import dev.kurator.rollout.Webhook;
import dev.kurator.rollout.internal.CanaryReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Plays a Flagger scenario tick by tick through {@link CanaryStateMachine} and compares each tick. */
final class FlaggerScenarioPlayer {

  private static final Set<String> STRATEGIES =
      Set.of("canary", "canary-mirror", "ab-testing", "blue-green", "blue-green-mirror");

  void play(JsonNode scenario) {
    String strategy = scenario.path("strategy").asText();
    if (!STRATEGIES.contains(strategy)) {
      throw new Unsupported("flagger strategy " + strategy);
    }
    CanarySpec spec = CanaryReader.readSpec("podinfo", "test", scenario.path("config"));
    JsonNode expected = scenario.path("expected");
    int ticks = expected.path("weights").size();
    if (!expected.path("ticksToFinish").isNull() && expected.path("ticksToFinish").isInt()) {
      ticks = Math.max(ticks, expected.path("ticksToFinish").intValue());
    }
    FakeWorld world = new FakeWorld(scenario);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    CanaryState state = CanaryState.initialized("rev-0", t0);
    List<Integer> weights = new ArrayList<>();
    List<Integer> statusWeights = new ArrayList<>();
    List<String> phases = new ArrayList<>();
    List<Integer> failedChecks = new ArrayList<>();
    List<Integer> iterations = new ArrayList<>();
    List<Boolean> mirrored = new ArrayList<>();
    List<Integer> analysisTicks = new ArrayList<>();
    for (int tick = 1; tick <= ticks; tick++) {
      spec = world.applyEvents(tick, spec);
      Clock clock = Clock.fixed(t0.plus(spec.analysis().effectiveInterval().multipliedBy(tick)), ZoneOffset.UTC);
      world.startTick(tick);
      Transition t = CanaryStateMachine.tick(spec, state, world, clock);
      state = t.state();
      for (var action : t.actions()) {
        if (action instanceof dev.kurator.rollout.Action.NotifyHooks n && n.type() == HookType.POST_ROLLOUT) {
          spec.analysis().hooks(n.type()).forEach(h -> world.callWebhook(h, n.phase()));
        }
      }
      weights.add(state.canaryRoute());
      statusWeights.add(state.canaryWeight());
      phases.add(state.phase().flaggerName());
      failedChecks.add(state.failedChecks());
      iterations.add(state.iterations());
      mirrored.add(state.mirrored());
      if (world.analysed) {
        analysisTicks.add(tick);
      }
    }
    compareSeries("weights", expected.path("weights"), weights);
    compareSeries("statusWeights", expected.path("statusWeights"), statusWeights);
    compareSeries("phases", expected.path("phases"), phases);
    compareSeries("failedChecks", expected.path("failedChecks"), failedChecks);
    compareSeries("iterations", expected.path("iterations"), iterations);
    compareSeries("mirrored", expected.path("mirrored"), mirrored);
    if (expected.has("analysisTicks")) {
      List<Integer> want = new ArrayList<>();
      expected.path("analysisTicks").forEach(n -> want.add(n.intValue()));
      if (!want.equals(analysisTicks)) {
        throw new Mismatch("analysisTicks: expected " + want + " got " + analysisTicks);
      }
    }
    if (expected.has("webhookCalls")) {
      List<String> want = new ArrayList<>();
      expected.path("webhookCalls").forEach(n -> want.add(
          n.path("tick").asInt() + ":" + HookType.ofWireName(n.path("type").asText()) + ":" + n.path("ok").asBoolean()));
      if (!want.equals(world.calls)) {
        int i = 0;
        while (i < want.size() && i < world.calls.size() && want.get(i).equals(world.calls.get(i))) {
          i++;
        }
        throw new Mismatch("webhookCalls[" + i + "]: expected " + (i < want.size() ? want.get(i) : "none") + " got "
            + (i < world.calls.size() ? world.calls.get(i) : "none"));
      }
    }
    String finalPhase = expected.path("finalPhase").asText();
    if (!phases.get(phases.size() - 1).equals(finalPhase)) {
      throw new Mismatch("tick " + phases.size() + ": finalPhase expected " + finalPhase + " got "
          + phases.get(phases.size() - 1));
    }
    JsonNode ttf = expected.path("ticksToFinish");
    if (ttf.isInt()) {
      int at = ttf.intValue();
      String there = at >= 1 && at <= phases.size() ? phases.get(at - 1) : "none";
      String before = at >= 2 && at - 1 <= phases.size() ? phases.get(at - 2) : "";
      if (!there.equals(finalPhase) || before.equals(finalPhase)) {
        throw new Mismatch("ticksToFinish: expected " + finalPhase + " first at tick " + at + " got " + phases);
      }
    }
  }

  private static void compareSeries(String name, JsonNode want, List<?> got) {
    if (want.isMissingNode() || want.isNull()) {
      return;
    }
    for (int i = 0; i < want.size(); i++) {
      Object w = want.get(i).isBoolean() ? want.get(i).booleanValue()
          : want.get(i).isNumber() ? want.get(i).intValue() : want.get(i).asText();
      Object g = i < got.size() ? got.get(i) : null;
      if (!Objects.equals(w, g)) {
        throw new Mismatch("tick " + (i + 1) + ": " + name + " expected " + w + " got " + g);
      }
    }
  }

  /** Scripted answers: webhook status queues, a metric queue, readiness and revision events. */
  private static final class FakeWorld implements Observations {
    private final Map<HookType, Deque<Integer>> hookCodes = new EnumMap<>(HookType.class);
    private final Map<HookType, Integer> lastCode = new EnumMap<>(HookType.class);
    private final Deque<JsonNode> metricQueue = new ArrayDeque<>();
    private final JsonNode events;
    private JsonNode lastMetric;
    private int revision = 1;
    private Readiness canary = Readiness.READY;
    private Readiness primary = Readiness.READY;
    private int tick;
    boolean analysed;
    final List<String> calls = new ArrayList<>();

    FakeWorld(JsonNode scenario) {
      for (JsonNode q : scenario.path("webhookResults")) {
        HookType type = HookType.ofWireName(q.path("type").asText(""));
        Deque<Integer> codes = hookCodes.computeIfAbsent(type, k -> new ArrayDeque<>());
        q.path("results").forEach(c -> codes.add(c.intValue()));
      }
      scenario.path("metricSeries").forEach(metricQueue::add);
      events = scenario.path("events");
    }

    CanarySpec applyEvents(int at, CanarySpec spec) {
      CanarySpec out = spec;
      for (JsonNode e : events) {
        if (e.path("tick").asInt(-1) != at) {
          continue;
        }
        boolean known = false;
        if ("newRevision".equals(e.path("action").asText())) {
          revision++;
          known = true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = e.path("set").fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> f = it.next();
          known = true;
          switch (f.getKey()) {
            case "skipAnalysis" -> out = out.withSkipAnalysis(f.getValue().asBoolean());
            case "suspend" -> out = out.withSuspend(f.getValue().asBoolean());
            default -> throw new Unsupported("event sets " + f.getKey());
          }
        }
        if (e.has("canaryReady")) {
          canary = readiness(e.path("canaryReady").asText());
          known = true;
        }
        if (e.has("primaryReady")) {
          primary = readiness(e.path("primaryReady").asText());
          known = true;
        }
        if (!known) {
          throw new Unsupported("event " + e);
        }
      }
      return out;
    }

    private static Readiness readiness(String s) {
      return switch (s) {
        case "ready" -> Readiness.READY;
        case "notReady" -> Readiness.NOT_READY;
        case "deadlineExceeded" -> Readiness.DEADLINE_EXCEEDED;
        default -> throw new Unsupported("readiness " + s);
      };
    }

    void startTick(int at) {
      tick = at;
      analysed = false;
    }

    @Override
    public String targetHash() {
      return "rev-" + revision;
    }

    @Override
    public Readiness canaryReadiness() {
      return canary;
    }

    @Override
    public Readiness primaryReadiness() {
      return primary;
    }

    @Override
    public boolean callWebhook(Webhook hook, CanaryPhase phase) {
      if (hook.type() == HookType.ROLLOUT) {
        analysed = true;
      }
      Deque<Integer> q = hookCodes.get(hook.type());
      int code = 200;
      if (q != null && !q.isEmpty()) {
        code = q.poll();
        lastCode.put(hook.type(), code);
      } else if (lastCode.containsKey(hook.type())) {
        code = lastCode.get(hook.type());
      }
      boolean ok = code >= 200 && code <= 202;
      calls.add(tick + ":" + hook.type() + ":" + ok);
      return ok;
    }

    @Override
    public MetricSample sampleMetrics(List<MetricCheck> metrics) {
      analysed = true;
      JsonNode entry = metricQueue.isEmpty() ? lastMetric : metricQueue.poll();
      lastMetric = entry;
      if (entry == null || entry.isNull()) {
        return MetricSample.empty();
      }
      if (entry.isBoolean()) {
        return entry.booleanValue() ? MetricSample.empty() : MetricSample.failed("check failed");
      }
      Map<String, MetricValue> values = new HashMap<>();
      entry.fields().forEachRemaining(f -> values.put(f.getKey(),
          f.getValue().isNumber() ? MetricValue.of(f.getValue().doubleValue()) : MetricValue.noValues()));
      return MetricSample.of(values);
    }
  }

}
