package dev.kurator.benchmarks.rollout;

import dev.kurator.rollout.CanaryState;
import dev.kurator.rollout.CanaryStateMachine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Wall time to advance many concurrent rollouts by one tick each (the pure machine; the rollouts are spread over
 * every phase of a canary's life, as in a busy fleet).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConcurrentRolloutsBenchmark {

  @Param({"1000"})
  public int rollouts;

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final RolloutWorld world = new RolloutWorld("rev-1");
  private CanaryState[] states;

  @Setup
  public void setUp() {
    states = new CanaryState[rollouts];
    for (int i = 0; i < rollouts; i++) {
      CanaryState s = CanaryState.initialized("rev-0", T0);
      for (int k = 0; k < i % 9; k++) {
        s = CanaryStateMachine.tick(RolloutWorld.CANARY, s, world, clock).state();
      }
      states[i] = s;
    }
  }

  /** Advances every rollout one tick, sequentially on one thread. */
  @Benchmark
  public int tickAll() {
    int moved = 0;
    for (CanaryState s : states) {
      if (CanaryStateMachine.tick(RolloutWorld.CANARY, s, world, clock).state() != s) {
        moved++;
      }
    }
    return moved;
  }

  /** Advances every rollout one tick on the common fork-join pool. */
  @Benchmark
  public long tickAllParallel() {
    return java.util.Arrays.stream(states).parallel()
        .filter(s -> CanaryStateMachine.tick(RolloutWorld.CANARY, s, world, clock).state() != s).count();
  }
}
