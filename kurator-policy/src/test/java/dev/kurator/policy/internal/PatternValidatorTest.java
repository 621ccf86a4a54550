package dev.kurator.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kurator.policy.internal.PatternValidator.Result.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pattern walk: anchors, skips and the documented quirks (facts from Kyverno's validate and anchor tests). */
class PatternValidatorTest {

  private static Status match(String pattern, String resource) {
    return PatternValidator.match(Json.parse(resource), Json.parse(pattern)).status();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      existence: one of two list elements matches | {"^(list)":[{"(name)":"nirmata-*","object":[{"(key1)":"value*","key2":"value*"}]}]} | {"list":[{"name":"nirmata-1","object":[{"key1":"value1","key2":"value2"}]},{"name":"nirmata-1","object":[{"key1":"not_value","key2":"not_value"}]}]} | PASS
      existence: no element matches fails | {"spec":{"^(containers)":[{"image":"nginx:*"}]}} | {"spec":{"containers":[{"image":"busybox"},{"image":"redis"}]}} | FAIL
      existence: every pattern element needs a match | {"^(ports)":[{"port":80},{"port":443}]} | {"ports":[{"port":80}]} | FAIL
      existence: each pattern element found | {"^(ports)":[{"port":80},{"port":443}]} | {"ports":[{"port":443},{"port":80}]} | PASS
      existence: absent key is not checked | {"spec":{"^(volumes)":[{"name":"x"}]}} | {"spec":{}} | PASS
      existence: non-list resource value fails | {"spec":{"^(volumes)":[{"name":"x"}]}} | {"spec":{"volumes":{"name":"x"}}} | FAIL
      conditional anchors on a missing key skip | {"metadata":{"labels":{"allow-docker":"true"}},"(spec)":{"(volumes)":[{"(hostPath)":{"path":"/var/run/docker.sock"}}]}} | {"metadata":{"labels":{"run":"nginx"}},"spec":{"containers":[{"name":"nginx"}]}} | SKIP
      conditional anchors hold then the rest must | {"metadata":{"labels":{"allow-docker":"true"}},"(spec)":{"(volumes)":[{"(hostPath)":{"path":"/var/run/docker.sock"}}]}} | {"metadata":{"labels":{"allow-docker":"true"}},"spec":{"volumes":[{"hostPath":{"path":"/var/run/docker.sock"}}]}} | PASS
      conditional anchor value mismatch skips | {"metadata":{"labels":{"allow-docker":"true"}},"(spec)":{"(volumes)":[{"(hostPath)":{"path":"/var/run/docker.sock"}}]}} | {"metadata":{"labels":{"run":"nginx"}},"spec":{"volumes":[{"hostPath":{"path":"/random"}}]}} | SKIP
      equality list with every element skipped skips | {"spec":{"=(volumes)":[{"(name)":"!cache-volume","=(emptyDir)":{"sizeLimit":"?*"}}]}} | {"spec":{"volumes":[{"name":"cache-volume","emptyDir":{}}]}} | SKIP
      skipped initContainers masked by applied containers | {"spec":{"=(initContainers)":[{"(name)":"!istio-init","=(securityContext)":{"=(runAsUser)":">0"}}],"=(containers)":[{"=(securityContext)":{"=(runAsUser)":">0"}}]}} | {"spec":{"initContainers":[{"name":"istio-init","securityContext":{"runAsUser":0}}],"containers":[{"securityContext":{"runAsUser":1000}}]}} | PASS
      equality anchor mismatch fails | {"spec":{"=(initContainers)":[{"(name)":"!istio-init","=(securityContext)":{"=(runAsUser)":">0"}}],"=(containers)":[{"=(securityContext)":{"=(runAsUser)":">0"}}]}} | {"spec":{"containers":[{"securityContext":{"runAsUser":0}}]}} | FAIL
      absent equality anchors pass | {"spec":{"=(initContainers)":[{"(name)":"!istio-init","=(securityContext)":{"=(runAsUser)":">0"}}],"=(containers)":[{"=(securityContext)":{"=(runAsUser)":">0"}}]}} | {"spec":{"containers":[{"name":"nginx"}]}} | PASS
      and-joined negations in a condition | {"spec":{"=(volumes)":[{"(name)":"!credential-socket&!istio-data","=(emptyDir)":{"sizeLimit":"?*"}}]}} | {"spec":{"volumes":[{"name":"cache-volume","emptyDir":{}}]}} | FAIL
      global anchor mismatch skips | {"spec":{"containers":[{"name":"*","<(image)":"*:latest","imagePullPolicy":"!Always"}]}} | {"spec":{"containers":[{"name":"nginx","image":"nginx:v1","imagePullPolicy":"Always"}]}} | SKIP
      global anchor match then checks siblings | {"spec":{"containers":[{"name":"*","<(image)":"*:latest","imagePullPolicy":"!Always"}]}} | {"spec":{"containers":[{"name":"nginx","image":"nginx:latest","imagePullPolicy":"Always"}]}} | FAIL
      global anchor mixed elements pass | {"spec":{"containers":[{"name":"*","<(image)":"*:latest","imagePullPolicy":"!Always"}]}} | {"spec":{"containers":[{"name":"a","image":"nginx:latest","imagePullPolicy":"IfNotPresent"},{"name":"b","image":"nginx:v2","imagePullPolicy":"IfNotPresent"}]}} | PASS
      global anchor on a missing key is satisfied | {"<(kind)":"Pod","spec":{"x":"y"}} | {"spec":{"x":"y"}} | PASS
      negation anchor present fails | {"spec":{"X(hostNetwork)":"null"}} | {"spec":{"hostNetwork":false}} | FAIL
      negation anchor absent passes | {"spec":{"X(hostNetwork)":"null"}} | {"spec":{}} | PASS
      empty string does not match a missing field | {"spec":{"a":""}} | {"spec":{}} | FAIL
      null matches a missing field | {"spec":{"a":null}} | {"spec":{}} | PASS
      greater-or-equal zero matches a missing field | {"spec":{"replicas":">=0"}} | {"spec":{}} | PASS
      only the first pattern list element is used | {"items":[{"x":"1"},{"x":"2"}]} | {"items":[{"x":"1"}]} | PASS
      star requires a non-null value | {"spec":{"livenessProbe":"*"}} | {"spec":{"livenessProbe":null}} | FAIL
      scalar pattern applies to every list element | {"args":"!--privileged"} | {"args":["a","--privileged"]} | FAIL
      wildcard label keys expand to the resource key | {"metadata":{"labels":{"app.kubernetes.io/*":"?*"}}} | {"metadata":{"labels":{"app.kubernetes.io/name":"web"}}} | PASS
      """)
  void patternOutcome(String name, String pattern, String resource, Status expected) {
    assertThat(match(pattern, resource)).as(name).isEqualTo(expected);
  }

  @Test
  void failureOutsideAnchorsWhileAConditionKeyIsAbsentIsAnError() {
    PatternValidator.Result r = PatternValidator.match(
        Json.parse("{\"spec\":{\"containers\":[{\"name\":\"x\"}]}}"),
        Json.parse("{\"spec\":{\"containers\":[{\"name\":\"y\",\"X(securityContext)\":\"null\"}]}}"));
    assertThat(r.status()).isEqualTo(Status.ERROR);
    assertThat(r.path()).isEmpty();
  }

  @Test
  void failuresCarryThePathOfTheMismatch() {
    PatternValidator.Result r = PatternValidator.match(Json.parse("{\"spec\":{\"replicas\":7}}"),
        Json.parse("{\"spec\":{\"replicas\":\"<5\"}}"));
    assertThat(r.status()).isEqualTo(Status.FAIL);
    assertThat(r.path()).isEqualTo("/spec/replicas/");
  }

  @ParameterizedTest
  @CsvSource({"(something),CONDITION", "^(abc),EXISTENCE", "=(abc),EQUALITY", "+(abc),ADD_IF_NOT_PRESENT",
      "X(abc),NEGATION", "<(abc),GLOBAL"})
  void anchorKeysParse(String key, Anchor.Type type) {
    assertThat(Anchor.parse(key)).isEqualTo(new Anchor(type, key.substring(key.indexOf('(') + 1, key.length() - 1)));
  }

  @ParameterizedTest
  @CsvSource({"()", "something", "(something", "something)", "so)m(et(hin)g", "''", "^(abc", "^abc", "=abc", "+abc",
      "Xabc", "<abc"})
  void malformedAnchorKeysAreNotAnchors(String key) {
    assertThat(Anchor.parse(key)).isNull();
  }

  @Test
  void relativeReferencesReadThePatternItself() {
    EvalContext ctx = new EvalContext(Json.NODES.objectNode(), false, Jmes.get());
    JsonNode pattern = Variables.substitutePattern(Json.parse("{\"spec\":{\"containers\":[{\"name\":\"*\","
        + "\"resources\":{\"requests\":{\"memory\":\"$(<=./../../limits/memory)\"},"
        + "\"limits\":{\"memory\":\"2048Mi\"}}}]}}"), ctx, null);
    assertThat(pattern.at("/spec/containers/0/resources/requests/memory").asText()).isEqualTo("<=2048Mi");
    String resource = "{\"spec\":{\"containers\":[{\"name\":\"n\",\"resources\":{\"requests\":{\"memory\":"
        + "\"1024Mi\"},\"limits\":{\"memory\":\"2048Mi\"}}}]}}";
    assertThat(PatternValidator.match(Json.parse(resource), pattern).status()).isEqualTo(Status.PASS);
  }
}
