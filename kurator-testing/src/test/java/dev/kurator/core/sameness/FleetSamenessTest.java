package dev.kurator.core.sameness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.FleetRegistry;
import dev.kurator.core.propagation.Drift;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetSamenessTest {

  EmbeddedFleet embedded;
  Sameness sameness;

  @BeforeEach
  void start() {
    embedded = EmbeddedFleet.start(3);
    sameness = Sameness.builder("payments")
        .namespace("payments", Map.of("team", "payments"))
        .serviceAccount("payments", "api")
        .configMap(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("payments")
            .endMetadata().addToData("currency", "EUR").build())
        .secret(new SecretBuilder().withNewMetadata().withName("db").withNamespace("payments").endMetadata()
            .addToStringData("password", "s3cret").build())
        .build();
  }

  @AfterEach
  void stop() {
    embedded.close();
  }

  static void assertIdentical(KubernetesClient c) {
    assertThat(c.namespaces().withName("payments").get().getMetadata().getLabels()).containsEntry("team", "payments");
    assertThat(c.serviceAccounts().inNamespace("payments").withName("api").get()).isNotNull();
    assertThat(c.configMaps().inNamespace("payments").withName("settings").get().getData())
        .containsEntry("currency", "EUR");
    assertThat(c.secrets().inNamespace("payments").withName("db").get().getData()).containsEntry("password",
        "czNjcmV0");
  }

  @Test
  void aMemberAnsweringWithTransientServerErrorsIsRetriedAndRepaired() {
    // a breaker that tolerates a few failures (the default opens at 2 failures out of 3 calls)
    dev.kurator.core.Resilience tolerant = EmbeddedFleet.TEST_RESILIENCE
        .circuitBreaker(50f, 10, 10, java.time.Duration.ofMinutes(1));
    try (EmbeddedFleet own = EmbeddedFleet.builder().members(2).resilience(tolerant).start()) {
      own.cluster("cluster-1").failNext("GET", 503, 2);

      sameness.repair(own.fleet()).throwIfAnyFailed();

      own.clusters().forEach(c -> assertIdentical(c.client()));
    }
  }

  @Test
  void divergentMembersAreReportedAndRepaired() {
    sameness.repair(embedded.fleet()).throwIfAnyFailed();
    KubernetesClient c1 = embedded.cluster("cluster-1").client();
    c1.configMaps().inNamespace("payments").withName("settings").edit(cm -> new ConfigMapBuilder(cm)
        .addToData("currency", "USD").build());
    c1.namespaces().withName("payments").edit(ns -> {
      ns.getMetadata().getLabels().put("team", "other");
      return ns;
    });
    embedded.cluster("cluster-2").client().secrets().inNamespace("payments").withName("db").delete();

    SamenessReport report = sameness.check(embedded.fleet());

    assertThat(report.divergent()).containsOnlyKeys("cluster-1", "cluster-2");
    assertThat(report.divergent().get("cluster-1")).extracting(Drift::kind).containsOnly(Drift.Kind.MODIFIED)
        .hasSize(2);
    assertThat(report.divergent().get("cluster-2")).extracting(d -> d.ref().name()).containsExactly("db");

    assertThat(embedded.fleet().sameness(sameness).repair().failures()).isEmpty();
    embedded.clusters().forEach(c -> assertIdentical(c.client()));
    assertThat(embedded.fleet().sameness(sameness).check().identical()).isTrue();
  }

  @Test
  void aPreExistingNamespaceIsReportedUntilAdoptedWithOverwrite() {
    embedded.cluster("cluster-0").client().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata().withName("payments").addToLabels("team", "legacy").endMetadata().build()).create();

    assertThat(sameness.repair(embedded.fleet()).failures()).containsOnlyKeys("cluster-0");
    assertThat(sameness.check(embedded.fleet()).divergent().get("cluster-0")).extracting(Drift::kind)
        .containsExactly(Drift.Kind.CONFLICT);

    Sameness adopting = Sameness.builder("payments").namespace("payments", Map.of("team", "payments"))
        .conflictResolution(dev.kurator.core.propagation.ConflictResolution.OVERWRITE).build();
    assertThat(adopting.repair(embedded.fleet()).failures()).isEmpty();
    assertThat(embedded.cluster("cluster-0").client().namespaces().withName("payments").get().getMetadata()
        .getLabels()).containsEntry("team", "payments");
  }

  @Test
  void aMemberThatJoinsCatchesUp() throws Exception {
    FleetRegistry registry = FleetRegistry.of(embedded.fleet().leave("cluster-2"));
    try (AutoCloseable following = sameness.follow(registry)) {
      assertIdentical(embedded.cluster("cluster-0").client());
      assertThat(embedded.cluster("cluster-2").client().namespaces().withName("payments").get()).isNull();

      registry.join(embedded.fleet().member("cluster-2").orElseThrow());

      assertIdentical(embedded.cluster("cluster-2").client());
      assertThat(sameness.check(registry.current()).identical()).isTrue();
    }
  }
}
