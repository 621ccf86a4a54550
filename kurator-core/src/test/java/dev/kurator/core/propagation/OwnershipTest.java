package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipTest {

  @Test
  void kindsRoundTripSortedAndWithoutRepeats() {
    String value = Ownership.kindsValue(List.of(List.of("v1", "ConfigMap"), List.of("apps/v1", "Deployment"),
        List.of("v1", "ConfigMap"), List.of("example.dev/v1alpha1", "Widget")));

    assertThat(value).isEqualTo("apps/v1/Deployment,example.dev/v1alpha1/Widget,v1/ConfigMap");
    assertThat(Ownership.parseKinds(value)).containsExactly(List.of("apps/v1", "Deployment"),
        List.of("example.dev/v1alpha1", "Widget"), List.of("v1", "ConfigMap"));
  }

  @Test
  void editedEntriesThatAreNotApiVersionAndKindAreIgnored() {
    assertThat(Ownership.parseKinds("v1/ConfigMap, ,Deployment,/Pod,v1/,apps/v1/Deploy ment,../../x/Secret"))
        .containsExactly(List.of("v1", "ConfigMap"));
    assertThat(Ownership.parseKinds(null)).isEmpty();
  }
}
