package dev.kurator.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Condition operators, variable substitution and Kyverno's strict JMESPath. */
class ConditionsAndJmesTest {

  private static JsonNode j(String s) {
    return Json.parse(s);
  }

  private static EvalContext ctx(String json) {
    return new EvalContext((ObjectNode) j(json), false, Jmes.get());
  }

  @ParameterizedTest(name = "{1}({0}, {2}) = {3}")
  @CsvSource(delimiter = '|', textBlock = """
      "5"              | Equals              | 5                      | false
      5                | Equals              | "5"                    | true
      "nginx:1.2"      | Equals              | "nginx:*"              | true
      "1h"             | Equals              | "60m"                  | true
      "1Gi"            | Equals              | "1024Mi"               | true
      "CREATE"         | AnyIn               | ["CREATE","UPDATE"]    | true
      ["a","b"]        | AllIn               | ["a"]                  | false
      ["a","b"]        | AnyNotIn            | ["a"]                  | true
      "5500"           | AnyNotIn            | "5000-6000"            | false
      "6500"           | AnyNotIn            | "5000-6000"            | true
      "x"              | In                  | ["x","y"]              | true
      ["x","z"]        | NotIn               | ["x","y"]              | true
      "2h"             | GreaterThan         | "90m"                  | true
      "1.2.3"          | LessThan            | "1.10.0"               | true
      "500m"           | LessThanOrEquals    | "1"                    | true
      3600             | GreaterThanOrEquals | "1h"                   | true
      """)
  void operators(String key, String op, String value, boolean expected) {
    assertThat(Conditions.apply(op, j(key), j(value))).isEqualTo(expected);
  }

  @Test
  void emptyConditionBlockHolds() {
    assertThat(Conditions.evaluate(j("{}"), ctx("{}")).holds()).isTrue();
  }

  @Test
  void allShortCircuitsBeforeAMissingKey() {
    JsonNode block = j("{\"all\":[{\"key\":\"{{ a }}\",\"operator\":\"Equals\",\"value\":\"no\"},"
        + "{\"key\":\"{{ missing.key }}\",\"operator\":\"Equals\",\"value\":\"x\"}]}");
    assertThat(Conditions.evaluate(block, ctx("{\"a\":\"yes\"}")).holds()).isFalse();
  }

  @Test
  void missingKeysAreErrorsUnlessDefaulted() {
    EvalContext c = ctx("{\"request\":{\"object\":{\"spec\":{}}}}");
    assertThatThrownBy(() -> Variables.substituteString("{{ request.object.spec.duration }}", c, null, "/"))
        .isInstanceOf(Variables.SubstitutionException.class).hasMessageContaining("duration");
    assertThat(Variables.substituteString("{{ request.object.spec.duration || 'none' }}", c, null, "/").asText())
        .isEqualTo("none");
    assertThat(c.query("to_string(request.object.spec.duration)").asText()).isEqualTo("null");
    assertThat(c.query("request.object.[spec.a, spec.b][]")).allMatch(JsonNode::isNull);
  }

  @Test
  void loneVariablesKeepTheirTypeAndEmbeddedOnesInterpolate() {
    EvalContext c = ctx("{\"n\":3,\"s\":\"x\",\"m\":{\"k\":1}}");
    assertThat(Variables.substituteString("{{ n }}", c, null, "/").isNumber()).isTrue();
    assertThat(Variables.substituteString("n={{ n }}, m={{ m }}", c, null, "/").asText()).isEqualTo("n=3, m={\"k\":1}");
    assertThat(Variables.substituteString("{{ m.{{ s }} || 'none' }}", c, null, "/").asText()).isEqualTo("none");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      divide('500Mi','250Mi')                         | 2
      add('1Gi','512Mi')                              | "1536Mi"
      path_canonicalize('/var/../etc//passwd')        | "/etc/passwd"
      pattern_match('prefix-*','prefix-a')            | true
      regex_match('^[0-9]+$','123')                   | true
      split('a,b',',')                                | ["a","b"]
      to_upper('abc')                                 | "ABC"
      truncate('abcdef',`3`)                          | "abc"
      base64_decode('aGVsbG8=')                       | "hello"
      items({"b":1,"a":2},'k','v')                    | [{"k":"a","v":2},{"k":"b","v":1}]
      object_from_lists(['a','b'],[`1`,`2`])          | {"a":1,"b":2}
      semver_compare('1.2.3','>=1.0.0 <2.0.0')        | true
      time_add('2024-01-01T00:00:00Z','1h')           | "2024-01-01T01:00:00Z"
      time_since('','2024-01-01T00:00:00Z','2024-01-01T01:30:00Z') | "1h30m0s"
      time_parse('2006-01-02','2024-03-05')           | "2024-03-05T00:00:00Z"
      """)
  void kyvernoFunctions(String expression, String expected) {
    String expr = expression.replace("{\"b\":1,\"a\":2}", "`{\"b\":1,\"a\":2}`");
    assertThat(Conditions.deepEquals(Jmes.get().search(expr, j("{}")), j(expected))).as(expr).isTrue();
  }
}
