package dev.kurator.core.internal;

import dev.kurator.core.Outcome;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one call against one member under the fleet's resilience: each attempt is time-limited and goes through the
 * member's circuit breaker; retryable failures are retried with backoff.
 */
public final class MemberCalls {

  private static final Logger log = LoggerFactory.getLogger(MemberCalls.class);

  private MemberCalls() {}

  /**
   * Calls {@code call} for {@code cluster}; maps its value with {@code onSuccess}, turns an open breaker into
   * {@link Outcome.Unavailable} and any other error into {@link Outcome.Failed}. Never throws.
   */
  public static <V, T> Outcome<T> call(FleetRuntime rt, String cluster, String what, Callable<V> call,
      Function<V, Outcome<T>> onSuccess) {
    AtomicInteger attempts = new AtomicInteger();
    V value;
    try {
      value = guarded(rt, cluster, what, call, attempts);
    } catch (CallNotPermittedException e) {
      return new Outcome.Unavailable<>(unavailableReason(rt, cluster));
    } catch (Exception e) {
      return new Outcome.Failed<>(e, Math.max(1, attempts.get()));
    }
    try {
      return onSuccess.apply(value);
    } catch (RuntimeException e) {
      log.warn("fleet {}: cluster {}: {} returned an unusable reply: {}", rt.fleet(), cluster, what, e.toString());
      return new Outcome.Failed<>(e, attempts.get());
    }
  }

  /**
   * Runs {@code call} for {@code cluster} under the fleet's resilience and returns its value, or throws: a
   * {@link CallNotPermittedException} when the member's breaker is open, else the last attempt's failure (a
   * {@link CallTimeoutException} when an attempt ran out of time). {@code attempts} counts the attempts made.
   */
  public static <V> V guarded(FleetRuntime rt, String cluster, String what, Callable<V> call, AtomicInteger attempts)
      throws Exception {
    CircuitBreaker breaker = rt.breaker(cluster);
    Callable<V> attempt = () -> {
      attempts.incrementAndGet();
      return breaker.executeCallable(() -> withTimeout(rt, cluster, call));
    };
    Retry retry = rt.retry(cluster);
    V value;
    try {
      value = Retry.decorateCallable(retry, attempt).call();
    } catch (CallNotPermittedException e) {
      log.debug("fleet {}: cluster {} unavailable for {}: breaker {}", rt.fleet(), cluster, what, breaker.getState());
      throw e;
    } catch (Exception e) {
      if (rt.noteFailure(cluster)) {
        log.warn("fleet {}: cluster {}: {} failed after {} attempt(s): {} (further failures are logged at debug "
            + "until it recovers)", rt.fleet(), cluster, what, attempts.get(), e.toString());
      } else {
        log.debug("fleet {}: cluster {}: {} failed after {} attempt(s): {}", rt.fleet(), cluster, what,
            attempts.get(), e.toString());
      }
      throw e;
    }
    if (rt.noteSuccess(cluster)) {
      log.info("fleet {}: cluster {} answers again ({})", rt.fleet(), cluster, what);
    }
    return value;
  }

  /** Why calls to {@code cluster} are not attempted while its breaker is open. */
  public static String unavailableReason(FleetRuntime rt, String cluster) {
    return "circuit breaker " + rt.breaker(cluster).getState().name().toLowerCase(java.util.Locale.ROOT)
        + " after repeated failures; probed again " + rt.resilience().openDuration().toSeconds()
        + " s after opening";
  }

  /**
   * Runs {@code call} on this thread and interrupts it when the fleet's per-call timeout passes; an interrupted
   * call then fails with {@link CallTimeoutException}. The interrupt flag is cleared before returning.
   */
  static <V> V withTimeout(FleetRuntime rt, String cluster, Callable<V> call) throws Exception {
    Duration timeout = rt.resilience().timeout();
    Thread worker = Thread.currentThread();
    Object lock = new Object();
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> alarm = rt.watchdog().schedule(() -> {
      synchronized (lock) {
        if (!done.get()) {
          timedOut.set(true);
          worker.interrupt();
        }
      }
    }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return call.call();
    } catch (Exception e) {
      if (timedOut.get()) {
        CallTimeoutException timeoutException = new CallTimeoutException(cluster, timeout);
        timeoutException.addSuppressed(e);
        throw timeoutException;
      }
      throw e;
    } finally {
      alarm.cancel(false);
      synchronized (lock) {
        done.set(true);
      }
      if (timedOut.get()) {
        // The interrupt was ours; do not leak it to the pool thread's next task.
        Thread.interrupted();
      }
    }
  }
}
