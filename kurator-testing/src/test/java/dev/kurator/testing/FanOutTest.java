package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import dev.kurator.core.Resilience;
import dev.kurator.core.Selector;
import dev.kurator.core.ValidationException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FanOutTest {

  @RegisterExtension
  static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(5).labels("region", "eu", "eu", "us", "us", "ap")
      .resetEach();

  @Test
  void appliesToEveryClusterThenReportsUnchangedWithoutWriting() {
    Deployment web = Deployments.web(2);

    FleetResult<Deployment> first = fleet.get().apply(web).onAllClusters();

    assertThat(first).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
    assertThat(first.rows()).allSatisfy(r -> assertThat(((Outcome.Applied<?>) r.outcome()).created()).isTrue());
    assertThat(fleet.get()).resource(web).existsEverywhere()
        .hasReplicasOn(2, "cluster-0", "cluster-1", "cluster-2", "cluster-3", "cluster-4");

    List<Integer> before = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();
    FleetResult<Deployment> second = fleet.get().apply(Deployments.web(2)).onAllClusters();

    assertThat(second).hasNoFailures().allHaveOutcome(Outcome.Unchanged.class);
    List<Integer> after = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i) - before.get(i)).as("requests to cluster-%d for an unchanged apply", i).isEqualTo(1);
    }
  }

  @Test
  void updatesWhatChangedAndKeepsTheRest() {
    fleet.get().apply(Deployments.web(2)).onAllClusters().throwIfAnyFailed();

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(4)).onClusters("cluster-1");

    assertThat(r).hasNoFailures().hasOutcomeOn(Outcome.Applied.class, "cluster-1");
    assertThat(((Outcome.Applied<Deployment>) r.outcome("cluster-1")).created()).isFalse();
    assertThat(fleet.get()).resource(Deployments.web(4)).hasReplicasOn(4, "cluster-1")
        .hasReplicasOn(2, "cluster-0", "cluster-2");
  }

  @Test
  void selectsClustersByLabel() {
    Deployment web = Deployments.web(1);

    FleetResult<Deployment> r = fleet.get().apply(web).onClusters(Selector.labels("region=eu"));

    assertThat(r.clusters()).containsExactly("cluster-0", "cluster-1");
    assertThat(fleet.get()).resource(web).existsExactlyOn("cluster-0", "cluster-1");
  }

  @Test
  void retriesAConflictingUpdateFromAFreshRead() {
    fleet.get().apply(Deployments.web(2)).onAllClusters().throwIfAnyFailed();
    fleet.embedded().cluster("cluster-2").failNext("PUT", 409, 1);

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(3)).onAllClusters();

    assertThat(r).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
    assertThat(fleet.get()).resource(Deployments.web(3)).hasReplicasOn(3, "cluster-2");
  }

  @Test
  void retriesServerErrorsAndThrottling() {
    fleet.embedded().cluster("cluster-0").failNext("GET", 503, 1);
    fleet.embedded().cluster("cluster-1").failNext("POST", 429, 2);

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(1)).onAllClusters();

    assertThat(r).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
    assertThat(fleet.get()).resource(Deployments.web(1)).existsEverywhere();
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    fleet.embedded().cluster("cluster-4").failNext(null, 500, 10);

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(1)).onAllClusters();

    assertThat(r).failedExactlyOn("cluster-4");
    Outcome.Failed<Deployment> failed = (Outcome.Failed<Deployment>) r.outcome("cluster-4");
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.message()).contains("injected fault: HTTP 500");
  }

  @Test
  void doesNotRetryAClientError() {
    fleet.embedded().cluster("cluster-3").failNext("POST", 422, 5);

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(1)).onAllClusters();

    assertThat(r).failedExactlyOn("cluster-3");
    Outcome.Failed<Deployment> failed = (Outcome.Failed<Deployment>) r.outcome("cluster-3");
    assertThat(failed.attempts()).isEqualTo(1);
    assertThat(failed.message()).contains("422");
  }

  @Test
  void appliesEveryDocumentOfAYamlTextInOrder() {
    String yaml = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: shop
        data:
          color: blue
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """;

    FleetResult<HasMetadata> r = fleet.get().apply(yaml).onAllClusters();

    assertThat(r).hasNoFailures();
    assertThat(r.rows()).hasSize(10);
    assertThat(r.rows("cluster-0")).extracting(row -> row.resource().kind()).containsExactly("ConfigMap",
        "Deployment");
    assertThat(fleet.get()).resource(Deployments.web(2)).existsEverywhere();
    assertThat(fleet.get().apply(yaml).onAllClusters().count(Outcome.Unchanged.class)).isEqualTo(10);
  }

  @Test
  void rejectsInvalidInputBeforeTouchingAnyCluster() {
    Deployment nameless = Deployments.web(1);
    nameless.getMetadata().setName(null);
    List<Integer> before = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();

    assertThatThrownBy(() -> fleet.get().apply(List.of(Deployments.web(1), nameless)).onAllClusters())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("resources[1].metadata.name: was null, must be set");
    assertThatThrownBy(() -> fleet.get().apply("kind: ConfigMap\nmetadata: {name: x}\n---\n: : bad: [").onAllClusters())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("documents[");
    assertThatThrownBy(() -> fleet.get().apply(Deployments.web(1)).onClusters("cluster-0", "nope"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("selector.names[1]: was \"nope\", is not a member of fleet \"embedded\"");

    List<Integer> after = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();
    assertThat(after).isEqualTo(before);
  }

  @Test
  void getsListsAndDeletes() {
    Fleet f = fleet.get();
    Deployment web = Deployments.web(1);
    f.apply(web).onClusters("cluster-0", "cluster-1").throwIfAnyFailed();

    FleetResult<Deployment> got = f.get(web).onAllClusters();
    assertThat(got).hasOutcomeOn(Outcome.Found.class, "cluster-0", "cluster-1")
        .hasOutcomeOn(Outcome.NotFound.class, "cluster-2", "cluster-3", "cluster-4");
    assertThat(got.values().keySet()).containsExactly("cluster-0", "cluster-1");

    FleetResult<List<Deployment>> listed = f.list(Deployment.class).inNamespace("shop").onAllClusters();
    assertThat(dev.kurator.core.Tagged.flatten(listed)).extracting(dev.kurator.core.Tagged::cluster)
        .containsExactly("cluster-0", "cluster-1");

    FleetResult<Deployment> deleted = f.delete(web).onAllClusters();
    assertThat(deleted).hasOutcomeOn(Outcome.Deleted.class, "cluster-0", "cluster-1")
        .hasOutcomeOn(Outcome.NotFound.class, "cluster-2");
    assertThat(f).resource(web).existsExactlyOn();
  }

  @Test
  void appliesUntypedResourcesIncludingCustomKinds() {
    fleet.embedded().expectCustomResource(new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext
        .Builder().withGroup("example.dev").withVersion("v1").withKind("Widget").withPlural("widgets")
        .withScope("Namespaced").build());
    List<HasMetadata> objects = dev.kurator.core.Yaml.parse("""
        apiVersion: example.dev/v1
        kind: Widget
        metadata: {name: w, namespace: shop}
        spec: {size: 3}
        """);
    io.fabric8.kubernetes.api.model.GenericKubernetesResource settings =
        new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("v1")
            .withKind("ConfigMap").withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
            .addToAdditionalProperties("data", java.util.Map.of("color", "blue")).build();

    FleetResult<HasMetadata> r = fleet.get().apply(List.of(settings, objects.get(0))).onClusters("cluster-0");
    assertThat(r).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
    assertThat(fleet.get().apply(List.of(settings, objects.get(0))).onClusters("cluster-0"))
        .allHaveOutcome(Outcome.Unchanged.class);

    ConfigMap typed = fleet.get().get(ConfigMap.class, "shop", "settings").onClusters("cluster-0")
        .value("cluster-0").orElseThrow();
    assertThat(typed.getData()).containsEntry("color", "blue");
    assertThat(fleet.get()).resource(objects.get(0)).existsExactlyOn("cluster-0")
        .hasFieldOn("/spec/size", "3", "cluster-0");
  }

  @Test
  void typedGetByName() {
    ConfigMap cm = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("c")
        .withNamespace("shop").endMetadata().addToData("k", "v").build();
    fleet.get().apply(cm).onClusters("cluster-4").throwIfAnyFailed();

    FleetResult<ConfigMap> r = fleet.get().get(ConfigMap.class, "shop", "c").onAllClusters();

    assertThat(r.values()).containsOnlyKeys("cluster-4");
    assertThat(r.values().get("cluster-4").getData()).containsEntry("k", "v");
  }

  static Resilience fast() {
    return Resilience.defaults().timeout(Duration.ofMillis(500)).retries(1).backoff(Duration.ofMillis(10), 2.0);
  }
}
