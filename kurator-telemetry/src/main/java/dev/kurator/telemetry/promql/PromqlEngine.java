package dev.kurator.telemetry.promql;

import dev.kurator.telemetry.promql.internal.Evaluator;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Evaluates PromQL over float samples with Prometheus 3.x semantics: left-open range windows, lookback delta,
 * staleness markers, delayed metric-name removal. Stateless and thread-safe; each call reads through the given
 * {@link SeriesSource}.
 *
 * <pre>{@code
 * PromqlEngine engine = PromqlEngine.create(QueryOptions.DEFAULTS);
 * QueryResult r = engine.instantQuery(source, "sum by (job) (rate(http_requests_total[5m]))", nowMs);
 * }</pre>
 */
public final class PromqlEngine {

  private final QueryOptions options;

  private PromqlEngine(QueryOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** An engine with the given limits. */
  public static PromqlEngine create(QueryOptions options) {
    return new PromqlEngine(options);
  }

  /** The engine's limits. */
  public QueryOptions options() {
    return options;
  }

  /**
   * Evaluates {@code query} at one instant.
   *
   * @param source where samples come from
   * @param query PromQL text
   * @param timeMs evaluation time (ms since the epoch)
   * @return the value and annotations
   * @throws QueryException with {@code BAD_DATA} when the query does not parse, or the evaluation error
   */
  public QueryResult instantQuery(SeriesSource source, String query, long timeMs) {
    return instantQuery(source, parse(query, 0, 0), timeMs, () -> false);
  }

  /**
   * Evaluates a parsed expression at one instant; {@code cancelled} is polled during evaluation.
   *
   * @throws QueryException on an evaluation error, timeout ({@code TIMEOUT}) or cancellation ({@code CANCELED})
   */
  public QueryResult instantQuery(SeriesSource source, Expr expr, long timeMs, BooleanSupplier cancelled) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(cancelled, "cancelled");
    return Evaluator.instant(source, options, expr, timeMs, cancelled);
  }

  /**
   * Evaluates {@code query} at {@code start, start+step, ...} up to and including {@code end}; always a matrix.
   *
   * @param startMs first evaluation time (ms)
   * @param endMs last evaluation time (ms, inclusive)
   * @param stepMs resolution (ms, positive)
   * @throws QueryException with {@code BAD_DATA} for an invalid query or range, or the evaluation error
   */
  public QueryResult rangeQuery(SeriesSource source, String query, long startMs, long endMs, long stepMs) {
    return rangeQuery(source, parse(query, stepMs, endMs - startMs), startMs, endMs, stepMs, () -> false);
  }

  /**
   * Evaluates a parsed expression over a range; {@code cancelled} is polled during evaluation.
   *
   * @throws QueryException on an evaluation error, timeout or cancellation
   */
  public QueryResult rangeQuery(
      SeriesSource source, Expr expr, long startMs, long endMs, long stepMs, BooleanSupplier cancelled) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(cancelled, "cancelled");
    return Evaluator.range(source, options, expr, startMs, endMs, stepMs, cancelled);
  }

  private static Expr parse(String query, long stepMs, long rangeMs) {
    try {
      return Expr.parse(query, stepMs, rangeMs);
    } catch (ParseException e) {
      QueryException.ErrorType type =
          e.unsupportedFeature() ? QueryException.ErrorType.UNSUPPORTED : QueryException.ErrorType.BAD_DATA;
      throw new QueryException(type, e.getMessage(), e);
    }
  }
}
