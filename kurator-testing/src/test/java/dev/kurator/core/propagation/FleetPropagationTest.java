package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.Assignment;
import dev.kurator.core.Fleet;
import dev.kurator.core.ValidationException;
import dev.kurator.core.override.OverrideException;
import dev.kurator.core.override.OverridePolicies;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.propagation.ObjectChange.Action;
import dev.kurator.testing.EmbeddedFleetExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Propagation on the embedded fleet: cluster-0 and cluster-1 are in region eu, cluster-2 in us. */
class FleetPropagationTest {

  @RegisterExtension
  static EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(3).labels("region", "eu", "eu", "us").resetEach();

  static Deployment web(int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web")
        .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage("nginx:1.27").withCommand("nginx").withArgs("-g", "daemon off;")
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  static Assignment split(int a, int b, int c) {
    Map<String, Integer> m = new LinkedHashMap<>();
    if (a > 0) {
      m.put("cluster-0", a);
    }
    if (b > 0) {
      m.put("cluster-1", b);
    }
    if (c > 0) {
      m.put("cluster-2", c);
    }
    return Assignment.ofReplicas(m);
  }

  static Deployment live(String cluster) {
    return fleet.embedded().cluster(cluster).client().apps().deployments().inNamespace("shop").withName("web").get();
  }

  @Test
  void dividedReplicasAreWrittenPerClusterAndARerunWritesNothing() {
    Fleet f = fleet.get();

    PropagationResult first = f.propagate(web(10)).assignment(split(5, 3, 2)).sync();

    assertThat(first.failures()).isEmpty();
    assertThat(live("cluster-0").getSpec().getReplicas()).isEqualTo(5);
    assertThat(live("cluster-1").getSpec().getReplicas()).isEqualTo(3);
    assertThat(live("cluster-2").getSpec().getReplicas()).isEqualTo(2);
    assertThat(live("cluster-0").getMetadata().getLabels()).containsEntry(Ownership.PROPAGATION_LABEL, "web-deployment");
    assertThat(live("cluster-0").getMetadata().getAnnotations())
        .containsEntry(Ownership.TEMPLATE_ANNOTATION, "apps/v1/Deployment/shop/web");
    // the workload's namespace is made to exist, unowned, so it is never garbage collected
    assertThat(fleet.embedded().cluster("cluster-2").client().namespaces().withName("shop").get().getMetadata()
        .getLabels()).doesNotContainKey(Ownership.PROPAGATION_LABEL);

    int before = fleet.embedded().cluster("cluster-1").requestCount();
    PropagationResult again = f.propagate(web(10)).assignment(split(5, 3, 2)).sync();

    assertThat(again.unchangedEverywhere()).isTrue();
    assertThat(again.clusters().values()).allSatisfy(c -> assertThat(c.changes()).extracting(ObjectChange::action)
        .containsOnly(Action.UNCHANGED));
    // one list (owned copies) and one get: reads only
    assertThat(fleet.embedded().cluster("cluster-1").requestCount() - before).isEqualTo(2);
  }

  @Test
  void deselectedClustersLoseTheirCopyButKeepObjectsWeDidNotCreate() {
    Fleet f = fleet.get();
    f.propagate(web(4)).assignment(split(2, 0, 2)).sync().throwIfAnyFailed();
    f.apply(new ConfigMapBuilder().withNewMetadata().withName("theirs").withNamespace("shop").endMetadata().build())
        .onClusters("cluster-2").throwIfAnyFailed();
    Deployment unowned = web(1);
    unowned.getMetadata().setName("unowned");
    f.apply(unowned).onClusters("cluster-2").throwIfAnyFailed();

    PropagationResult r = f.propagate(web(4)).assignment(split(4, 0, 0)).sync();

    assertThat(r.cluster("cluster-2").changes()).extracting(ObjectChange::action).containsExactly(Action.DELETED);
    assertThat(live("cluster-2")).isNull();
    assertThat(live("cluster-0").getSpec().getReplicas()).isEqualTo(4);
    var c2 = fleet.embedded().cluster("cluster-2").client();
    assertThat(c2.configMaps().inNamespace("shop").withName("theirs").get()).isNotNull();
    assertThat(c2.apps().deployments().inNamespace("shop").withName("unowned").get()).isNotNull();
  }

  @Test
  void everyOverriderKindFromKarmadaYamlShapesEachClustersVariant() {
    Overrides overrides = Overrides.of(OverridePolicies.parse("""
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: regional, namespace: shop}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          overrideRules:
            - targetCluster: {labelSelector: {matchLabels: {region: eu}}}
              overriders:
                imageOverrider:
                  - {component: Registry, operator: replace, value: eu.registry.io}
                  - {component: Tag, operator: replace, value: "1.27-eu"}
                commandOverrider: [{containerName: web, operator: add, value: ["-c", "/etc/nginx/eu.conf"]}]
                argsOverrider: [{containerName: web, operator: remove, value: ["daemon off;"]}]
                labelsOverrider: [{operator: add, value: {region: eu}}]
                annotationsOverrider: [{operator: add, value: {"kurator.dev/owner": "eu-team"}}]
                plaintext: [{path: /spec/template/spec/containers/0/env, operator: add, value: [{name: REGION, value: eu}]}]
            - targetCluster: {clusterNames: [cluster-2]}
              overriders:
                plaintext: [{path: /spec/minReadySeconds, operator: add, value: 30}]
        """));

    fleet.get().propagate(web(3)).assignment(split(1, 1, 1)).overrides(overrides).sync().throwIfAnyFailed();

    for (String eu : new String[] {"cluster-0", "cluster-1"}) {
      Deployment d = live(eu);
      Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
      assertThat(c.getImage()).isEqualTo("eu.registry.io/nginx:1.27-eu");
      assertThat(c.getCommand()).containsExactly("nginx", "-c", "/etc/nginx/eu.conf");
      assertThat(c.getArgs()).containsExactly("-g");
      assertThat(c.getEnv()).singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo("eu"));
      assertThat(d.getMetadata().getLabels()).containsEntry("region", "eu");
      assertThat(d.getMetadata().getAnnotations()).containsEntry("kurator.dev/owner", "eu-team");
      assertThat(d.getSpec().getMinReadySeconds()).isNull();
    }
    Deployment us = live("cluster-2");
    assertThat(us.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
    assertThat(us.getSpec().getMinReadySeconds()).isEqualTo(30);
    assertThat(us.getMetadata().getLabels()).doesNotContainKey("region");
  }

  @Test
  void driftIsReportedWithoutWritingThenRepaired() {
    Fleet f = fleet.get();
    f.propagate(web(4)).assignment(split(2, 2, 0)).sync().throwIfAnyFailed();
    var c0 = fleet.embedded().cluster("cluster-0").client();
    c0.apps().deployments().inNamespace("shop").withName("web").edit(d -> new DeploymentBuilder(d).editSpec()
        .withReplicas(9).endSpec().build());
    fleet.embedded().cluster("cluster-1").client().apps().deployments().inNamespace("shop").withName("web").delete();

    PropagationDiff d = f.propagate(web(4)).assignment(split(2, 2, 0)).diff();

    assertThat(d.drift("cluster-0")).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Drift.Kind.MODIFIED);
      assertThat(x.paths()).containsExactly("/spec/replicas");
    });
    assertThat(d.drift("cluster-1")).extracting(Drift::kind).containsExactly(Drift.Kind.MISSING);
    assertThat(d.drift("cluster-2")).isEmpty();
    assertThat(live("cluster-0").getSpec().getReplicas()).isEqualTo(9);
    assertThat(live("cluster-1")).isNull();

    PropagationResult r = f.propagate(web(4)).assignment(split(2, 2, 0)).sync();

    assertThat(r.cluster("cluster-0").changes()).extracting(ObjectChange::action).containsExactly(Action.UPDATED);
    assertThat(r.cluster("cluster-1").changes()).extracting(ObjectChange::action).containsExactly(Action.CREATED);
    assertThat(live("cluster-0").getSpec().getReplicas()).isEqualTo(2);
    assertThat(live("cluster-1").getSpec().getReplicas()).isEqualTo(2);
    assertThat(f.propagate(web(4)).assignment(split(2, 2, 0)).diff().inSync()).isTrue();
  }

  @Test
  void anInvalidOverrideAbortsBeforeAnyWrite() {
    Overrides bad = Overrides.of(OverridePolicies.parse("""
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterOverridePolicy
        metadata: {name: us-only}
        spec:
          overrideRules:
            - targetCluster: {clusterNames: [cluster-2]}
              overriders:
                plaintext: [{path: /spec/strategy/rollingUpdate/maxSurge, operator: replace, value: 1}]
        """));
    int[] before = fleet.embedded().clusters().stream().mapToInt(c -> c.requestCount()).toArray();

    assertThatThrownBy(() -> fleet.get().propagate(web(3)).assignment(split(1, 1, 1)).overrides(bad).sync())
        .isInstanceOf(OverrideException.class)
        .hasMessageContaining("clusterOverridePolicy[us-only].spec.overrideRules[0].overriders.plaintext[0]")
        .hasMessageContaining("cluster-2");
    int[] after = fleet.embedded().clusters().stream().mapToInt(c -> c.requestCount()).toArray();
    assertThat(after).containsExactly(before);
    assertThat(live("cluster-0")).isNull();
  }

  @Test
  void anUnreachableClusterIsOneRowAndTheOthersConverge() {
    fleet.embedded().cluster("cluster-1").makeUnreachable();

    PropagationResult r = fleet.get().propagate(web(3)).assignment(split(1, 1, 1)).sync();

    assertThat(r.failures()).containsOnlyKeys("cluster-1");
    assertThat(live("cluster-0")).isNotNull();
    assertThat(live("cluster-2")).isNotNull();
  }

  @Test
  void aSlowClusterTimesOutWithoutHoldingUpTheOthers() {
    fleet.embedded().cluster("cluster-2").slowDown(java.time.Duration.ofSeconds(3));
    long start = System.nanoTime();

    PropagationResult r = fleet.get().propagate(web(3)).assignment(split(1, 1, 1))
        .clusterTimeout(java.time.Duration.ofMillis(500)).sync();

    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(3));
    assertThat(r.failures()).containsOnlyKeys("cluster-2");
    assertThat(r.cluster("cluster-2").error()).startsWith("timed out");
    assertThat(live("cluster-0")).isNotNull();
    assertThat(live("cluster-1")).isNotNull();
  }

  @Test
  void customKindsAreDividedThroughAPluggableInterpreterAndCollected() {
    var widgets = new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder()
        .withGroup("example.dev").withVersion("v1").withKind("Widget").withPlural("widgets")
        .withScope("Namespaced").build();
    fleet.embedded().expectCustomResource(widgets);
    HasMetadata widget = dev.kurator.core.Yaml.parse(
        "apiVersion: example.dev/v1\nkind: Widget\nmetadata: {name: w, namespace: shop}\nspec: {scale: {size: 9}}\n")
        .get(0);
    ReplicaInterpreters interpreters = ReplicaInterpreters.defaults()
        .with(ReplicaInterpreters.atPath("Widget", "example.dev", "Widget", "/spec/scale/size"));

    fleet.get().propagate(widget).interpreters(interpreters).assignment(split(6, 3, 0)).sync().throwIfAnyFailed();

    assertThat(widgetSize("cluster-0")).isEqualTo(6);
    assertThat(widgetSize("cluster-1")).isEqualTo(3);
    PropagationResult shrink = fleet.get().propagate(widget).interpreters(interpreters).assignment(split(9, 0, 0))
        .sync();
    assertThat(shrink.cluster("cluster-1").changes()).extracting(ObjectChange::action)
        .containsExactly(Action.DELETED);
    assertThat(widgetSize("cluster-0")).isEqualTo(9);
    assertThat(fleet.embedded().cluster("cluster-1").client().genericKubernetesResources(widgets).inNamespace("shop")
        .withName("w").get()).isNull();
  }

  static int widgetSize(String cluster) {
    var w = fleet.embedded().cluster(cluster).client().genericKubernetesResources("example.dev/v1", "Widget")
        .inNamespace("shop").withName("w").get();
    Map<?, ?> spec = (Map<?, ?>) w.getAdditionalProperties().get("spec");
    return ((Number) ((Map<?, ?>) spec.get("scale")).get("size")).intValue();
  }

  @Test
  void aWriteConflictIsRetriedAndAPersistentFailureIsOneRow() {
    // a fleet of its own: the persistent failure counts toward cluster-1's circuit breaker
    try (dev.kurator.testing.EmbeddedFleet own = dev.kurator.testing.EmbeddedFleet.builder().members(2).start()) {
      Fleet f = own.fleet();
      f.propagate(web(2)).assignment(split(1, 1, 0)).sync().throwIfAnyFailed();
      own.cluster("cluster-0").failNext("PUT", 409, 1);
      own.cluster("cluster-1").failNext("PUT", 500, 5);

      PropagationResult r = f.propagate(web(2)).assignment(split(2, 2, 0)).sync();

      assertThat(r.cluster("cluster-0").changes()).extracting(ObjectChange::action).containsExactly(Action.UPDATED);
      assertThat(own.cluster("cluster-0").client().apps().deployments().inNamespace("shop").withName("web").get()
          .getSpec().getReplicas()).isEqualTo(2);
      assertThat(r.cluster("cluster-1").changes()).extracting(ObjectChange::action).containsExactly(Action.FAILED);
      assertThat(r.failures()).containsOnlyKeys("cluster-1");
    }
  }

  @Test
  void copiesOfAKindWhoseLastTemplateWasDroppedAreCollectedButNeverObjectsWeDidNotCreate() {
    Fleet f = fleet.get();
    HasMetadata settings = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop")
        .endMetadata().addToData("mode", "fast").build();
    f.propagate(web(2), settings).name("shop").assignment(split(1, 1, 0)).sync().throwIfAnyFailed();
    assertThat(live("cluster-0").getMetadata().getAnnotations())
        .containsEntry(Ownership.KINDS_ANNOTATION, "apps/v1/Deployment,v1/ConfigMap");
    var cluster0 = fleet.embedded().cluster("cluster-0").client();
    Deployment unowned = web(1);
    unowned.getMetadata().setName("theirs");
    cluster0.resource(unowned).create();
    Deployment otherPropagation = web(1);
    otherPropagation.getMetadata().setName("other");
    otherPropagation.getMetadata().getLabels().put(Ownership.PROPAGATION_LABEL, "other");
    cluster0.resource(otherPropagation).create();

    PropagationDiff drift = f.propagate(settings).name("shop").assignment(split(1, 1, 0)).diff();
    assertThat(drift.drift().get("cluster-0")).filteredOn(d -> d.kind() == Drift.Kind.ORPHANED)
        .extracting(Drift::ref).containsExactly(ObjectRef.of(web(2)));

    PropagationResult r = f.propagate(settings).name("shop").assignment(split(1, 1, 0)).sync();

    assertThat(r.failures()).isEmpty();
    for (String cluster : new String[] {"cluster-0", "cluster-1"}) {
      assertThat(r.cluster(cluster).change(ObjectRef.of(web(2))).orElseThrow().action()).isEqualTo(Action.DELETED);
      assertThat(live(cluster)).isNull();
      assertThat(fleet.embedded().cluster(cluster).client().configMaps().inNamespace("shop").withName("settings")
          .get().getMetadata().getAnnotations()).containsEntry(Ownership.KINDS_ANNOTATION, "v1/ConfigMap");
    }
    assertThat(cluster0.apps().deployments().inNamespace("shop").withName("theirs").get()).isNotNull();
    assertThat(cluster0.apps().deployments().inNamespace("shop").withName("other").get()).isNotNull();
    assertThat(f.propagate(settings).name("shop").assignment(split(1, 1, 0)).sync().unchangedEverywhere()).isTrue();
  }

  @Test
  void badInputIsRejectedWithFieldPaths() {
    Deployment nameless = web(1);
    nameless.getMetadata().setName("");

    assertThatThrownBy(() -> fleet.get().propagate(nameless).name("Not A Label").sync())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path)
            .containsExactly("propagation.name", "propagation.templates[0].metadata.name"));
  }
}
