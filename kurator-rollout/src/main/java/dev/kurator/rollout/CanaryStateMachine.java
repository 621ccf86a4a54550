package dev.kurator.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flagger's per-cluster canary machine ({@code advanceCanary} in {@code pkg/controller/scheduler.go}) as a pure
 * function: {@code (spec, state, observations, clock) -> (next state, actions)}. One call is one analysis interval.
 * The machine reads the world only through {@link Observations} and changes it only through the returned actions.
 *
 * <p>Rules kept exactly as Flagger has them, including those that surprise: {@code maxWeight} is the promotion point,
 * not a cap; failed checks are cumulative and the rollback comes on the tick after the threshold-th failure; the first
 * traffic step runs pre-rollout hooks, not metrics; {@code status.canaryWeight} reads 0 in WaitingPromotion while the
 * router still splits traffic.
 */
public final class CanaryStateMachine {

  private static final Logger log = LoggerFactory.getLogger(CanaryStateMachine.class);

  private CanaryStateMachine() {}

  /**
   * Advances the canary by one tick.
   *
   * @param spec the canary as it is now (fields such as {@code skipAnalysis} may change between ticks)
   * @param state the state persisted after the previous tick
   * @param observations answers about the world for this tick
   * @param clock the time source for transition timestamps
   * @return the next state and the actions to apply
   * @throws IllegalTransitionException if the state is one this machine cannot advance from legally
   */
  public static Transition tick(CanarySpec spec, CanaryState state, Observations observations, Clock clock) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(observations, "observations");
    return new Tick(spec, state, observations, clock.instant()).run();
  }

  /**
   * Deletion of the canary. With {@code revertOnDeletion} the first call moves to {@code Terminating} and asks the
   * driver to revert the target; the next call moves to {@code Terminated}. Without it, nothing is reverted.
   */
  public static Transition terminate(CanarySpec spec, CanaryState state, Clock clock) {
    Instant now = clock.instant();
    if (!spec.revertOnDeletion()) {
      return new Transition(state, List.of());
    }
    if (state.phase() == CanaryPhase.TERMINATING) {
      return new Transition(state.moveTo(CanaryPhase.TERMINATED, 0, now), List.of());
    }
    return new Transition(state.moveTo(CanaryPhase.TERMINATING, 0, now).withRoutes(100, 0, false),
        List.of(new Action.RevertTarget(), new Action.SetRoutes(100, 0, false)));
  }

  /**
   * Rolls the canary back now, whatever its analysis says (the fleet layer's abort, or an operator's). In flight: routes
   * go back to the primary, the canary is scaled to zero, phase Failed. Already promoted ({@code Succeeded}): the
   * primary gets its previous template back, phase Failed. Otherwise nothing changes.
   */
  public static Transition abort(CanarySpec spec, CanaryState state, Clock clock) {
    Instant now = clock.instant();
    List<Action> actions = new ArrayList<>();
    switch (state.phase()) {
      case PROGRESSING, WAITING, WAITING_PROMOTION, PROMOTING, FINALISING -> {
        actions.add(new Action.SetRoutes(100, 0, false));
        actions.add(new Action.ScaleCanaryToZero());
      }
      case SUCCEEDED -> {
        actions.add(new Action.RestorePreviousPrimary());
        actions.add(new Action.SetRoutes(100, 0, false));
        actions.add(new Action.ScaleCanaryToZero());
      }
      default -> {
        return new Transition(state, actions);
      }
    }
    actions.add(new Action.RecordEvent(true, "Canary " + spec.name() + "." + spec.namespace() + " aborted"));
    actions.add(new Action.NotifyHooks(HookType.POST_ROLLOUT, CanaryPhase.FAILED));
    CanaryState failed = state.sync(CanaryPhase.FAILED, state.lastAppliedSpec(), now).withRoutes(100, 0, false);
    return new Transition(failed, actions);
  }

  /** One tick's working memory. */
  private static final class Tick {
    private final CanarySpec spec;
    private final Analysis analysis;
    private final Observations obs;
    private final Instant now;
    private final List<Action> actions = new ArrayList<>();
    private CanaryState st;

    Tick(CanarySpec spec, CanaryState state, Observations obs, Instant now) {
      this.spec = spec;
      this.analysis = spec.analysis();
      this.obs = obs;
      this.now = now;
      this.st = state;
    }

    Transition run() {
      advance();
      return new Transition(st, actions);
    }

    private void advance() {
      if (spec.suspend()) {
        log.debug("canary {}.{} is suspended, skipping", spec.name(), spec.namespace());
        return;
      }
      if (st.phase() == CanaryPhase.TERMINATING || st.phase() == CanaryPhase.TERMINATED) {
        return;
      }
      String hash = obs.targetHash();
      if (st.phase() == CanaryPhase.INITIALIZING) {
        initialize(hash);
        return;
      }
      CanaryPhase phase = st.phase();
      if (!phase.isActive() && !st.specChanged(hash)) {
        if (phase == CanaryPhase.FAILED) {
          st = st.withAppliedSpec(hash);
        }
        return;
      }
      if (!spec.skipAnalysis()) {
        Readiness primary = obs.primaryReadiness();
        if (primary == Readiness.NOT_READY) {
          return;
        }
        if (primary == Readiness.DEADLINE_EXCEEDED) {
          if (phase == CanaryPhase.PROMOTING || phase == CanaryPhase.FINALISING) {
            failPromotion();
          } else {
            rollback(hash);
          }
          return;
        }
      }
      if (phase != CanaryPhase.PROGRESSING && phase != CanaryPhase.WAITING_PROMOTION && phase != CanaryPhase.PROMOTING
          && phase != CanaryPhase.FINALISING) {
        if (!allPass(HookType.CONFIRM_ROLLOUT, phase)) {
          if (phase != CanaryPhase.WAITING) {
            event(false, "Halt advancement " + spec.name() + "." + spec.namespace() + " waiting for approval");
          }
          st = st.moveTo(CanaryPhase.WAITING, analysis.iterations(), now);
          return;
        }
        actions.add(new Action.ScaleCanaryUp());
        st = st.sync(CanaryPhase.PROGRESSING, hash, now);
        event(false, "New revision detected! Scaling up " + spec.targetRef().name() + "." + spec.namespace());
        return;
      }
      if ((phase == CanaryPhase.PROGRESSING || phase == CanaryPhase.WAITING_PROMOTION) && st.specChanged(hash)) {
        event(false, "New revision detected! Restarting analysis for " + spec.targetRef().name() + "."
            + spec.namespace());
        setRoutes(100, 0, false);
        st = st.sync(CanaryPhase.PROGRESSING, hash, now);
        return;
      }
      Readiness canary = obs.canaryReadiness();
      if (canary == Readiness.NOT_READY) {
        return;
      }
      if (canary == Readiness.DEADLINE_EXCEEDED) {
        event(true, "Canary " + spec.targetRef().name() + "." + spec.namespace() + " progress deadline exceeded");
        rollback(hash);
        return;
      }
      if (spec.skipAnalysis()) {
        setRoutes(100, 0, false);
        actions.add(new Action.PromoteCanary());
        actions.add(new Action.ScaleCanaryToZero());
        st = st.moveTo(CanaryPhase.SUCCEEDED, 0, now).withPromotedSpec();
        event(false, "Promotion completed! Canary analysis was skipped for " + spec.targetRef().name() + "."
            + spec.namespace());
        actions.add(new Action.NotifyHooks(HookType.POST_ROLLOUT, CanaryPhase.SUCCEEDED));
        return;
      }
      if (phase == CanaryPhase.PROGRESSING || phase == CanaryPhase.WAITING_PROMOTION) {
        for (Webhook hook : analysis.hooks(HookType.ROLLBACK)) {
          if (obs.callWebhook(hook, phase)) {
            event(true, "Rolling back " + spec.name() + "." + spec.namespace() + " manual webhook invoked");
            rollback(hash);
            return;
          }
        }
      }
      if (phase == CanaryPhase.PROMOTING) {
        promotionTrafficShift();
        return;
      }
      if (phase == CanaryPhase.FINALISING) {
        actions.add(new Action.ScaleCanaryToZero());
        st = st.moveTo(CanaryPhase.SUCCEEDED, 0, now).withPromotedSpec();
        event(false, "Promotion completed! Scaling down " + spec.targetRef().name() + "." + spec.namespace());
        actions.add(new Action.NotifyHooks(HookType.POST_ROLLOUT, CanaryPhase.SUCCEEDED));
        return;
      }
      if (st.failedChecks() >= analysis.effectiveThreshold()) {
        event(true, "Rolling back " + spec.name() + "." + spec.namespace() + " failed checks threshold reached "
            + st.failedChecks());
        rollback(hash);
        return;
      }
      int cw = st.canaryRoute();
      boolean mirrored = st.mirrored();
      if (cw == 0 && st.iterations() == 0 && !(analysis.mirror() && mirrored)) {
        if (!allPass(HookType.PRE_ROLLOUT, CanaryPhase.PROGRESSING)) {
          st = st.withFailedCheck();
          event(true, "Halt advancement " + spec.name() + "." + spec.namespace() + " pre-rollout check failed");
          return;
        }
      } else if (!runAnalysis()) {
        st = st.withFailedCheck();
        return;
      }
      boolean kubernetes = spec.isKubernetesProvider();
      boolean hasMatch = !kubernetes && !analysis.match().isEmpty();
      int iterations = kubernetes && analysis.iterations() < 1 ? 10 : analysis.iterations();
      if (hasMatch && iterations > 0) {
        runAb(iterations);
      } else if (iterations > 0) {
        runBlueGreen(iterations, kubernetes);
      } else if (analysis.nextStepWeight(cw) > 0) {
        if (!mirrored && phase != CanaryPhase.WAITING_PROMOTION) {
          if (!allPass(HookType.CONFIRM_TRAFFIC_INCREASE, phase)) {
            event(false, "Halt advancement " + spec.name() + "." + spec.namespace()
                + " waiting for traffic increase approval");
            return;
          }
        }
        runCanary(cw, st.primaryRoute(), mirrored);
      }
    }

    private void initialize(String hash) {
      actions.add(new Action.InitializePrimary());
      actions.add(new Action.ScaleCanaryToZero());
      setRoutes(100, 0, false);
      Readiness primary = obs.primaryReadiness();
      if (primary == Readiness.NOT_READY) {
        return;
      }
      if (primary == Readiness.DEADLINE_EXCEEDED) {
        event(true, "Primary " + spec.targetRef().primaryName() + "." + spec.namespace() + " not ready in time");
        st = st.sync(CanaryPhase.FAILED, hash, now);
        return;
      }
      st = st.moveTo(CanaryPhase.INITIALIZED, 0, now).withAppliedSpec(hash).withPromotedSpec();
      event(false, "Initialization done! " + spec.name() + "." + spec.namespace());
    }

    private boolean runAnalysis() {
      if (!allPass(HookType.ROLLOUT, CanaryPhase.PROGRESSING)) {
        event(true, "Halt advancement " + spec.name() + "." + spec.namespace() + " rollout hook failed");
        return false;
      }
      List<MetricCheck> ordered = new ArrayList<>();
      analysis.metrics().stream().filter(MetricCheck::isBuiltin).forEach(ordered::add);
      analysis.metrics().stream().filter(m -> !m.isBuiltin()).forEach(ordered::add);
      MetricSample sample = obs.sampleMetrics(ordered);
      if (ordered.isEmpty() && sample.failure().isPresent()) {
        event(true, "Halt advancement " + spec.name() + "." + spec.namespace() + " " + sample.failure().get());
        return false;
      }
      for (MetricCheck check : ordered) {
        var verdict = sample.verdict(check);
        if (verdict.isPresent()) {
          event(true, verdict.get());
          return false;
        }
      }
      return true;
    }

    private void runCanary(int cw, int pw, boolean mirrored) {
      if (cw < analysis.effectiveMaxWeight()) {
        if (analysis.mirror() && cw == 0) {
          if (!mirrored) {
            mirrored = true;
            pw = Analysis.TOTAL_WEIGHT;
            cw = 0;
          } else {
            mirrored = false;
            int step = analysis.nextStepWeight(cw);
            pw = Analysis.TOTAL_WEIGHT - step;
            cw = step;
          }
        } else {
          int step = analysis.nextStepWeight(cw);
          pw = Math.max(0, pw - step);
          cw = Math.min(Analysis.TOTAL_WEIGHT, cw + step);
        }
        setRoutes(pw, cw, mirrored);
        st = st.withCanaryWeight(cw);
        event(false, "Advance " + spec.name() + "." + spec.namespace() + " canary weight " + cw);
        return;
      }
      if (!confirmPromotion()) {
        return;
      }
      promote();
    }

    private void runAb(int iterations) {
      if (iterations > st.iterations()) {
        setRoutes(0, Analysis.TOTAL_WEIGHT, false);
        st = st.withIterations(st.iterations() + 1);
        event(false, "Advance " + spec.name() + "." + spec.namespace() + " canary iteration " + st.iterations() + "/"
            + iterations);
        return;
      }
      if (!confirmPromotion(iterations)) {
        return;
      }
      if (iterations == st.iterations()) {
        promote();
      }
    }

    private void runBlueGreen(int iterations, boolean kubernetes) {
      if (iterations > st.iterations()) {
        if (analysis.mirror() && !kubernetes) {
          setRoutes(Analysis.TOTAL_WEIGHT, 0, true);
        }
        st = st.withIterations(st.iterations() + 1);
        event(false, "Advance " + spec.name() + "." + spec.namespace() + " canary iteration " + st.iterations() + "/"
            + iterations);
        return;
      }
      if (!confirmPromotion(iterations)) {
        return;
      }
      if (iterations == st.iterations()) {
        if (!kubernetes) {
          event(false, "Routing all traffic to canary");
          setRoutes(0, Analysis.TOTAL_WEIGHT, false);
        }
        st = st.withIterations(st.iterations() + 1);
        return;
      }
      if (iterations < st.iterations()) {
        promote();
      }
    }

    private boolean confirmPromotion() {
      return confirmPromotion(analysis.iterations());
    }

    private boolean confirmPromotion(int iterations) {
      if (allPass(HookType.CONFIRM_PROMOTION, st.phase())) {
        return true;
      }
      if (st.phase() != CanaryPhase.WAITING_PROMOTION) {
        event(false, "Halt advancement " + spec.name() + "." + spec.namespace() + " waiting for promotion approval");
      }
      st = st.moveTo(CanaryPhase.WAITING_PROMOTION, iterations, now);
      return false;
    }

    private void promote() {
      event(false, "Copying " + spec.targetRef().name() + "." + spec.namespace() + " template spec to "
          + spec.targetRef().primaryName() + "." + spec.namespace());
      actions.add(new Action.PromoteCanary());
      st = st.moveTo(CanaryPhase.PROMOTING, 0, now);
    }

    private void promotionTrafficShift() {
      if (spec.isKubernetesProvider()) {
        st = st.moveTo(CanaryPhase.FINALISING, 0, now);
        return;
      }
      int swp = analysis.stepWeightPromotion();
      if (swp == 0) {
        event(false, "Routing all traffic to primary");
        setRoutes(Analysis.TOTAL_WEIGHT, 0, false);
        st = st.moveTo(CanaryPhase.FINALISING, 0, now);
      } else if (st.canaryRoute() > 0) {
        int pw = Math.min(Analysis.TOTAL_WEIGHT, st.primaryRoute() + swp);
        int cw = Math.max(0, st.canaryRoute() - swp);
        setRoutes(pw, cw, false);
        st = st.withCanaryWeight(cw);
        event(false, "Advance " + spec.name() + "." + spec.namespace() + " primary weight " + pw);
        if (pw == Analysis.TOTAL_WEIGHT) {
          st = st.moveTo(CanaryPhase.FINALISING, 0, now);
        }
      }
    }

    private void failPromotion() {
      event(true, "Promotion of " + spec.targetRef().primaryName() + "." + spec.namespace()
          + " failed; routing all traffic to the canary");
      setRoutes(0, Analysis.TOTAL_WEIGHT, false);
      st = st.moveTo(CanaryPhase.FAILED, 0, now).withCanaryWeight(Analysis.TOTAL_WEIGHT);
    }

    private void rollback(String hash) {
      setRoutes(Analysis.TOTAL_WEIGHT, 0, false);
      actions.add(new Action.ScaleCanaryToZero());
      st = st.sync(CanaryPhase.FAILED, hash, now);
      event(true, "Canary failed! Scaling down " + spec.targetRef().name() + "." + spec.namespace());
      actions.add(new Action.NotifyHooks(HookType.POST_ROLLOUT, CanaryPhase.FAILED));
    }

    private boolean allPass(HookType type, CanaryPhase payloadPhase) {
      for (Webhook hook : analysis.hooks(type)) {
        if (!obs.callWebhook(hook, payloadPhase)) {
          return false;
        }
      }
      return true;
    }

    private void setRoutes(int primary, int canary, boolean mirrored) {
      actions.add(new Action.SetRoutes(primary, canary, mirrored));
      st = st.withRoutes(primary, canary, mirrored);
    }

    private void event(boolean warning, String message) {
      actions.add(new Action.RecordEvent(warning, message));
    }
  }
}
