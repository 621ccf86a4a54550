package dev.kurator.core.internal;

import dev.kurator.core.Resilience;
import dev.kurator.core.spi.SnapshotContributor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every snapshot of one fleet shares: the worker pool, the timeout watchdog, the per-member circuit breakers
 * and retries, the clock and the snapshot contributors. Created once by the fleet builder; join and leave reuse it.
 */
public final class FleetRuntime implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FleetRuntime.class);

  private final String fleet;
  private final Resilience resilience;
  private final Clock clock;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final int parallelism;
  private final ScheduledExecutorService watchdog;
  private final CircuitBreakerRegistry breakers;
  private final RetryRegistry retries;
  private final List<SnapshotContributor> contributors;
  private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public FleetRuntime(String fleet, Resilience resilience, Clock clock, ExecutorService hostExecutor,
      int parallelism, List<SnapshotContributor> contributors) {
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parallelism = parallelism;
    this.contributors = List.copyOf(contributors);
    if (hostExecutor != null) {
      this.executor = hostExecutor;
      this.ownsExecutor = false;
    } else {
      this.executor = Executors.newFixedThreadPool(parallelism, daemonThreads("kurator-fleet-" + fleet));
      this.ownsExecutor = true;
    }
    this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("kurator-fleet-" + fleet + "-timeout"));
    CircuitBreakerConfig cb = CircuitBreakerConfig.custom()
        .failureRateThreshold(resilience.failureRateThreshold())
        .minimumNumberOfCalls(resilience.minimumCalls())
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(resilience.slidingWindow())
        .waitDurationInOpenState(resilience.openDuration())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordException(Retryables::isMemberFailure)
        .ignoreException(t -> !Retryables.isMemberFailure(t))
        .clock(clock)
        .build();
    this.breakers = CircuitBreakerRegistry.of(cb);
    RetryConfig retry = RetryConfig.custom()
        .maxAttempts(resilience.retries() + 1)
        .intervalFunction(IntervalFunction.ofExponentialBackoff(resilience.initialBackoff(),
            resilience.backoffMultiplier()))
        .retryOnException(Retryables::isRetryable)
        .failAfterMaxAttempts(false)
        .build();
    this.retries = RetryRegistry.of(retry);
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public String fleet() {
    return fleet;
  }

  public Resilience resilience() {
    return resilience;
  }

  public Clock clock() {
    return clock;
  }

  public ExecutorService executor() {
    return executor;
  }

  public int parallelism() {
    return parallelism;
  }

  public ScheduledExecutorService watchdog() {
    return watchdog;
  }

  public List<SnapshotContributor> contributors() {
    return contributors;
  }

  /** The circuit breaker of member {@code cluster}, created on first use. */
  public CircuitBreaker breaker(String cluster) {
    return breakers.circuitBreaker(cluster);
  }

  /** The retry of member {@code cluster}, created on first use. */
  public Retry retry(String cluster) {
    return retries.retry(cluster);
  }

  /** Forgets the breaker, retry and logging state of a member that left the fleet. */
  public void forget(String cluster) {
    breakers.remove(cluster);
    retries.remove(cluster);
    failing.remove(cluster);
  }

  /** Records that a call to {@code cluster} failed; true the first time after a success (warn once, then debug). */
  boolean noteFailure(String cluster) {
    return failing.add(cluster);
  }

  /** Records that a call to {@code cluster} succeeded; true when it had been failing (worth an info line). */
  boolean noteSuccess(String cluster) {
    return !failing.isEmpty() && failing.remove(cluster);
  }

  /** Stops the pool (if the fleet created it) and the watchdog. */
  @Override
  public void close() {
    watchdog.shutdownNow();
    if (ownsExecutor) {
      executor.shutdownNow();
    }
    log.debug("fleet {}: runtime closed", fleet);
  }
}
