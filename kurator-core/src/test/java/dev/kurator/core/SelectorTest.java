package dev.kurator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorTest {

  private static Fleet fleet;

  @BeforeAll
  static void fleet() {
    fleet = Fleet.builder("prod")
        .member(Clients.member("eu-1").withLabels(Map.of("region", "eu", "tier", "gold")))
        .member(Clients.member("eu-2").withLabels(Map.of("region", "eu", "deprecated", "true")))
        .member(Clients.member("us-1").withLabels(Map.of("region", "us", "tier", "silver")))
        .member(Clients.member("ap-1"))
        .build();
  }

  @AfterAll
  static void close() {
    fleet.members().forEach(m -> m.client().close());
    fleet.close();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "region=eu                     | eu-1 eu-2",
      "region==eu                    | eu-1 eu-2",
      "region!=eu                    | us-1 ap-1",
      "region in (eu, us)            | eu-1 eu-2 us-1",
      "region notin (eu)             | us-1 ap-1",
      "tier                          | eu-1 us-1",
      "!tier                         | eu-2 ap-1",
      "region=eu,!deprecated         | eu-1",
      "region in (eu,us),tier=silver | us-1",
      "''                            | eu-1 eu-2 us-1 ap-1",
  })
  void labelSelectorsPickMatchingMembersInFleetOrder(String selector, String expected) {
    assertThat(Selector.labels(selector).select(fleet)).extracting(MemberCluster::name)
        .containsExactly(expected.split(" "));
  }

  @Test
  void emptyMatchIsAnEmptySelection() {
    assertThat(Selector.labels("region=mars").select(fleet)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "region in eu        | needs a parenthesised value list",
      "region~eu           | has an invalid label key \"region~eu\"",
      "region=eu,,tier     | has an empty requirement",
      "Bad Key=1           | has an invalid label key \"Bad Key\"",
      "region=e u          | has an invalid label value",
  })
  void badSelectorsNameTheSelectorAndTheRule(String selector, String rule) {
    assertThatThrownBy(() -> Selector.labels(selector))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("selector: was \"" + selector + "\"")
        .hasMessageContaining(rule);
  }

  @Test
  void namesMustBeMembers() {
    assertThat(Selector.names("us-1", "eu-1").select(fleet)).extracting(MemberCluster::name)
        .containsExactly("eu-1", "us-1");
    assertThatThrownBy(() -> Selector.names("eu-1", "mars-1").select(fleet))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("selector.names[1]: was \"mars-1\", is not a member of fleet \"prod\"");
  }
}
