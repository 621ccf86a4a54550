package dev.kurator.rollout.argo;

import dev.kurator.rollout.Action;
import dev.kurator.rollout.argo.ArgoBlueGreenState.Milestone;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Argo Rollouts' blue-green sequence ({@code rollout/bluegreen.go}) as pure functions: preview up, pre-promotion
 * analysis, optional pause (manual or {@code autoPromotionSeconds}), switch of the active service, post-promotion
 * analysis, stable. A failed analysis aborts; after promotion the active service is switched back.
 */
public final class ArgoBlueGreenMachine {

  private ArgoBlueGreenMachine() {}

  /** One reconcile at {@code now}: at most one milestone further. */
  public static ArgoTransition<ArgoBlueGreenState> reconcile(ArgoBlueGreen spec, ArgoBlueGreenState s,
                                                             AnalysisRun.Provider provider, Instant now) {
    List<Action> actions = new ArrayList<>();
    switch (s.milestone()) {
      case STARTED -> {
        actions.add(new Action.ScaleCanaryUp());
        return at(Milestone.PREVIEW_READY, actions);
      }
      case PREVIEW_READY -> {
        if (!spec.prePromotionMetrics().isEmpty()) {
          return new ArgoTransition<>(new ArgoBlueGreenState(Milestone.PRE_PROMOTION_ANALYSIS, Optional.empty(),
              Optional.of(AnalysisRun.start(spec.prePromotionMetrics(), now))), actions);
        }
        return afterPrePromotion(spec, now, actions);
      }
      case PRE_PROMOTION_ANALYSIS -> {
        AnalysisRun run = s.run().orElseThrow().advance(provider, now);
        return switch (run.phase()) {
          case SUCCESSFUL -> afterPrePromotion(spec, now, actions);
          case FAILED, ERROR ->
              abort(spec, new ArgoBlueGreenState(s.milestone(), s.pauseStartedAt(), Optional.of(run)));
          case INCONCLUSIVE -> new ArgoTransition<>(new ArgoBlueGreenState(Milestone.PAUSED, Optional.of(now),
              Optional.of(run)), actions);
          default -> new ArgoTransition<>(new ArgoBlueGreenState(s.milestone(), s.pauseStartedAt(),
              Optional.of(run)), actions);
        };
      }
      case PAUSED -> {
        if (spec.autoPromotionEnabled() && !spec.autoPromotionSeconds().isZero()
            && !now.isBefore(s.pauseStartedAt().orElse(now).plus(spec.autoPromotionSeconds()))) {
          return promoteNow(actions);
        }
        return new ArgoTransition<>(s, actions);
      }
      case PROMOTED -> {
        if (!spec.postPromotionMetrics().isEmpty()) {
          return new ArgoTransition<>(new ArgoBlueGreenState(Milestone.POST_PROMOTION_ANALYSIS, Optional.empty(),
              Optional.of(AnalysisRun.start(spec.postPromotionMetrics(), now))), actions);
        }
        return at(Milestone.STABLE, actions);
      }
      case POST_PROMOTION_ANALYSIS -> {
        AnalysisRun run = s.run().orElseThrow().advance(provider, now);
        return switch (run.phase()) {
          case SUCCESSFUL -> at(Milestone.STABLE, actions);
          case FAILED, ERROR, INCONCLUSIVE ->
              abort(spec, new ArgoBlueGreenState(s.milestone(), s.pauseStartedAt(), Optional.of(run)));
          default -> new ArgoTransition<>(new ArgoBlueGreenState(s.milestone(), Optional.empty(), Optional.of(run)),
              actions);
        };
      }
      default -> {
        return new ArgoTransition<>(s, actions);
      }
    }
  }

  /** When the rollout next needs a reconcile without outside input, if ever. */
  public static Optional<Instant> nextWakeUp(ArgoBlueGreen spec, ArgoBlueGreenState s) {
    if (s.milestone() == Milestone.PAUSED) {
      if (spec.autoPromotionEnabled() && !spec.autoPromotionSeconds().isZero() && s.pauseStartedAt().isPresent()) {
        return Optional.of(s.pauseStartedAt().get().plus(spec.autoPromotionSeconds()));
      }
      return Optional.empty();
    }
    return s.run().flatMap(AnalysisRun::nextMeasurementAt);
  }

  /** {@code promote}: leaves the pause and switches the active service. */
  public static ArgoTransition<ArgoBlueGreenState> promote(ArgoBlueGreen spec, ArgoBlueGreenState s) {
    if (s.milestone() != Milestone.PAUSED) {
      return new ArgoTransition<>(s, List.of());
    }
    return promoteNow(new ArrayList<>());
  }

  /** {@code abort}: the active service stays on (or goes back to) the stable ReplicaSet; the preview scales down. */
  public static ArgoTransition<ArgoBlueGreenState> abort(ArgoBlueGreen spec, ArgoBlueGreenState s) {
    if (s.milestone() == Milestone.STABLE || s.milestone() == Milestone.ABORTED) {
      return new ArgoTransition<>(s, List.of());
    }
    List<Action> actions = new ArrayList<>();
    actions.add(new Action.SetRoutes(100, 0, false));
    actions.add(new Action.ScaleCanaryToZero());
    actions.add(new Action.RecordEvent(true, "RolloutAborted: Rollout aborted update"));
    return new ArgoTransition<>(new ArgoBlueGreenState(Milestone.ABORTED, Optional.empty(),
        s.run().map(AnalysisRun::terminate)), actions);
  }

  private static ArgoTransition<ArgoBlueGreenState> afterPrePromotion(ArgoBlueGreen spec, Instant now,
                                                                      List<Action> actions) {
    if (spec.pausesBeforePromotion()) {
      return new ArgoTransition<>(new ArgoBlueGreenState(Milestone.PAUSED, Optional.of(now), Optional.empty()),
          actions);
    }
    return promoteNow(actions);
  }

  private static ArgoTransition<ArgoBlueGreenState> promoteNow(List<Action> actions) {
    actions.add(new Action.SetRoutes(0, 100, false));
    actions.add(new Action.PromoteCanary());
    return at(Milestone.PROMOTED, actions);
  }

  private static ArgoTransition<ArgoBlueGreenState> at(Milestone m, List<Action> actions) {
    return new ArgoTransition<>(new ArgoBlueGreenState(m, Optional.empty(), Optional.empty()), actions);
  }
}
