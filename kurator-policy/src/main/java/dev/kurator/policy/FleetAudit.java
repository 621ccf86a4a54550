package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kurator.core.ClusterFailure;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Selector;
import dev.kurator.policy.internal.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fleet adapter of {@link PolicyEngine#audit}: lists, evaluates, and optionally writes reports back. */
final class FleetAudit {
  private static final Logger log = LoggerFactory.getLogger(FleetAudit.class);

  private FleetAudit() {}

  static FleetPolicyReport run(PolicyEngine engine, Fleet fleet, Kinds kinds, Clock clock) {
    Map<String, List<JsonNode>> resources = new LinkedHashMap<>();
    Map<String, String> unreachable = new TreeMap<>();
    fleet.memberNames().forEach(n -> resources.put(n, new ArrayList<>()));
    for (String kind : kinds.names()) {
      FleetResult<? extends List<? extends HasMetadata>> listed =
          fleet.list(kinds.type(kind)).inAnyNamespace().onClusters(Selector.all());
      for (Map.Entry<String, ClusterFailure> f : listed.failures().entrySet()) {
        unreachable.putIfAbsent(f.getKey(), f.getValue().reason());
        log.warn("policy audit could not list {} on cluster {}: {}", kind, f.getKey(), f.getValue().reason());
      }
      listed.values().forEach((cluster, items) -> {
        for (HasMetadata item : items) {
          ObjectNode tree = Json.JSON.valueToTree(item);
          if (tree.path("kind").asText("").isEmpty()) {
            tree.put("kind", kind);
          }
          resources.get(cluster).add(tree);
        }
      });
    }
    unreachable.keySet().forEach(resources::remove);
    return evaluate(engine, fleet.name(), resources, unreachable, clock.instant());
  }

  /** Pure part: evaluates listed resources per cluster into reports. */
  static FleetPolicyReport evaluate(PolicyEngine engine, String fleetName, Map<String, List<JsonNode>> resources,
      Map<String, String> unreachable, Instant now) {
    Map<String, List<PolicyReport>> reports = new TreeMap<>();
    resources.forEach((cluster, items) -> {
      Map<String, List<ReportResult>> byNamespace = new TreeMap<>();
      for (JsonNode item : items) {
        ReportResult.ResourceReference ref = ReportResult.ResourceReference.of(item);
        for (PolicyResponse response : engine.evaluate(AdmissionRequest.background(item))) {
          for (RuleResult r : response.results()) {
            if (r.type() != RuleType.VALIDATION) {
              continue;
            }
            byNamespace.computeIfAbsent(ref.namespace(), k -> new ArrayList<>()).add(new ReportResult(r,
                response.policy().severity(), response.policy().category(), ref, now));
          }
        }
      }
      List<PolicyReport> list = new ArrayList<>();
      byNamespace.forEach((ns, results) -> list.add(new PolicyReport(cluster, ns, results)));
      reports.put(cluster, list);
    });
    return new FleetPolicyReport(fleetName, reports, unreachable);
  }

  /** The resource definition of a report kind, so no API discovery is needed. */
  static io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext context(PolicyReport r) {
    return new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
        .withGroup("wgpolicyk8s.io").withVersion("v1alpha2").withKind(r.kind())
        .withPlural(r.namespace().isEmpty() ? "clusterpolicyreports" : "policyreports")
        .withNamespaced(!r.namespace().isEmpty()).build();
  }

  /** Creates or replaces each cluster's reports with that member's client; one failing cluster does not stop others. */
  static Map<String, String> writeBack(Fleet fleet, FleetPolicyReport report) {
    Map<String, String> failures = new TreeMap<>();
    report.reports().forEach((cluster, list) -> {
      var member = fleet.member(cluster);
      if (member.isEmpty()) {
        failures.put(cluster, "not a member of fleet " + fleet.name());
        return;
      }
      for (PolicyReport r : list) {
        GenericKubernetesResource object = Json.JSON.convertValue(r.toJson(), GenericKubernetesResource.class);
        try {
          var op = member.get().client().genericKubernetesResources(context(r));
          var target = r.namespace().isEmpty() ? op.resource(object) : op.inNamespace(r.namespace()).resource(object);
          target.createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
        } catch (RuntimeException e) {
          log.warn("policy report {} could not be written to cluster {}: {}", r.name(), cluster, e.getMessage());
          failures.put(cluster, r.kind() + " " + r.name() + ": " + e.getMessage());
          break;
        }
      }
    });
    return failures;
  }
}
