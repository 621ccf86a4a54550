package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.internal.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CEL rules: validate.cel with celPreconditions, and Kyverno ValidatingPolicy. */
class CelPolicyTest {

  private static JsonNode deployment(int replicas, String env) {
    return Json.parse("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d\",\"namespace\":\"a\","
        + "\"labels\":{\"env\":\"" + env + "\"}},\"spec\":{\"replicas\":" + replicas + ",\"template\":{\"spec\":"
        + "{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}");
  }

  private static List<RuleResult> results(String yaml, JsonNode resource) {
    return PolicyEngine.of(ClusterPolicies.parse(yaml)).evaluate(AdmissionRequest.create(resource)).get(0).results();
  }

  static final String CEL_RULE = """
      apiVersion: kyverno.io/v1
      kind: ClusterPolicy
      metadata: {name: replicas}
      spec:
        rules:
        - name: max-replicas
          match: {any: [{resources: {kinds: [Deployment]}}]}
          celPreconditions:
          - name: prod-only
            expression: "object.metadata.labels.env == 'prod'"
          validate:
            failureAction: Enforce
            cel:
              variables:
              - name: limit
                expression: "3"
              expressions:
              - expression: "object.spec.replicas <= variables.limit"
                messageExpression: "'at most ' + string(variables.limit) + ' replicas, got ' + string(object.spec.replicas)"
      """;

  @Test
  void celRulePassesFailsAndSkipsOnItsPreconditions() {
    assertThat(results(CEL_RULE, deployment(2, "prod"))).singleElement()
        .extracting(RuleResult::status).isEqualTo(RuleStatus.PASS);
    RuleResult fail = results(CEL_RULE, deployment(5, "prod")).get(0);
    assertThat(fail.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(fail.message()).isEqualTo("at most 3 replicas, got 5");
    assertThat(fail.blocks()).isTrue();
    assertThat(results(CEL_RULE, deployment(5, "dev")).get(0).status()).isEqualTo(RuleStatus.SKIP);
  }

  static final String VALIDATING_POLICY = """
      apiVersion: policies.kyverno.io/v1
      kind: ValidatingPolicy
      metadata: {name: no-latest}
      spec:
        validationActions: [Deny]
        matchConstraints:
          resourceRules:
          - apiGroups: [apps]
            apiVersions: [v1]
            operations: [CREATE, UPDATE]
            resources: [deployments]
        validations:
        - expression: "object.spec.template.spec.containers.all(c, c.image.contains(':') && !c.image.endsWith(':latest'))"
          message: images need a pinned tag
      """;

  @Test
  void validatingPolicyDeniesUnpinnedImagesAndIgnoresOtherKinds() {
    RuleResult r = results(VALIDATING_POLICY, deployment(1, "prod")).get(0);
    assertThat(r.status()).isEqualTo(RuleStatus.FAIL);
    assertThat(r.message()).isEqualTo("images need a pinned tag");
    assertThat(r.blocks()).isTrue();
    JsonNode pod = Json.parse("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"}}");
    assertThat(results(VALIDATING_POLICY, pod)).isEmpty();
  }
}
