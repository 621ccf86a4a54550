package dev.kurator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CanaryStateMachineTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** A world where everything is ready and every hook and metric passes; the target is at {@code hash}. */
  private static final class World implements Observations {
    String hash = "rev-1";
    Readiness canary = Readiness.READY;
    int metricCalls;

    @Override
    public String targetHash() {
      return hash;
    }

    @Override
    public Readiness canaryReadiness() {
      return canary;
    }

    @Override
    public Readiness primaryReadiness() {
      return Readiness.READY;
    }

    @Override
    public boolean callWebhook(Webhook hook, CanaryPhase phase) {
      return true;
    }

    @Override
    public MetricSample sampleMetrics(List<MetricCheck> metrics) {
      metricCalls++;
      return MetricSample.empty();
    }
  }

  private static List<String> run(CanarySpec spec, CanaryState start, World world, int ticks) {
    List<String> out = new ArrayList<>();
    CanaryState s = start;
    for (int i = 0; i < ticks; i++) {
      s = CanaryStateMachine.tick(spec, s, world, CLOCK).state();
      out.add(s.phase() + "/" + s.canaryRoute());
    }
    return out;
  }

  @Test
  void initializesThenWaitsForARevision() {
    World w = new World();
    CanarySpec spec = CanarySpec.of("podinfo", "test", Analysis.canary(50, 50, 1));
    Transition t = CanaryStateMachine.tick(spec, CanaryState.initializing(T0), w, CLOCK);
    assertThat(t.state().phase()).isEqualTo(CanaryPhase.INITIALIZED);
    assertThat(t.state().lastPromotedSpec()).isEqualTo("rev-1");
    assertThat(t.actions()).startsWith(new Action.InitializePrimary(), new Action.ScaleCanaryToZero(),
        new Action.SetRoutes(100, 0, false));
    assertThat(run(spec, t.state(), w, 2)).containsExactly("Initialized/0", "Initialized/0");
  }

  @Test
  void theKubernetesProviderRunsTenBlueGreenIterationsWithoutRouting() {
    World w = new World();
    CanarySpec spec = new CanarySpec("podinfo", "test", TargetRef.deployment("podinfo"), "podinfo", 80, "kubernetes",
        false, false, false, 600, Analysis.canary(0, 0, 1));
    List<String> phases = run(spec, CanaryState.initialized("rev-0", T0), w, 15);
    assertThat(phases.get(12)).isEqualTo("Promoting/0");
    assertThat(phases.get(13)).isEqualTo("Finalising/0");
    assertThat(phases.get(14)).isEqualTo("Succeeded/0");
    assertThat(phases.subList(0, 12)).allMatch(p -> p.equals("Progressing/0"));
    assertThat(w.metricCalls).isEqualTo(11);
  }

  @Test
  void suspendFreezesEverything() {
    World w = new World();
    CanarySpec spec = CanarySpec.of("podinfo", "test", Analysis.canary(10, 50, 1));
    CanaryState s = CanaryState.initialized("rev-0", T0);
    s = CanaryStateMachine.tick(spec, s, w, CLOCK).state();
    s = CanaryStateMachine.tick(spec, s, w, CLOCK).state();
    Transition frozen = CanaryStateMachine.tick(spec.withSuspend(true), s, w, CLOCK);
    assertThat(frozen.state()).isEqualTo(s);
    assertThat(frozen.actions()).isEmpty();
    assertThat(CanaryStateMachine.tick(spec, s, w, CLOCK).state().canaryRoute()).isEqualTo(20);
  }

  @Test
  void aNewRevisionAfterAFailureStartsANewAnalysisButARevertToThePrimaryDoesNot() {
    World w = new World();
    CanarySpec spec = CanarySpec.of("podinfo", "test", Analysis.canary(10, 50, 1));
    CanaryState failed = CanaryStateMachine.abort(spec,
        CanaryStateMachine.tick(spec, CanaryState.initialized("rev-0", T0), w, CLOCK).state(), CLOCK).state();
    assertThat(failed.phase()).isEqualTo(CanaryPhase.FAILED);
    assertThat(run(spec, failed, w, 1)).containsExactly("Failed/0");
    w.hash = "rev-0";
    assertThat(run(spec, failed, w, 1)).as("manual rollback to the primary's spec").containsExactly("Failed/0");
    w.hash = "rev-2";
    assertThat(run(spec, failed, w, 2)).containsExactly("Progressing/0", "Progressing/10");
  }

  @Test
  void anUnreadyCanaryHaltsWithoutCountingAFailure() {
    World w = new World();
    CanarySpec spec = CanarySpec.of("podinfo", "test", Analysis.canary(10, 50, 1));
    CanaryState s = CanaryStateMachine.tick(spec, CanaryState.initialized("rev-0", T0), w, CLOCK).state();
    w.canary = Readiness.NOT_READY;
    Transition t = CanaryStateMachine.tick(spec, s, w, CLOCK);
    assertThat(t.state()).isEqualTo(s);
    assertThat(t.actions()).isEmpty();
  }

  @Test
  void terminationRevertsTheTargetWhenAsked() {
    CanarySpec spec = new CanarySpec("podinfo", "test", TargetRef.deployment("podinfo"), "podinfo", 80, "istio",
        false, false, true, 600, Analysis.canary(10, 50, 1));
    Transition t = CanaryStateMachine.terminate(spec, CanaryState.initialized("rev-0", T0), CLOCK);
    assertThat(t.state().phase()).isEqualTo(CanaryPhase.TERMINATING);
    assertThat(t.actions()).contains(new Action.RevertTarget());
    assertThat(CanaryStateMachine.terminate(spec, t.state(), CLOCK).state().phase())
        .isEqualTo(CanaryPhase.TERMINATED);
  }

  @Test
  void illegalMovesThrowATypedException() {
    CanaryState terminated = new CanaryState(CanaryPhase.TERMINATED, 0, 0, 0, 100, 0, false, "a", "a", T0);
    assertThatThrownBy(() -> terminated.moveTo(CanaryPhase.PROGRESSING, 0, T0))
        .isInstanceOf(IllegalTransitionException.class).hasMessage("illegal transition from Terminated to Progressing")
        .satisfies(e -> assertThat(((IllegalTransitionException) e).from()).isEqualTo("Terminated"));
    CanaryState initialized = CanaryState.initialized("a", T0);
    assertThatThrownBy(() -> initialized.moveTo(CanaryPhase.PROMOTING, 0, T0))
        .isInstanceOf(IllegalTransitionException.class);
  }

  @ParameterizedTest
  @EnumSource(CanaryPhase.class)
  void everyPhaseMayStayAndKnowsItsFlaggerName(CanaryPhase p) {
    assertThat(p.canMoveTo(p)).isTrue();
    assertThat(CanaryPhase.ofFlaggerName(p.flaggerName())).isEqualTo(p);
    assertThat(p.next()).doesNotContain(CanaryPhase.INITIALIZING);
  }
}
