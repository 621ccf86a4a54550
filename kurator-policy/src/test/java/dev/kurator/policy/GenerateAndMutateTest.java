package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.internal.Json;
import dev.kurator.policy.internal.JsonPatch;
import dev.kurator.policy.internal.StrategicMerge;
import org.junit.jupiter.api.Test;

/** Generate data rules, strategic-merge anchors and lenient JSON patches. */
class GenerateAndMutateTest {

  @Test
  void generateDataIsTemplatedFromTheTrigger() {
    PolicyEngine engine = PolicyEngine.of(ClusterPolicies.parse("""
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: default-deny}
        spec:
          rules:
          - name: netpol
            match: {any: [{resources: {kinds: [Namespace]}}]}
            generate:
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              name: default-deny
              namespace: "{{request.object.metadata.name}}"
              data:
                spec: {podSelector: {}, policyTypes: [Ingress]}
        """));
    PolicyResponse r = engine.evaluate(AdmissionRequest.create(Json.parse(
        "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team-a\"}}"))).get(0);
    assertThat(r.results()).singleElement().extracting(RuleResult::status).isEqualTo(RuleStatus.PASS);
    JsonNode generated = r.generated().get(0);
    assertThat(generated.at("/metadata/namespace").asText()).isEqualTo("team-a");
    assertThat(generated.at("/spec/policyTypes/0").asText()).isEqualTo("Ingress");
  }

  @Test
  void strategicMergeAddsOnlyMissingKeysOnAnchoredElements() {
    JsonNode pod = Json.parse("{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"x\"},"
        + "{\"name\":\"b\",\"image\":\"y\",\"imagePullPolicy\":\"Always\"}]}}");
    JsonNode patch = Json.parse("{\"spec\":{\"containers\":[{\"(name)\":\"*\",\"+(imagePullPolicy)\":"
        + "\"IfNotPresent\"}]}}");
    JsonNode out = StrategicMerge.apply(pod, patch);
    assertThat(out.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(out.at("/spec/containers/1/imagePullPolicy").asText()).isEqualTo("Always");
    assertThat(out.at("/spec/containers").size()).isEqualTo(2);
  }

  @Test
  void jsonPatchCreatesParentsAppendsAndIgnoresMissingRemovals() {
    JsonNode doc = Json.parse("{\"spec\":{\"tolerations\":[{\"key\":\"a\"}]}}");
    JsonNode ops = Json.parse("[{\"op\":\"add\",\"path\":\"/spec/tolerations/-\",\"value\":{\"key\":\"b\"}},"
        + "{\"op\":\"add\",\"path\":\"/metadata/labels/x\",\"value\":\"1\"},"
        + "{\"op\":\"remove\",\"path\":\"/spec/missing\"}]");
    JsonNode out = JsonPatch.apply(doc, ops);
    assertThat(out.at("/spec/tolerations/1/key").asText()).isEqualTo("b");
    assertThat(out.at("/metadata/labels/x").asText()).isEqualTo("1");
  }
}
