package com.example.scripts;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Outcome;
import dev.kurator.testing.EmbeddedFleetExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kurator-testing's extension under the project's own JUnit, here JUnit 6. */
class JUnit6SuiteTest {

  @RegisterExtension
  static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(2);

  @Test
  void runsOnJUnit6() {
    assertThat(Test.class.getPackage().getImplementationVersion()).startsWith("6.");
  }

  @Test
  void appliesToAnEmbeddedFleet() {
    ConfigMap settings = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default")
        .endMetadata().addToData("mode", "canary").build();

    assertThat(fleet.get().apply(settings).onAllClusters().count(Outcome.Applied.class)).isEqualTo(2);
    assertThat(fleet.get()).resource(settings).existsEverywhere().hasFieldOn("/data/mode", "canary", "cluster-1");
  }
}
