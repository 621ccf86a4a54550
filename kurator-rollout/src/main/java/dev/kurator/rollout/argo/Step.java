package dev.kurator.rollout.argo;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One step of an Argo canary ({@code spec.strategy.canary.steps[]}). */
public sealed interface Step {

  /** {@code setWeight: N}: route N percent to the canary. */
  record SetWeight(int weight) implements Step {}

  /** {@code pause: {duration}}; an empty duration pauses until promoted. */
  record Pause(Optional<Duration> duration) implements Step {
    public Pause {
      Objects.requireNonNull(duration, "duration");
    }
  }

  /** {@code analysis: {templates}}: an inline AnalysisRun over the merged metrics; the step ends when it succeeds. */
  record Analysis(List<ArgoMetric> metrics) implements Step {
    public Analysis {
      metrics = List.copyOf(metrics);
    }
  }

  /** {@code setHeaderRoute} or {@code setMirrorRoute}: applied by the router, completes at once. */
  record ManagedRoute(String kind, String name) implements Step {
    public ManagedRoute {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
    }
  }

  /**
   * {@code setCanaryScale}: exactly {@code replicas}, or {@code weight} percent of {@code spec.replicas}, or (with
   * {@code matchTrafficWeight}) back to following the traffic weight.
   */
  record SetCanaryScale(Optional<Integer> replicas, Optional<Integer> weight, boolean matchTrafficWeight)
      implements Step {
    public SetCanaryScale {
      Objects.requireNonNull(replicas, "replicas");
      Objects.requireNonNull(weight, "weight");
    }
  }
}
