package dev.kurator.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.internal.CompiledPolicy;
import dev.kurator.policy.internal.EvalInput;
import dev.kurator.policy.internal.Jmes;
import dev.kurator.policy.internal.ResourceInfo;
import dev.kurator.policy.internal.RuleEngine;
import dev.kurator.policy.internal.RuleResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates Kyverno policies against resources. Pure and thread-safe: a request in, verdicts out; no cluster access
 * (context entries that need one, such as {@code apiCall}, are left to variables the caller supplies).
 */
public final class PolicyEngine {
  private final PolicySet set;
  private final List<CompiledPolicy> compiled;

  private PolicyEngine(PolicySet set) {
    this.set = set;
    List<CompiledPolicy> c = new ArrayList<>();
    for (KyvernoPolicy p : set.policies()) {
      c.add(CompiledPolicy.of(p, set.bindings()));
    }
    this.compiled = List.copyOf(c);
  }

  /**
   * An engine over a loaded policy set.
   *
   * @throws NullPointerException when {@code set} is null
   */
  public static PolicyEngine of(PolicySet set) {
    return new PolicyEngine(Objects.requireNonNull(set, "set"));
  }

  /** The policies this engine evaluates. */
  public PolicySet policies() {
    return set;
  }

  /** Evaluates every policy (mutate, then validate, then generate per policy) against the request. */
  public List<PolicyResponse> evaluate(AdmissionRequest request) {
    List<PolicyResponse> out = new ArrayList<>();
    EvalInput in = input(request);
    for (CompiledPolicy p : compiled) {
      out.add(evaluate(p, in));
    }
    return out;
  }

  /**
   * Admission: every policy's mutations applied in order, then every validation run on the mutated resource.
   *
   * @return the mutated resource and all results; {@link AdmissionVerdict#allowed()} is false on any Enforce failure
   */
  public AdmissionVerdict admit(AdmissionRequest request) {
    JsonNode current = request.resource();
    List<RuleResult> results = new ArrayList<>();
    for (CompiledPolicy p : compiled) {
      if (p.rules().stream().noneMatch(r -> r.has("mutate"))) {
        continue;
      }
      PolicyResponse r = evaluate(p, input(request.withResource(current)));
      r.results().stream().filter(x -> x.type() == RuleType.MUTATION).forEach(results::add);
      current = r.patchedResource();
    }
    EvalInput mutated = input(request.withResource(current));
    for (CompiledPolicy p : compiled) {
      PolicyResponse r = evaluate(p, mutated);
      r.results().stream().filter(x -> x.type() == RuleType.VALIDATION).forEach(results::add);
    }
    return new AdmissionVerdict(current, results);
  }

  /**
   * Scans the kinds on every member concurrently, evaluates them as a background scan (no user info), and returns one
   * report per namespace per cluster plus the fleet summary. An unreachable cluster is listed in
   * {@link FleetPolicyReport#unreachable()}; the others are still reported.
   */
  public FleetPolicyReport audit(dev.kurator.core.Fleet fleet, Kinds kinds) {
    return FleetAudit.run(this, Objects.requireNonNull(fleet, "fleet"), Objects.requireNonNull(kinds, "kinds"),
        fleet.clock());
  }

  /**
   * Writes the reports of an audit back to their clusters as wgpolicyk8s.io objects.
   *
   * @return clusters whose write failed, with the reason; empty when every report was written
   */
  public static Map<String, String> writeReports(dev.kurator.core.Fleet fleet, FleetPolicyReport report) {
    return FleetAudit.writeBack(Objects.requireNonNull(fleet, "fleet"), Objects.requireNonNull(report, "report"));
  }

  EvalInput input(AdmissionRequest r) {
    ResourceInfo info = ResourceInfo.of(r.resource());
    if (!r.subresource().isEmpty()) {
      info = info.asSubresource(r.subresource(), r.parentKind());
    }
    return new EvalInput(r.resource(), r.oldResource().orElse(null), r.operation().requestValue(), r.user(),
        r.namespaceLabels(), r.variables(), Map.of(), info, List.of(), set.exceptions());
  }

  List<CompiledPolicy> compiled() {
    return compiled;
  }

  static PolicyResponse evaluate(CompiledPolicy p, EvalInput in) {
    RuleEngine.Outcome o = RuleEngine.apply(p, in, Jmes.get());
    List<RuleResult> results = new ArrayList<>();
    List<JsonNode> generated = new ArrayList<>();
    for (RuleResponse r : o.responses()) {
      RuleStatus status = r.status();
      if (status == RuleStatus.FAIL && r.type() == RuleType.VALIDATION && !p.scored()) {
        status = RuleStatus.WARN;
      }
      boolean enforce = r.type() == RuleType.VALIDATION && p.enforces(r.rule(), in.info().namespace());
      results.add(new RuleResult(p.source().reportName(), r.rule(), r.type(), status, r.message(), enforce));
      generated.addAll(r.generated());
    }
    return new PolicyResponse(p.source(), results, o.patched(), generated);
  }
}
