package dev.kurator.core.sameness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ValidationException;
import dev.kurator.core.propagation.Drift;
import dev.kurator.core.propagation.MockMembers;
import dev.kurator.core.propagation.PropagationResult;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SamenessTest {

  MockMembers fleet;
  Sameness sameness;

  @BeforeEach
  void start() {
    fleet = new MockMembers().add("a", Map.of()).add("b", Map.of());
    sameness = Sameness.builder("shop-sameness")
        .namespace("shop", Map.of("team", "payments", "istio-injection", "enabled"))
        .serviceAccount("shop", "api")
        .configMap(new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
            .addToData("currency", "EUR").build())
        .secret(new SecretBuilder().withNewMetadata().withName("db").withNamespace("shop").endMetadata()
            .addToStringData("password", "s3cret").build())
        .build();
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  void assertIdentical(KubernetesClient c) {
    Namespace ns = c.namespaces().withName("shop").get();
    assertThat(ns.getMetadata().getLabels()).containsEntry("team", "payments").containsEntry("istio-injection",
        "enabled");
    assertThat(c.serviceAccounts().inNamespace("shop").withName("api").get()).isNotNull();
    assertThat(c.configMaps().inNamespace("shop").withName("settings").get().getData()).containsEntry("currency",
        "EUR");
    assertThat(c.secrets().inNamespace("shop").withName("db").get().getData()).containsEntry("password",
        "czNjcmV0");
  }

  @Test
  void repairMakesEveryMemberIdenticalAndASecondRepairWritesNothing() {
    assertThat(sameness.check(fleet).divergent()).containsOnlyKeys("a", "b");

    PropagationResult r = sameness.repair(fleet);

    assertThat(r.failures()).isEmpty();
    assertIdentical(fleet.client("a"));
    assertIdentical(fleet.client("b"));
    assertThat(sameness.check(fleet).identical()).isTrue();
    assertThat(sameness.repair(fleet).unchangedEverywhere()).isTrue();
  }

  @Test
  void divergentMembersAreReportedAndRepaired() {
    sameness.repair(fleet).throwIfAnyFailed();
    KubernetesClient b = fleet.client("b");
    b.configMaps().inNamespace("shop").withName("settings").edit(cm -> new ConfigMapBuilder(cm)
        .addToData("currency", "USD").build());
    b.serviceAccounts().inNamespace("shop").withName("api").delete();

    SamenessReport report = sameness.check(fleet);

    assertThat(report.divergent()).containsOnlyKeys("b");
    assertThat(report.divergent().get("b")).extracting(Drift::kind)
        .containsExactlyInAnyOrder(Drift.Kind.MISSING, Drift.Kind.MODIFIED);
    sameness.repair(fleet).throwIfAnyFailed();
    assertIdentical(b);
    assertThat(sameness.check(fleet).identical()).isTrue();
  }

  @Test
  void aNewMemberCatchesUp() {
    sameness.repair(fleet).throwIfAnyFailed();
    fleet.add("c", Map.of());

    assertThat(sameness.check(fleet).divergent()).containsOnlyKeys("c");
    PropagationResult r = sameness.repair(fleet);

    assertThat(r.cluster("a").unchanged()).isTrue();
    assertThat(r.cluster("c").changes()).hasSize(4);
    assertIdentical(fleet.client("c"));
  }

  @Test
  void secretDataNeverShowsInDescriptions() {
    assertThat(sameness.toString()).contains("Secret shop/db").doesNotContain("s3cret").doesNotContain("czNjcmV0");
  }

  @Test
  void badInputIsRejectedWithFieldPaths() {
    assertThatThrownBy(() -> Sameness.builder("s").namespace("Shop_1", Map.of()).serviceAccount("shop", "")
        .configMap(new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("elsewhere").endMetadata()
            .build()).build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactlyInAnyOrder(
                "sameness.namespaces[0].name", "sameness.serviceAccounts[1].name",
                "sameness.objects[1].metadata.namespace", "sameness.objects[2].metadata.namespace",
                "sameness.objects[1].metadata.name"));
  }
}
