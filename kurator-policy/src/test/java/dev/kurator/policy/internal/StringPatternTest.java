package dev.kurator.policy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The string mini-language of patterns and Kyverno's glob. */
class StringPatternTest {

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      -9          | -10--8               | true
      -11         | -10--8               | false
      3           | +2-+4                | true
      3.0         | 2.5-3.5              | true
      50Mi        | 100Mi!-1024Mi        | true
      512Mi       | 100Mi!-1024Mi        | false
      32500       | 32000-33000          | true
      nginx:latest| !*:latest            | false
      nginx:1.2   | !*:latest            | true
      5.10.84-1   | !5.10.84-1 & !5.15.5-2 | false
      5.4.0       | !5.10.84-1 & !5.15.5-2 | true
      500m        | <1                   | true
      2Gi         | >=1024Mi             | true
      30m         | >1h                  | false
      2h          | >1h                  | true
      abc         | >a                   | false
      """)
  void stringPatterns(String value, String pattern, boolean expected) {
    assertThat(StringPattern.matchesString(Json.NODES.textNode(value), pattern)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void alternativesAreSeparatedByBars() {
    assertThat(StringPattern.matchesString(Json.NODES.textNode("bar.io/x"), "eu.foo.io/* | bar.io/*")).isTrue();
    assertThat(StringPattern.matchesString(Json.NODES.textNode("evil.io/x"), "eu.foo.io/* | bar.io/*")).isFalse();
  }

  @ParameterizedTest(name = "{0} ~ {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      *    | a/b/c | true
      ?    | /     | true
      ?*   | ''    | false
      ''   | ''    | true
      ''   | x     | false
      a*c  | abbbc | true
      A*   | abc   | false
      """)
  void globMatchesAnyCharacterIncludingSlash(String pattern, String text, boolean expected) {
    assertThat(Wildcard.match(pattern, text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      1.5  | 1.5E+00
      100  | 1E+02
      0.25 | 2.5E-01
      """)
  void floatsPrintInGoExponentForm(double v, String expected) {
    assertThat(StringPattern.goExponent(v)).isEqualTo(expected);
  }
}
