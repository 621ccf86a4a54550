package dev.kurator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.Json;
import java.util.List;
import java.util.Objects;

/**
 * A wgpolicyk8s.io/v1alpha2 report: a namespaced {@code PolicyReport} for one namespace, or a
 * {@code ClusterPolicyReport} (empty namespace) for cluster-scoped resources.
 *
 * @param cluster the member cluster the report belongs to
 * @param namespace the namespace, empty for the cluster-scoped report
 * @param results the results, in evaluation order
 */
public record PolicyReport(String cluster, String namespace, List<ReportResult> results) {

  /** The label that marks reports this library writes. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** Rejects nulls and copies the list. */
  public PolicyReport {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(namespace, "namespace");
    results = List.copyOf(results);
  }

  /** Counts by result. */
  public ReportSummary summary() {
    ReportSummary s = ReportSummary.EMPTY;
    for (ReportResult r : results) {
      s = s.plus(r.result().status());
    }
    return s;
  }

  /** {@code PolicyReport} or {@code ClusterPolicyReport}. */
  public String kind() {
    return namespace.isEmpty() ? "ClusterPolicyReport" : "PolicyReport";
  }

  /** The object name: {@code kurator-polr-<namespace>} or {@code kurator-cpolr}. */
  public String name() {
    return namespace.isEmpty() ? "kurator-cpolr" : "kurator-polr-" + namespace;
  }

  /** The report as a Kubernetes object. */
  public ObjectNode toJson() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("apiVersion", "wgpolicyk8s.io/v1alpha2");
    o.put("kind", kind());
    ObjectNode meta = o.putObject("metadata");
    meta.put("name", name());
    if (!namespace.isEmpty()) {
      meta.put("namespace", namespace);
    }
    meta.putObject("labels").put(MANAGED_BY, "kurator");
    o.set("summary", summary().toJson());
    ArrayNode rs = o.putArray("results");
    results.forEach(r -> rs.add(r.toJson()));
    return o;
  }
}
