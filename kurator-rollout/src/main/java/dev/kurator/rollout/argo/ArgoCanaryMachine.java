package dev.kurator.rollout.argo;

import dev.kurator.rollout.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Argo Rollouts' canary step engine ({@code rollout/canary.go}, {@code rollout/pause.go}, {@code rollout/analysis.go})
 * as pure functions. {@link #reconcile} makes at most one step of progress; user actions ({@link #promote},
 * {@link #promoteFull}, {@link #abort}, {@link #retry}) are separate functions, as Argo's CLI patches are.
 */
public final class ArgoCanaryMachine {

  private ArgoCanaryMachine() {}

  /**
   * One reconcile at {@code now}: takes due measurements, completes at most one step, or waits.
   *
   * @param provider answers the measurements that are due
   */
  public static ArgoTransition<ArgoCanaryState> reconcile(ArgoCanary spec, ArgoCanaryState s,
                                                          AnalysisRun.Provider provider, Instant now) {
    List<Action> actions = new ArrayList<>();
    if (s.aborted() || s.completed()) {
      return new ArgoTransition<>(s, actions);
    }
    if (!spec.backgroundMetrics().isEmpty() && s.stepIndex() >= spec.backgroundStartingStep()) {
      AnalysisRun run = s.backgroundRun().orElseGet(() -> AnalysisRun.start(spec.backgroundMetrics(), now));
      run = run.advance(provider, now);
      s = s.withBackgroundRun(Optional.of(run));
      if (run.phase() == AnalysisPhase.FAILED || run.phase() == AnalysisPhase.ERROR) {
        return abort(spec, s);
      }
      if (run.phase() == AnalysisPhase.INCONCLUSIVE && !s.pauseReasons().contains(
          ArgoCanaryState.INCONCLUSIVE_ANALYSIS_RUN)) {
        return new ArgoTransition<>(s.withPause(ArgoCanaryState.INCONCLUSIVE_ANALYSIS_RUN, now), actions);
      }
    }
    if (s.stepIndex() >= spec.steps().size()) {
      Optional<AnalysisRun> bg = s.backgroundRun().map(AnalysisRun::terminate);
      s = s.withBackgroundRun(bg);
      if (bg.isPresent() && (bg.get().phase() == AnalysisPhase.FAILED || bg.get().phase() == AnalysisPhase.ERROR)) {
        return abort(spec, s);
      }
      actions.add(new Action.SetRoutes(0, 100, false));
      actions.add(new Action.PromoteCanary());
      actions.add(new Action.ScaleReplicas(spec.replicas(), 0));
      return new ArgoTransition<>(s.withCompleted(), actions);
    }
    Step step = spec.steps().get(s.stepIndex());
    if (!s.pauseReasons().isEmpty()) {
      if (step instanceof Step.Pause p && s.pauseReasons().equals(java.util.Set.of(ArgoCanaryState.CANARY_PAUSE_STEP))
          && p.duration().isPresent() && !now.isBefore(s.pauseStartedAt().orElse(now).plus(p.duration().get()))) {
        return next(spec, s, actions);
      }
      return new ArgoTransition<>(s, actions);
    }
    if (step instanceof Step.ManagedRoute) {
      return next(spec, s, actions);
    }
    if (step instanceof Step.SetWeight) {
      actions.addAll(weightActions(spec, s));
      return next(spec, s, actions);
    }
    if (step instanceof Step.SetCanaryScale c) {
      Optional<Integer> scale = c.matchTrafficWeight() ? Optional.empty()
          : c.replicas().isPresent() ? c.replicas()
          : c.weight().map(w -> ReplicaMath.routedCanaryReplicas(spec.replicas(), w));
      return next(spec, s.withCanaryScale(scale), actions);
    }
    if (step instanceof Step.Pause p) {
      if (p.duration().isPresent() && p.duration().get().isZero()) {
        return next(spec, s, actions);
      }
      return new ArgoTransition<>(s.withPause(ArgoCanaryState.CANARY_PAUSE_STEP, now), actions);
    }
    Step.Analysis a = (Step.Analysis) step;
    AnalysisRun run = s.currentStepRun().orElseGet(() -> AnalysisRun.start(a.metrics(), now)).advance(provider, now);
    s = s.withStepRun(Optional.of(run));
    return switch (run.phase()) {
      case SUCCESSFUL -> next(spec, s, actions);
      case FAILED, ERROR -> abort(spec, s);
      case INCONCLUSIVE -> new ArgoTransition<>(s.withPause(ArgoCanaryState.INCONCLUSIVE_ANALYSIS_RUN, now), actions);
      default -> new ArgoTransition<>(s, actions);
    };
  }

  /** When the rollout next needs a reconcile without outside input (pause end or due measurement), if ever. */
  public static Optional<Instant> nextWakeUp(ArgoCanary spec, ArgoCanaryState s) {
    if (s.aborted() || s.completed()) {
      return Optional.empty();
    }
    List<Instant> times = new ArrayList<>();
    s.currentStepRun().flatMap(AnalysisRun::nextMeasurementAt).ifPresent(times::add);
    s.backgroundRun().flatMap(AnalysisRun::nextMeasurementAt).ifPresent(times::add);
    if (s.stepIndex() < spec.steps().size() && spec.steps().get(s.stepIndex()) instanceof Step.Pause p
        && p.duration().isPresent() && s.pauseStartedAt().isPresent()
        && s.pauseReasons().equals(java.util.Set.of(ArgoCanaryState.CANARY_PAUSE_STEP))) {
      times.add(s.pauseStartedAt().get().plus(p.duration().get()));
    }
    return times.stream().min(Instant::compareTo);
  }

  /**
   * {@code kubectl argo rollouts promote}: clears pause conditions and moves past a pause or inconclusive step; with no
   * pause condition (e.g. a running analysis step) moves to the next step, terminating that step's run.
   */
  public static ArgoTransition<ArgoCanaryState> promote(ArgoCanary spec, ArgoCanaryState s) {
    if (s.aborted() || s.completed()) {
      return new ArgoTransition<>(s, List.of());
    }
    if (s.stepIndex() >= spec.steps().size()) {
      return new ArgoTransition<>(s.withIndex(s.stepIndex()), List.of());
    }
    Step step = spec.steps().get(s.stepIndex());
    boolean stepHolds = step instanceof Step.Pause || step instanceof Step.Analysis
        || s.pauseReasons().isEmpty();
    if (!stepHolds) {
      return new ArgoTransition<>(s.withIndex(s.stepIndex()), List.of());
    }
    ArgoCanaryState held =
        s.currentStepRun().isPresent() ? s.withStepRun(s.currentStepRun().map(AnalysisRun::terminate)) : s;
    return next(spec, held, new ArrayList<>());
  }

  /** {@code promote --full}: skips every remaining step, pause and analysis. */
  public static ArgoTransition<ArgoCanaryState> promoteFull(ArgoCanary spec, ArgoCanaryState s) {
    if (s.aborted() || s.completed()) {
      return new ArgoTransition<>(s, List.of());
    }
    ArgoCanaryState moved = s.withStepRun(s.stepRun().map(AnalysisRun::terminate))
        .withBackgroundRun(s.backgroundRun().map(AnalysisRun::terminate)).withIndex(spec.steps().size());
    return new ArgoTransition<>(moved, List.of());
  }

  /** {@code abort}: all traffic back to stable, step index 0, phase Degraded; the canary is scaled down. */
  public static ArgoTransition<ArgoCanaryState> abort(ArgoCanary spec, ArgoCanaryState s) {
    if (s.completed()) {
      return new ArgoTransition<>(s, List.of());
    }
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.SetRoutes(100, 0, false));
    actions.add(new Action.ScaleCanaryToZero());
    actions.add(new Action.RecordEvent(true, "RolloutAborted: Rollout aborted update"));
    return new ArgoTransition<>(s.withAborted(true), actions);
  }

  /** {@code retry}: clears the abort; all steps run again from index 0 with new runs. */
  public static ArgoTransition<ArgoCanaryState> retry(ArgoCanary spec, ArgoCanaryState s) {
    if (!s.aborted()) {
      return new ArgoTransition<>(s, List.of());
    }
    ArgoCanaryState reset = s.withAborted(false);
    return new ArgoTransition<>(reset, weightActions(spec, reset));
  }

  /** The canary traffic weight in state {@code s}: 0 when aborted. */
  public static int weight(ArgoCanary spec, ArgoCanaryState s) {
    return s.aborted() ? 0 : spec.weightAt(s.stepIndex());
  }

  private static ArgoTransition<ArgoCanaryState> next(ArgoCanary spec, ArgoCanaryState s, List<Action> actions) {
    return new ArgoTransition<>(s.withIndex(s.stepIndex() + 1), actions);
  }

  private static List<Action> weightActions(ArgoCanary spec, ArgoCanaryState s) {
    int w = weight(spec, s);
    if (spec.trafficRouted()) {
      int canary = s.canaryScale().orElse(ReplicaMath.routedCanaryReplicas(spec.replicas(), w));
      return List.of(new Action.ScaleReplicas(canary, spec.replicas()), new Action.SetRoutes(100 - w, w, false));
    }
    int[] r = ReplicaMath.approximate(spec.replicas(), w, spec.maxSurge());
    return List.of(new Action.ScaleReplicas(r[0], r[1]));
  }
}
