package dev.kurator.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-cluster result of one fan-out: one row per (cluster, resource), in fleet order then resource order.
 * One cluster's failure is a row here, never an exception; {@link #throwIfAnyFailed()} turns failures into one
 * exception when the caller wants all-or-error.
 *
 * @param fleet    the fleet's name
 * @param clusters the clusters the operation targeted, in fleet order
 * @param rows     the outcomes
 */
public record FleetResult<T>(String fleet, List<String> clusters, List<ClusterOutcome<T>> rows) {

  public FleetResult {
    Objects.requireNonNull(fleet, "fleet");
    clusters = List.copyOf(clusters);
    rows = List.copyOf(rows);
  }

  /** Rows grouped by cluster, every targeted cluster present (in fleet order), possibly with no rows. */
  public Map<String, List<ClusterOutcome<T>>> byCluster() {
    Map<String, List<ClusterOutcome<T>>> out = new LinkedHashMap<>();
    clusters.forEach(c -> out.put(c, new ArrayList<>()));
    rows.forEach(r -> out.computeIfAbsent(r.cluster(), c -> new ArrayList<>()).add(r));
    out.replaceAll((c, list) -> List.copyOf(list));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The rows of one cluster (empty when it was not targeted). */
  public List<ClusterOutcome<T>> rows(String cluster) {
    return rows.stream().filter(r -> r.cluster().equals(cluster)).toList();
  }

  /**
   * The single outcome of {@code cluster}, for operations on one resource.
   *
   * @throws IllegalStateException when the cluster has no row or several
   */
  public Outcome<T> outcome(String cluster) {
    List<ClusterOutcome<T>> mine = rows(cluster);
    if (mine.size() != 1) {
      throw new IllegalStateException("cluster \"" + cluster + "\" has " + mine.size() + " rows in this result");
    }
    return mine.get(0).outcome();
  }

  /** The value of {@code cluster}'s single row, when it has one (applied, unchanged or found). */
  public Optional<T> value(String cluster) {
    return outcome(cluster).value();
  }

  /** Cluster name to value for every row that has a value (for single-resource operations). */
  public Map<String, T> values() {
    Map<String, T> out = new LinkedHashMap<>();
    rows.forEach(r -> r.outcome().value().ifPresent(v -> out.putIfAbsent(r.cluster(), v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Cluster name to everything that failed there, for clusters with at least one failed row. */
  public Map<String, ClusterFailure> failures() {
    Map<String, List<ClusterOutcome<?>>> grouped = new LinkedHashMap<>();
    rows.stream().filter(r -> r.outcome().isFailure())
        .forEach(r -> grouped.computeIfAbsent(r.cluster(), c -> new ArrayList<>()).add(r));
    Map<String, ClusterFailure> out = new LinkedHashMap<>();
    grouped.forEach((c, list) -> out.put(c, new ClusterFailure(c, list)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Whether every row succeeded (no failures and nothing skipped). */
  public boolean allSucceeded() {
    return rows.stream().allMatch(r -> r.outcome().isSuccess());
  }

  /** Whether any row failed. */
  public boolean anyFailed() {
    return rows.stream().anyMatch(r -> r.outcome().isFailure());
  }

  /** The clusters whose rows all succeeded. */
  public List<String> succeededClusters() {
    return byCluster().entrySet().stream()
        .filter(e -> e.getValue().stream().allMatch(r -> r.outcome().isSuccess()))
        .map(Map.Entry::getKey).toList();
  }

  /** How many rows have an outcome of {@code type}, e.g. {@code count(Outcome.Applied.class)}. */
  @SuppressWarnings("rawtypes")
  public long count(Class<? extends Outcome> type) {
    return rows.stream().filter(r -> type.isInstance(r.outcome())).count();
  }

  /**
   * Returns this result when nothing failed.
   *
   * @throws FleetOperationException listing every failed cluster and why
   */
  public FleetResult<T> throwIfAnyFailed() {
    Map<String, ClusterFailure> failures = failures();
    if (!failures.isEmpty()) {
      throw new FleetOperationException(fleet, failures);
    }
    return this;
  }

  /** Counts of outcomes, e.g. {@code 3 applied, 1 unchanged, 1 failed}, for logs. */
  public String summary() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    rows.forEach(r -> counts.merge(r.outcome().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT), 1,
        Integer::sum));
    if (counts.isEmpty()) {
      return "no rows";
    }
    return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** A fixed-width table, one line per row: cluster, resource, outcome, elapsed milliseconds. */
  public String toTable() {
    int w = Math.max(7, rows.stream().mapToInt(r -> r.cluster().length()).max().orElse(0));
    int rw = Math.max(8, rows.stream().mapToInt(r -> r.resource().toString().length()).max().orElse(0));
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%-" + w + "s  %-" + rw + "s  %8s  %s%n", "CLUSTER", "RESOURCE", "MILLIS", "OUTCOME"));
    for (ClusterOutcome<T> r : rows) {
      sb.append(String.format("%-" + w + "s  %-" + rw + "s  %8d  %s%n", r.cluster(), r.resource(),
          r.elapsed().toMillis(), r.outcome().describe()));
    }
    return sb.toString();
  }
}
