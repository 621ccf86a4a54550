package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.policy.internal.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a PolicyReport's {@code results}: a rule's verdict on one resource.
 *
 * @param result the rule verdict
 * @param severity {@code policies.kyverno.io/severity} of the policy, or empty
 * @param category {@code policies.kyverno.io/category} of the policy, or empty
 * @param resource the resource the verdict is about (apiVersion, kind, namespace, name, uid)
 * @param timestamp when it was evaluated
 */
public record ReportResult(RuleResult result, String severity, String category, ResourceReference resource,
    Instant timestamp) {

  /** Rejects nulls. */
  public ReportResult {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  /**
   * A reference to a Kubernetes object.
   *
   * @param apiVersion group/version
   * @param kind kind
   * @param namespace namespace, empty for cluster-scoped objects
   * @param name name
   * @param uid uid, possibly empty
   */
  public record ResourceReference(String apiVersion, String kind, String namespace, String name, String uid) {

    /** The reference of an object tree. */
    public static ResourceReference of(JsonNode r) {
      JsonNode m = r.path("metadata");
      return new ResourceReference(r.path("apiVersion").asText(""), r.path("kind").asText(""),
          m.path("namespace").asText(""), m.path("name").asText(""), m.path("uid").asText(""));
    }

    ObjectNode toJson() {
      ObjectNode o = Json.NODES.objectNode();
      o.put("apiVersion", apiVersion);
      o.put("kind", kind);
      if (!namespace.isEmpty()) {
        o.put("namespace", namespace);
      }
      o.put("name", name);
      if (!uid.isEmpty()) {
        o.put("uid", uid);
      }
      return o;
    }
  }

  /** The wgpolicyk8s.io result entry. */
  public ObjectNode toJson() {
    ObjectNode o = Json.NODES.objectNode();
    o.put("policy", result.policy());
    o.put("rule", result.rule());
    o.put("result", result.status().word());
    o.put("message", result.message());
    o.put("scored", result.status() != RuleStatus.WARN);
    if (!severity.isEmpty()) {
      o.put("severity", severity);
    }
    if (!category.isEmpty()) {
      o.put("category", category);
    }
    o.put("source", "kyverno");
    ObjectNode ts = o.putObject("timestamp");
    ts.put("seconds", timestamp.getEpochSecond());
    ts.put("nanos", timestamp.getNano());
    o.putArray("resources").add(resource.toJson());
    o.putObject("properties").put("process", "background scan");
    return o;
  }
}
