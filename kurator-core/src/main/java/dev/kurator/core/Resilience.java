package dev.kurator.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fleet guards each call to a member (Resilience4j underneath): a per-call timeout, retries with
 * exponential backoff for retryable failures only (connection errors, HTTP 429, 5xx, 409 conflicts) and a circuit
 * breaker per member that makes a dead cluster fail fast ({@link Outcome.Unavailable}) and probes it again after
 * {@code openDuration}.
 *
 * <p>Start from {@link #defaults()} and change what you need: {@code Resilience.defaults().timeout(
 * Duration.ofSeconds(5)).retries(3)}. Every setter returns a copy and checks its argument.
 *
 * @param timeout              time allowed for one call (one attempt) to a member; default 10 s
 * @param retries              retries after the first attempt for retryable failures; default 2, 0 disables
 * @param initialBackoff       wait before the first retry; default 200 ms
 * @param backoffMultiplier    factor applied to the wait before each further retry; default 2.0, at least 1
 * @param failureRateThreshold percentage of failed calls (0 exclusive to 100) that opens a member's breaker;
 *                             default 50
 * @param minimumCalls         calls a breaker must see before it may open; default 5 (so that one operation
 *                             whose retries succeed never opens it)
 * @param slidingWindow        calls the failure rate is computed over; default 20, at least {@code minimumCalls}
 * @param openDuration         how long an open breaker rejects calls before letting a probe through; default 30 s
 * @param healthTimeout        time allowed for one health probe; default 5 s
 */
public record Resilience(Duration timeout, int retries, Duration initialBackoff, double backoffMultiplier,
    float failureRateThreshold, int minimumCalls, int slidingWindow, Duration openDuration, Duration healthTimeout) {

  private static final Resilience DEFAULTS = new Resilience(Duration.ofSeconds(10), 2, Duration.ofMillis(200), 2.0,
      50f, 5, 20, Duration.ofSeconds(30), Duration.ofSeconds(5));

  public Resilience {
    Problems p = new Problems();
    positive(p, "resilience.timeout", timeout);
    p.check(retries < 0 || retries > 20, "resilience.retries", retries, "must be between 0 and 20");
    positive(p, "resilience.initialBackoff", initialBackoff);
    p.check(!(backoffMultiplier >= 1.0), "resilience.backoffMultiplier", backoffMultiplier, "must be at least 1");
    p.check(!(failureRateThreshold > 0f && failureRateThreshold <= 100f), "resilience.failureRateThreshold",
        failureRateThreshold, "must be in (0, 100]");
    p.check(minimumCalls < 1, "resilience.minimumCalls", minimumCalls, "must be at least 1");
    p.check(slidingWindow < minimumCalls, "resilience.slidingWindow", slidingWindow,
        "must be at least minimumCalls (" + minimumCalls + ")");
    positive(p, "resilience.openDuration", openDuration);
    positive(p, "resilience.healthTimeout", healthTimeout);
    p.throwIfAny();
  }

  private static void positive(Problems p, String path, Duration d) {
    p.check(d == null || d.isNegative() || d.isZero(), path, d, "must be a positive duration");
  }

  /** Timeout 10 s, 2 retries from 200 ms doubling, breaker opens at 50% of 10 calls (3 minimum) for 30 s. */
  public static Resilience defaults() {
    return DEFAULTS;
  }

  /** A copy with this per-call timeout. @throws ValidationException unless positive */
  public Resilience timeout(Duration timeout) {
    return new Resilience(timeout, retries, initialBackoff, backoffMultiplier, failureRateThreshold, minimumCalls,
        slidingWindow, openDuration, healthTimeout);
  }

  /** A copy with this many retries. @throws ValidationException unless 0..20 */
  public Resilience retries(int retries) {
    return new Resilience(timeout, retries, initialBackoff, backoffMultiplier, failureRateThreshold, minimumCalls,
        slidingWindow, openDuration, healthTimeout);
  }

  /** A copy with this backoff: first wait, then multiplied by {@code multiplier} before each further retry. */
  public Resilience backoff(Duration initial, double multiplier) {
    return new Resilience(timeout, retries, initial, multiplier, failureRateThreshold, minimumCalls,
        slidingWindow, openDuration, healthTimeout);
  }

  /**
   * A copy with this circuit breaker: opens when {@code failureRatePercent} of the last {@code slidingWindow}
   * calls failed (after at least {@code minimumCalls}), stays open for {@code openDuration}.
   */
  public Resilience circuitBreaker(float failureRatePercent, int minimumCalls, int slidingWindow,
      Duration openDuration) {
    return new Resilience(timeout, retries, initialBackoff, backoffMultiplier, failureRatePercent, minimumCalls,
        slidingWindow, openDuration, healthTimeout);
  }

  /** A copy with this health-probe timeout. */
  public Resilience healthTimeout(Duration healthTimeout) {
    return new Resilience(timeout, retries, initialBackoff, backoffMultiplier, failureRateThreshold, minimumCalls,
        slidingWindow, openDuration, Objects.requireNonNullElse(healthTimeout, Duration.ZERO));
  }
}
