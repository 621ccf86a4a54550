package dev.kurator.telemetry.promql;

import dev.kurator.core.Problems;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Engine limits and defaults.
 *
 * @param lookbackDelta how far back an instant selector looks for the latest sample (default 5m)
 * @param maxSamples most samples one evaluation step, or one range-query result, may hold (default 50,000,000)
 * @param timeout wall-clock budget per query (default 2m)
 * @param defaultSubqueryStep resolution of subqueries written without a step (default 1m)
 * @param nanoTicker monotonic clock used for the timeout, in nanoseconds (default {@link System#nanoTime})
 */
public record QueryOptions(
    Duration lookbackDelta, long maxSamples, Duration timeout, Duration defaultSubqueryStep, LongSupplier nanoTicker) {

  /** Prometheus's defaults. */
  public static final QueryOptions DEFAULTS =
      new QueryOptions(Duration.ofMinutes(5), 50_000_000L, Duration.ofMinutes(2), Duration.ofMinutes(1),
          System::nanoTime);

  /**
   * Validates the options.
   *
   * @throws dev.kurator.core.ValidationException listing every invalid field
   */
  public QueryOptions {
    Objects.requireNonNull(lookbackDelta, "lookbackDelta");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
    Objects.requireNonNull(nanoTicker, "nanoTicker");
    Problems problems = new Problems();
    if (lookbackDelta.isNegative() || lookbackDelta.isZero()) {
      problems.add("queryOptions.lookbackDelta", lookbackDelta, "must be positive");
    }
    if (maxSamples <= 0) {
      problems.add("queryOptions.maxSamples", maxSamples, "must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      problems.add("queryOptions.timeout", timeout, "must be positive");
    }
    if (defaultSubqueryStep.isNegative() || defaultSubqueryStep.isZero()) {
      problems.add("queryOptions.defaultSubqueryStep", defaultSubqueryStep, "must be positive");
    }
    problems.throwIfAny();
  }

  /** A copy with another sample limit. */
  public QueryOptions withMaxSamples(long max) {
    return new QueryOptions(lookbackDelta, max, timeout, defaultSubqueryStep, nanoTicker);
  }

  /** A copy with another timeout. */
  public QueryOptions withTimeout(Duration t) {
    return new QueryOptions(lookbackDelta, maxSamples, t, defaultSubqueryStep, nanoTicker);
  }

  /** A copy with another clock for the timeout. */
  public QueryOptions withNanoTicker(LongSupplier ticker) {
    return new QueryOptions(lookbackDelta, maxSamples, timeout, defaultSubqueryStep, ticker);
  }
}
