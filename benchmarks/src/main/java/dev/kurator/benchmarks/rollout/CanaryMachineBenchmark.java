package dev.kurator.benchmarks.rollout;

import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanaryState;
import dev.kurator.rollout.CanaryStateMachine;
import dev.kurator.rollout.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ticks per second of the pure Flagger canary machine: one analysis tick (readiness, rollback hooks, rollout hook,
 * two metric checks, confirm-traffic-increase, weight step), and a whole rollout from detection to Succeeded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CanaryMachineBenchmark {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final RolloutWorld world = new RolloutWorld("rev-1");
  private CanaryState progressing;

  @Setup
  public void setUp() {
    progressing = new CanaryState(CanaryPhase.PROGRESSING, 20, 0, 0, 80, 20, false, "rev-1", "rev-0", T0);
  }

  /** One analysis tick of a progressing canary. */
  @Benchmark
  public Transition analysisTick() {
    return CanaryStateMachine.tick(RolloutWorld.CANARY, progressing, world, clock);
  }

  /** A whole rollout: detection, five steps, promotion, finalising, success (9 ticks). */
  @Benchmark
  public CanaryState fullRollout() {
    CanaryState s = CanaryState.initialized("rev-0", T0);
    for (int i = 0; i < 9; i++) {
      s = CanaryStateMachine.tick(RolloutWorld.CANARY, s, world, clock).state();
    }
    if (s.phase() != CanaryPhase.SUCCEEDED) {
      throw new IllegalStateException("rollout did not finish: " + s.phase());
    }
    return s;
  }
}
