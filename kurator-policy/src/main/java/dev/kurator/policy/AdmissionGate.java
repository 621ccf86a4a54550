package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.core.spi.AdmissionOperation;
import dev.kurator.core.spi.AdmissionReview;
import dev.kurator.policy.internal.Json;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a {@link PolicyEngine} before kurator-core writes: mutate, then validate, for every (cluster, resource)
 * variant. With {@link #enforce} an Enforce-mode failure denies the variant, so nothing is written to any cluster; with
 * {@link #audit} nothing is denied and the results are only reported.
 *
 * <p>The cluster is visible to policies as {@code request.clusterName} and {@code request.clusterLabels}.
 */
public final class AdmissionGate implements dev.kurator.core.spi.AdmissionGate {
  private final PolicyEngine engine;
  private final boolean enforcing;

  private AdmissionGate(PolicyEngine engine, boolean enforcing) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.enforcing = enforcing;
  }

  /** A gate that denies a variant when an Enforce-mode rule fails or errors on it. */
  public static AdmissionGate enforce(PolicyEngine engine) {
    return new AdmissionGate(engine, true);
  }

  /** A gate that mutates and reports but never denies. */
  public static AdmissionGate audit(PolicyEngine engine) {
    return new AdmissionGate(engine, false);
  }

  @Override
  public String name() {
    return "kyverno";
  }

  @Override
  public AdmissionReview review(dev.kurator.core.spi.AdmissionRequest request) {
    JsonNode object = Json.JSON.valueToTree(request.object());
    Optional<JsonNode> old = request.old().map(o -> Json.JSON.valueToTree(o));
    Operation op = Operation.valueOf(request.operation().name());
    Map<String, JsonNode> vars = Map.of(
        "request.clusterName", Json.NODES.textNode(request.cluster()),
        "request.clusterLabels", Json.JSON.valueToTree(request.clusterLabels()));
    AdmissionRequest req = new AdmissionRequest(request.operation() == AdmissionOperation.DELETE
        ? old.orElse(object) : object, op == Operation.CREATE ? Optional.empty() : old, op, Optional.empty(),
        Map.of(), vars, "", "");
    AdmissionVerdict verdict = engine.admit(req);
    List<dev.kurator.core.spi.RuleResult> results = toCore(verdict.results());
    if (enforcing && !verdict.allowed()) {
      return AdmissionReview.deny(toCore(verdict.blocking()));
    }
    if (!verdict.resource().equals(object)) {
      return AdmissionReview.mutate(Json.JSON.convertValue(verdict.resource(), GenericKubernetesResource.class),
          results);
    }
    return AdmissionReview.allow(results);
  }

  private static List<dev.kurator.core.spi.RuleResult> toCore(List<RuleResult> results) {
    List<dev.kurator.core.spi.RuleResult> out = new ArrayList<>();
    for (RuleResult r : results) {
      out.add(new dev.kurator.core.spi.RuleResult(r.policy(), r.rule(),
          dev.kurator.core.spi.RuleResult.Status.valueOf(r.status().name()), r.message()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "AdmissionGate[" + (enforcing ? "enforce" : "audit").toLowerCase(Locale.ROOT) + ", "
        + engine.policies().policies().size() + " policies]";
  }
}
