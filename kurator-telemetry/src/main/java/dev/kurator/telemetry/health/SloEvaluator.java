package dev.kurator.telemetry.health;

import dev.kurator.telemetry.ClusterSelector;
import dev.kurator.telemetry.FleetQuerier;
import dev.kurator.telemetry.QueryResult;
import dev.kurator.telemetry.internal.GoFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Error-budget burn of an {@link Slo}, per cluster and fleet-wide: each cluster evaluates
 * {@code sum(increase(<selector>[window]))} for its total and bad events; ratios are computed here, the fleet's from
 * the summed counts. The arithmetic is {@link #evaluate(Slo, String, Duration, double, double)}, pure.
 */
public final class SloEvaluator {

  /** The scope name of the fleet-wide result. */
  public static final String FLEET = "fleet";

  /**
   * Per-cluster and fleet results of one evaluation.
   *
   * @param slo      the objective
   * @param clusters result per cluster that had events or data, in answer order
   * @param fleet    the fleet-wide result
   * @param warnings partial-response warnings: when present, counts may be incomplete
   */
  public record Evaluation(Slo slo, Map<String, SloResult> clusters, SloResult fleet, List<String> warnings) {
    public Evaluation {
      Objects.requireNonNull(slo, "slo");
      clusters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
      Objects.requireNonNull(fleet, "fleet");
      warnings = List.copyOf(warnings);
    }
  }

  private final FleetQuerier querier;

  private SloEvaluator(FleetQuerier querier) {
    this.querier = Objects.requireNonNull(querier, "querier");
  }

  /** An evaluator over {@code querier}. */
  public static SloEvaluator of(FleetQuerier querier) {
    return new SloEvaluator(querier);
  }

  /**
   * Evaluates {@code slo} over its own window, ending at {@code at}.
   */
  public Evaluation evaluate(Slo slo, Instant at, ClusterSelector clusters) {
    return evaluate(slo, slo.window(), at, clusters);
  }

  /**
   * Evaluates {@code slo} over {@code window} (e.g. 1 h for a fast-burn check) ending at {@code at}.
   */
  public Evaluation evaluate(Slo slo, Duration window, Instant at, ClusterSelector clusters) {
    String w = GoFormat.formatDuration(window);
    QueryResult total = querier.query("sum(increase(" + slo.totalSelector() + "[" + w + "]))", at, clusters);
    QueryResult bad = querier.query("sum(increase(" + slo.badSelector() + "[" + w + "]))", at, clusters);
    Map<String, Double> totals = WorkloadHealth.perCluster(total, querier.clusterLabel());
    Map<String, Double> bads = WorkloadHealth.perCluster(bad, querier.clusterLabel());
    Map<String, SloResult> out = new LinkedHashMap<>();
    double sumTotal = 0;
    double sumBad = 0;
    LinkedHashSet<String> names = new LinkedHashSet<>(totals.keySet());
    names.addAll(bads.keySet());
    for (String c : names) {
      double t = totals.getOrDefault(c, 0.0);
      double b = bads.getOrDefault(c, 0.0);
      out.put(c, evaluate(slo, c, window, t, b));
      sumTotal += t;
      sumBad += b;
    }
    List<String> warnings = new ArrayList<>(WorkloadHealth.warnings(total, bad));
    return new Evaluation(slo, out, evaluate(slo, FLEET, window, sumTotal, sumBad), warnings);
  }

  /**
   * The pure arithmetic: error ratio, burn rate, remaining budget and status for counts over a window.
   *
   * @param total events in the window (at least 0)
   * @param bad   bad events in the window (at least 0)
   */
  public static SloResult evaluate(Slo slo, String scope, Duration window, double total, double bad) {
    if (!(total > 0)) {
      return new SloResult(scope, window, total, bad, Double.NaN, Double.NaN, 1.0, SloResult.Status.NO_DATA);
    }
    double ratio = bad / total;
    double burn = ratio / slo.errorBudget();
    // The share of the whole period's budget this window spent, at the window's event rate.
    double remaining = 1 - burn * ((double) window.toMillis() / slo.window().toMillis());
    SloResult.Status status = remaining <= 0 ? SloResult.Status.EXHAUSTED
        : burn > 1 ? SloResult.Status.BURNING : SloResult.Status.HEALTHY;
    return new SloResult(scope, window, total, bad, ratio, burn, remaining, status);
  }
}
