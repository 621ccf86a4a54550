package dev.kurator.core.propagation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.kurator.core.Assignment;
import dev.kurator.core.ValidationException;
import dev.kurator.core.override.ClusterAffinity;
import dev.kurator.core.override.OverrideException;
import dev.kurator.core.override.OverrideOperator;
import dev.kurator.core.override.OverridePolicies;
import dev.kurator.core.override.OverridePolicy;
import dev.kurator.core.override.Overriders;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.override.PlaintextOverrider;
import dev.kurator.core.propagation.ObjectChange.Action;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PropagationTest {

  MockMembers fleet;

  @BeforeEach
  void start() {
    fleet = new MockMembers().add("eu-1", Map.of("region", "eu")).add("eu-2", Map.of("region", "eu"))
        .add("us-1", Map.of("region", "us"));
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  static Deployment web(int replicas, String image) {
    return new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web")
        .endMetadata().withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "web")
        .endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
        .addNewContainer().withName("web").withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
  }

  static Assignment replicas(Object... pairs) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return Assignment.ofReplicas(m);
  }

  Deployment live(String cluster) {
    return fleet.client(cluster).apps().deployments().inNamespace("shop").withName("web").get();
  }

  Propagation propagation(Assignment a) {
    return Propagation.builder("web").template(web(6, "nginx:1.27")).assignment(a).build();
  }

  @Test
  void dividedReplicasAreWrittenPerClusterWithOwnershipMarks() {
    PropagationResult r = propagation(replicas("eu-1", 4, "eu-2", 2)).sync(fleet);

    assertThat(r.failures()).isEmpty();
    assertThat(r.cluster("eu-1").changes()).extracting(ObjectChange::action).containsExactly(Action.CREATED);
    assertThat(live("eu-1").getSpec().getReplicas()).isEqualTo(4);
    assertThat(live("eu-2").getSpec().getReplicas()).isEqualTo(2);
    assertThat(live("us-1")).isNull();
    assertThat(live("eu-1").getMetadata().getLabels()).containsEntry(Ownership.PROPAGATION_LABEL, "web")
        .containsEntry(Ownership.MANAGED_BY_LABEL, "kurator").containsEntry("app", "web");
    assertThat(live("eu-1").getMetadata().getAnnotations())
        .containsEntry(Ownership.TEMPLATE_ANNOTATION, "apps/v1/Deployment/shop/web")
        .containsKey(Ownership.HASH_ANNOTATION);
  }

  @Test
  void aRerunWithNothingChangedWritesNothing() {
    Propagation p = propagation(replicas("eu-1", 4, "eu-2", 2));
    p.sync(fleet).throwIfAnyFailed();
    String version = live("eu-1").getMetadata().getResourceVersion();

    PropagationResult again = p.sync(fleet);

    assertThat(again.unchangedEverywhere()).isTrue();
    assertThat(again.cluster("eu-2").changes()).extracting(ObjectChange::action).containsExactly(Action.UNCHANGED);
    assertThat(live("eu-1").getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  void copiesOnDeselectedClustersAreCollectedButNeverObjectsWeDidNotCreate() {
    propagation(replicas("eu-1", 3, "us-1", 3)).sync(fleet).throwIfAnyFailed();
    ConfigMap foreign = new ConfigMapBuilder().withNewMetadata().withName("theirs").withNamespace("shop")
        .endMetadata().addToData("k", "v").build();
    fleet.client("us-1").resource(foreign).create();
    Deployment unowned = web(1, "other:1");
    unowned.getMetadata().setName("unowned");
    fleet.client("us-1").resource(unowned).create();

    PropagationResult r = propagation(replicas("eu-1", 6)).sync(fleet);

    assertThat(r.cluster("us-1").changes()).containsExactly(
        new ObjectChange(new ObjectRef("apps/v1", "Deployment", "shop", "web"), Action.DELETED, ""));
    assertThat(live("us-1")).isNull();
    assertThat(live("eu-1").getSpec().getReplicas()).isEqualTo(6);
    assertThat(fleet.client("us-1").configMaps().inNamespace("shop").withName("theirs").get()).isNotNull();
    assertThat(fleet.client("us-1").apps().deployments().inNamespace("shop").withName("unowned").get()).isNotNull();
  }

  @Test
  void anObjectWeDidNotCreateIsAConflictAndLeftAloneUnlessOverwriteIsChosen() {
    fleet.client("eu-2").resource(web(9, "theirs:1")).create();

    PropagationResult r = propagation(replicas("eu-1", 1, "eu-2", 1)).sync(fleet);

    assertThat(r.cluster("eu-2").status()).isEqualTo(ClusterSync.Status.FAILED);
    assertThat(r.cluster("eu-2").changes().get(0).action()).isEqualTo(Action.CONFLICT);
    assertThat(r.cluster("eu-1").status()).isEqualTo(ClusterSync.Status.OK);
    assertThat(live("eu-2").getSpec().getReplicas()).isEqualTo(9);
    assertThatThrownBy(r::throwIfAnyFailed).hasMessageContaining("eu-2");

    propagation(replicas("eu-1", 1, "eu-2", 1)).toBuilder().conflictResolution(ConflictResolution.OVERWRITE).build()
        .sync(fleet).throwIfAnyFailed();
    assertThat(live("eu-2").getSpec().getReplicas()).isEqualTo(1);
    assertThat(live("eu-2").getMetadata().getLabels()).containsEntry(Ownership.PROPAGATION_LABEL, "web");
  }

  @Test
  void diffReportsDriftWithoutWritingAndSyncRepairsIt() {
    Propagation p = propagation(replicas("eu-1", 4, "eu-2", 2));
    p.sync(fleet).throwIfAnyFailed();
    assertThat(p.diff(fleet).inSync()).isTrue();
    Deployment edited = live("eu-1");
    edited.getSpec().setReplicas(10);
    fleet.client("eu-1").resource(edited).update();
    fleet.client("eu-2").apps().deployments().inNamespace("shop").withName("web").delete();

    PropagationDiff d = p.diff(fleet);

    assertThat(d.inSync()).isFalse();
    assertThat(d.drift("eu-1")).singleElement().satisfies(x -> {
      assertThat(x.kind()).isEqualTo(Drift.Kind.MODIFIED);
      assertThat(x.paths()).containsExactly("/spec/replicas");
    });
    assertThat(d.drift("eu-2")).extracting(Drift::kind).containsExactly(Drift.Kind.MISSING);
    assertThat(d.drift("us-1")).isEmpty();
    assertThat(live("eu-1").getSpec().getReplicas()).isEqualTo(10);
    assertThat(live("eu-2")).isNull();

    PropagationResult r = p.sync(fleet);

    assertThat(r.cluster("eu-1").changes()).extracting(ObjectChange::action).containsExactly(Action.UPDATED);
    assertThat(r.cluster("eu-2").changes()).extracting(ObjectChange::action).containsExactly(Action.CREATED);
    assertThat(live("eu-1").getSpec().getReplicas()).isEqualTo(4);
    assertThat(live("eu-2").getSpec().getReplicas()).isEqualTo(2);
    assertThat(p.diff(fleet).inSync()).isTrue();
  }

  @Test
  void aChangedTemplateIsOutdatedAndRewritten() {
    propagation(replicas("eu-1", 1)).sync(fleet).throwIfAnyFailed();
    Propagation changed = Propagation.builder("web").template(web(6, "nginx:1.28")).assignment(replicas("eu-1", 1))
        .build();

    assertThat(changed.diff(fleet).drift("eu-1")).extracting(Drift::kind).containsExactly(Drift.Kind.OUTDATED);
    changed.sync(fleet).throwIfAnyFailed();
    assertThat(live("eu-1").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.28");
  }

  @Test
  void eachClusterGetsItsOverriddenVariantFromKarmadaYaml() {
    Overrides overrides = Overrides.of(OverridePolicies.parse("""
        apiVersion: policy.karmada.io/v1alpha1
        kind: OverridePolicy
        metadata: {name: regional, namespace: shop}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: web}]
          overrideRules:
            - targetCluster: {labelSelector: {matchLabels: {region: eu}}}
              overriders:
                imageOverrider: [{component: Registry, operator: replace, value: eu.registry.io}]
                labelsOverrider: [{operator: add, value: {region: eu}}]
        """));

    Propagation.builder("web").template(web(3, "nginx:1.27")).assignment(replicas("eu-1", 2, "us-1", 1))
        .overrides(overrides).build().sync(fleet).throwIfAnyFailed();

    assertThat(live("eu-1").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("eu.registry.io/nginx:1.27");
    assertThat(live("eu-1").getMetadata().getLabels()).containsEntry("region", "eu");
    assertThat(live("eu-1").getMetadata().getAnnotations())
        .containsEntry(Ownership.OVERRIDES_ANNOTATION, "overridePolicy[shop/regional]");
    assertThat(live("us-1").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("nginx:1.27");
  }

  @Test
  void anOverrideThatCannotApplyOnOneClusterAbortsBeforeAnyWrite() {
    OverridePolicy bad = OverridePolicy.builder("shop", "bad")
        .rule(ClusterAffinity.names("us-1"), Overriders.builder().plaintext(new PlaintextOverrider(
            "/spec/strategy/rollingUpdate/maxSurge", OverrideOperator.REPLACE, TextNode.valueOf("50%"))).build())
        .build();
    Propagation p = Propagation.builder("web").template(web(3, "nginx")).assignment(replicas("eu-1", 1, "us-1", 2))
        .overrides(Overrides.of(bad)).build();

    assertThatThrownBy(() -> p.sync(fleet)).isInstanceOf(OverrideException.class)
        .hasMessageContaining("overridePolicy[shop/bad].spec.overrideRules[0].overriders.plaintext[0]")
        .hasMessageContaining("us-1");
    assertThat(live("eu-1")).isNull();
    assertThat(live("us-1")).isNull();
  }

  @Test
  void aClusterThatIsNotReadyIsReportedAndTheOthersProceed() {
    fleet.notReady("eu-2");

    PropagationResult r = propagation(replicas("eu-1", 1, "eu-2", 1, "gone", 1)).sync(fleet);

    assertThat(r.cluster("eu-2").status()).isEqualTo(ClusterSync.Status.UNAVAILABLE);
    assertThat(r.cluster("gone").error()).isEqualTo("not a member of the fleet");
    assertThat(r.cluster("eu-1").status()).isEqualTo(ClusterSync.Status.OK);
    assertThat(live("eu-1")).isNotNull();
    assertThat(r.failures()).containsOnlyKeys("eu-2", "gone");
  }

  @Test
  void nonWorkloadsKeepTheirSpecAndGoToEveryAssignedCluster() {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("shop").endMetadata()
        .addToData("mode", "fast").build();

    Propagation.builder("settings").template(cm).assignment(Assignment.of("eu-1", "us-1")).build().sync(fleet)
        .throwIfAnyFailed();

    for (String c : List.of("eu-1", "us-1")) {
      assertThat(fleet.client(c).configMaps().inNamespace("shop").withName("settings").get().getData())
          .containsEntry("mode", "fast");
    }
  }

  @Test
  void badInputIsRejectedWithFieldPaths() {
    Deployment noName = web(1, "x");
    noName.getMetadata().setName(null);
    Deployment noNamespace = web(1, "x");
    noNamespace.getMetadata().setNamespace(null);

    assertThatThrownBy(() -> Propagation.builder("Web_1").template(noName, noNamespace, web(1, "a"), web(1, "b"))
        .build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path).containsExactly("propagation.name",
                "propagation.templates[0].metadata.name", "propagation.templates[1].metadata.namespace",
                "propagation.templates[3]"))
        .hasMessageContaining("propagation.name: was \"Web_1\"");
  }
}
