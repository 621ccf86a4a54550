package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.PodSecurityStandards.FailureAction;
import dev.kurator.policy.PodSecurityStandards.Level;
import dev.kurator.policy.internal.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PodSecurityStandardsTest {

  static final JsonNode RESTRICTED_POD = Json.parse("""
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"ok","namespace":"apps"},
       "spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
        "containers":[{"name":"app","image":"registry.io/app:1.0",
          "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}""");

  static final JsonNode PRIVILEGED_POD = Json.parse("""
      {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad","namespace":"apps"},
       "spec":{"hostNetwork":true,"volumes":[{"name":"h","hostPath":{"path":"/etc"}}],
        "containers":[{"name":"app","image":"app","securityContext":{"privileged":true,
          "capabilities":{"add":["SYS_ADMIN"]}}}]}}""");

  private static Set<String> failing(PolicySet set, JsonNode pod) {
    return PolicyEngine.of(set).evaluate(AdmissionRequest.create(pod)).stream()
        .flatMap(r -> r.results().stream())
        .filter(r -> r.status() == RuleStatus.FAIL)
        .map(RuleResult::policy)
        .collect(Collectors.toSet());
  }

  @Test
  void levelsHoldTheStandardPolicyCounts() {
    assertThat(PodSecurityStandards.policies(Level.PRIVILEGED).policies()).isEmpty();
    assertThat(PodSecurityStandards.policies(Level.BASELINE).policies()).hasSize(11);
    assertThat(PodSecurityStandards.policies(Level.RESTRICTED).policies()).hasSize(17);
  }

  @Test
  void compliantPodPassesRestricted() {
    assertThat(failing(PodSecurityStandards.policies(Level.RESTRICTED), RESTRICTED_POD)).isEmpty();
  }

  @Test
  void privilegedPodFailsTheBaselineChecksItBreaks() {
    assertThat(failing(PodSecurityStandards.policies(Level.BASELINE), PRIVILEGED_POD)).containsExactlyInAnyOrder(
        "pss-baseline-capabilities", "pss-baseline-host-namespaces", "pss-baseline-host-path",
        "pss-baseline-privileged");
  }

  @Test
  void enforceModeBlocksAdmissionAndAppliesToControllers() {
    PolicyEngine engine = PolicyEngine.of(PodSecurityStandards.policies(Level.BASELINE, FailureAction.ENFORCE,
        "high"));
    JsonNode deployment = Json.parse("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\","
        + "\"namespace\":\"apps\"},\"spec\":{\"template\":" + Json.write(PRIVILEGED_POD) + "}}");
    AdmissionVerdict v = engine.admit(AdmissionRequest.create(deployment));
    assertThat(v.allowed()).isFalse();
    List<String> rules = v.blocking().stream().map(RuleResult::rule).toList();
    assertThat(rules).contains("autogen-privileged-containers", "autogen-host-path");
    assertThat(engine.policies().policies().get(0).severity()).isEqualTo("high");
  }

  @Test
  void backgroundScansSeeAnEmptyOperation() {
    PolicyEngine engine = PolicyEngine.of(ClusterPolicies.parse("""
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: op}
        spec:
          rules:
          - name: record-operation
            match: {any: [{resources: {kinds: [Pod], operations: [CREATE]}}]}
            validate:
              deny:
                conditions:
                  all: [{key: "{{ request.operation || 'BACKGROUND' }}", operator: Equals, value: BACKGROUND}]
        """));
    assertThat(engine.evaluate(AdmissionRequest.background(PRIVILEGED_POD)).get(0).results()).singleElement()
        .extracting(RuleResult::status).isEqualTo(RuleStatus.FAIL);
    assertThat(engine.evaluate(AdmissionRequest.create(PRIVILEGED_POD)).get(0).results()).singleElement()
        .extracting(RuleResult::status).isEqualTo(RuleStatus.PASS);
    assertThat(failing(PodSecurityStandards.policies(Level.BASELINE), PRIVILEGED_POD))
        .contains("pss-baseline-capabilities");
  }

  @Test
  void levelParsesKuratorWords() {
    assertThat(Level.of("Restricted")).isEqualTo(Level.RESTRICTED);
  }
}
