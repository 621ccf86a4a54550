package dev.kurator.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A fleet-wide audit: one report per namespace per reachable cluster, the clusters that could not be scanned, and a
 * summary counted by policy, rule, cluster and severity.
 *
 * @param fleet the fleet name
 * @param reports reports by cluster (namespaced reports, plus a cluster-scoped report when needed)
 * @param unreachable clusters that could not be scanned, with the reason
 */
public record FleetPolicyReport(String fleet, Map<String, List<PolicyReport>> reports,
    Map<String, String> unreachable) {

  /** Rejects nulls and copies the maps (sorted by cluster). */
  public FleetPolicyReport {
    Objects.requireNonNull(fleet, "fleet");
    Map<String, List<PolicyReport>> copy = new TreeMap<>();
    reports.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    reports = java.util.Collections.unmodifiableMap(copy);
    unreachable = java.util.Collections.unmodifiableMap(new TreeMap<>(unreachable));
  }

  /** Every result of every cluster. */
  public List<ReportResult> results() {
    List<ReportResult> out = new ArrayList<>();
    reports.values().forEach(list -> list.forEach(r -> out.addAll(r.results())));
    return out;
  }

  /** Totals over the whole fleet. */
  public ReportSummary total() {
    ReportSummary s = ReportSummary.EMPTY;
    for (ReportResult r : results()) {
      s = s.plus(r.result().status());
    }
    return s;
  }

  /** Counts by cluster (unreachable clusters are absent). */
  public Map<String, ReportSummary> byCluster() {
    Map<String, ReportSummary> out = new TreeMap<>();
    reports.forEach((cluster, list) -> {
      ReportSummary s = ReportSummary.EMPTY;
      for (PolicyReport r : list) {
        s = s.plus(r.summary());
      }
      out.put(cluster, s);
    });
    return out;
  }

  /** Counts by policy name. */
  public Map<String, ReportSummary> byPolicy() {
    return group(r -> r.result().policy());
  }

  /** Counts by {@code policy/rule}. */
  public Map<String, ReportSummary> byRule() {
    return group(r -> r.result().policy() + "/" + r.result().rule());
  }

  /** Counts by severity ({@code none} when a policy has no severity annotation). */
  public Map<String, ReportSummary> bySeverity() {
    return group(r -> r.severity().isEmpty() ? "none" : r.severity());
  }

  private Map<String, ReportSummary> group(java.util.function.Function<ReportResult, String> key) {
    Map<String, ReportSummary> out = new TreeMap<>();
    for (ReportResult r : results()) {
      out.merge(key.apply(r), ReportSummary.EMPTY.plus(r.result().status()), ReportSummary::plus);
    }
    return out;
  }
}
