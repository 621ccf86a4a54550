package dev.kurator.core.override;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kurator.core.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OverridesTest {

  static final ClusterSnapshot EU = ClusterSnapshot.builder("eu-1").labels(Map.of("region", "eu")).build();
  static final ClusterSnapshot US = ClusterSnapshot.builder("us-1").labels(Map.of("region", "us")).build();

  static Deployment deployment(String... images) {
    DeploymentBuilder b = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop")
        .addToLabels("app", "web").endMetadata().withNewSpec().withReplicas(3).withNewTemplate().withNewSpec()
        .endSpec().endTemplate().endSpec();
    for (int i = 0; i < images.length; i++) {
      b.editSpec().editTemplate().editSpec().addToContainers(new ContainerBuilder().withName("c" + i)
          .withImage(images[i]).withCommand("/bin/app").withArgs("--v=1", "--debug").build()).endSpec().endTemplate()
          .endSpec();
    }
    return b.build();
  }

  static Overrides policy(OverrideRule... rules) {
    OverridePolicy.Builder b = OverridePolicy.builder("shop", "p");
    for (OverrideRule r : rules) {
      b.rule(r);
    }
    return Overrides.of(b.build());
  }

  static Map<String, Object> spec(GenericKubernetesResource r) {
    return r.get("spec", "template", "spec");
  }

  @SuppressWarnings("unchecked")
  static List<String> images(GenericKubernetesResource r) {
    List<Map<String, Object>> containers = (List<Map<String, Object>>) spec(r).get("containers");
    return containers.stream().map(c -> (String) c.get("image")).toList();
  }

  @ParameterizedTest(name = "{1} {2} {3} on {0}")
  @CsvSource({
      "nginx:1.19, Registry, replace, registry.k8s.io, registry.k8s.io/nginx:1.19",
      "docker.io/library/nginx:1.19, Registry, add, .cn, docker.io.cn/library/nginx:1.19",
      "docker.io/library/nginx:1.19, Registry, remove, '', library/nginx:1.19",
      "localhost/app:1, Registry, replace, mirror:5000, mirror:5000/app:1",
      "registry.k8s.io/ingress/nginx:1.19, Repository, replace, proxy/nginx, registry.k8s.io/proxy/nginx:1.19",
      "registry.k8s.io/nginx:1.19, Repository, add, -mirror, registry.k8s.io/nginx-mirror:1.19",
      "nginx:1.19, Tag, replace, 1.20, nginx:1.20",
      "nginx:1.19, Tag, add, -alpine, nginx:1.19-alpine",
      "nginx:1.19, Tag, remove, '', nginx",
      "nginx, Tag, replace, sha256:0123456789abcdef0123456789abcdef, nginx@sha256:0123456789abcdef0123456789abcdef",
  })
  void imageOverriderChangesEveryContainerOfTheWorkload(String image, String component, String op, String value,
      String expected) {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder().image(ImageOverrider.allContainers(
        ImageComponent.parse("c", component), OverrideOperator.parse("o", op), value)).build()));

    OverrideResult r = o.apply(deployment(image, image), EU);

    assertThat(images(r.resource())).containsExactly(expected, expected);
    assertThat(r.appliedPolicies()).containsExactly("overridePolicy[shop/p]");
  }

  @Test
  void imageOverriderWithPredicatePathChangesOnlyThatImage() {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder().image(ImageOverrider.atPath(
        "/spec/template/spec/containers/1/image", ImageComponent.TAG, OverrideOperator.REPLACE, "2")).build()));

    assertThat(images(o.apply(deployment("a:1", "b:1"), EU).resource())).containsExactly("a:1", "b:2");
  }

  @Test
  void imageOverriderCoversPodsAndJobsButLeavesOtherKindsAlone() {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder().image(ImageOverrider.allContainers(
        ImageComponent.REGISTRY, OverrideOperator.REPLACE, "mirror.io")).build()));
    var pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("shop").endMetadata().withNewSpec()
        .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build();
    var job = new JobBuilder().withNewMetadata().withName("j").withNamespace("shop").endMetadata().withNewSpec()
        .withNewTemplate().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
        .endTemplate().endSpec().build();
    var config = new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("c")
        .withNamespace("shop").endMetadata().addToData("image", "nginx").build();

    assertThat(o.apply(pod, EU).tree().at("/spec/containers/0/image").asText()).isEqualTo("mirror.io/nginx");
    assertThat(o.apply(job, EU).tree().at("/spec/template/spec/containers/0/image").asText())
        .isEqualTo("mirror.io/busybox");
    assertThat(o.apply(config, EU).tree().at("/data/image").asText()).isEqualTo("nginx");
  }

  @Test
  void commandAndArgsOverridersAddAndRemoveOnTheNamedContainerOnly() {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder()
        .command(new CommandArgsOverrider("c0", OverrideOperator.ADD, List.of("--serve")))
        .args(new CommandArgsOverrider("c0", OverrideOperator.REMOVE, List.of("--debug")))
        .args(new CommandArgsOverrider("c0", OverrideOperator.ADD, List.of("--v=2")))
        .build()));

    var tree = o.apply(deployment("a", "b"), EU).tree();

    assertThat(tree.at("/spec/template/spec/containers/0/command").toString()).isEqualTo("[\"/bin/app\",\"--serve\"]");
    assertThat(tree.at("/spec/template/spec/containers/0/args").toString()).isEqualTo("[\"--v=1\",\"--v=2\"]");
    assertThat(tree.at("/spec/template/spec/containers/1/args").toString()).isEqualTo("[\"--v=1\",\"--debug\"]");
  }

  @Test
  void commandOverriderCreatesAMissingCommandOnAdd() {
    Deployment d = deployment("a");
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setCommand(null);
    Overrides o = policy(OverrideRule.forAll(Overriders.builder()
        .command(new CommandArgsOverrider("c0", OverrideOperator.ADD, List.of("run"))).build()));

    assertThat(o.apply(d, EU).tree().at("/spec/template/spec/containers/0/command").toString()).isEqualTo("[\"run\"]");
  }

  @Test
  void labelAndAnnotationOverridersAddReplaceAndRemove() {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder()
        .labels(new LabelAnnotationOverrider(OverrideOperator.ADD, Map.of("app.kubernetes.io/part-of", "shop")))
        .labels(new LabelAnnotationOverrider(OverrideOperator.REPLACE, Map.of("app", "web-eu", "absent", "x")))
        .annotations(new LabelAnnotationOverrider(OverrideOperator.ADD, Map.of("team", "payments")))
        .annotations(new LabelAnnotationOverrider(OverrideOperator.REMOVE, Map.of("old", "")))
        .build()));
    Deployment d = deployment("a");
    d.getMetadata().setAnnotations(Map.of("old", "1", "keep", "2"));

    HasMetadata r = o.apply(d, EU).resource();

    assertThat(r.getMetadata().getLabels()).containsExactlyInAnyOrderEntriesOf(
        Map.of("app", "web-eu", "app.kubernetes.io/part-of", "shop"));
    assertThat(r.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(
        Map.of("team", "payments", "keep", "2"));
  }

  @Test
  void plaintextOverridersAddReplaceAndRemoveAtJsonPointers() {
    Overrides o = policy(OverrideRule.forAll(Overriders.builder()
        .plaintext(new PlaintextOverrider("/spec/replicas", OverrideOperator.REPLACE, IntNode.valueOf(5)))
        .plaintext(new PlaintextOverrider("/spec/template/spec/containers/0/env", OverrideOperator.ADD,
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()))
        .plaintext(new PlaintextOverrider("/spec/template/spec/containers/0/env/-", OverrideOperator.ADD,
            new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("name", "REGION").put("value", "eu")))
        .plaintext(new PlaintextOverrider("/metadata/labels/app", OverrideOperator.REMOVE, null))
        .build()));

    var tree = o.apply(deployment("a"), EU).tree();

    assertThat(tree.at("/spec/replicas").intValue()).isEqualTo(5);
    assertThat(tree.at("/spec/template/spec/containers/0/env/0/name").asText()).isEqualTo("REGION");
    assertThat(tree.at("/metadata/labels").has("app")).isFalse();
  }

  @Test
  void aPlaintextPatchThatCannotApplyNamesTheRuleAndLeavesTheTemplateAlone() {
    Overrides o = policy(OverrideRule.forAll(Overriders.none()), OverrideRule.forAll(Overriders.builder()
        .plaintext(new PlaintextOverrider("/spec/replicas", OverrideOperator.REPLACE, IntNode.valueOf(5)))
        .plaintext(new PlaintextOverrider("/spec/missing/field", OverrideOperator.REPLACE, TextNode.valueOf("x")))
        .build()));
    Deployment d = deployment("a");

    assertThatThrownBy(() -> o.apply(d, EU))
        .isInstanceOf(OverrideException.class)
        .hasMessageContaining("overridePolicy[shop/p].spec.overrideRules[1].overriders.plaintext[1]")
        .hasMessageContaining("Deployment shop/web")
        .hasMessageContaining("eu-1")
        .satisfies(e -> assertThat(((OverrideException) e).cluster()).isEqualTo("eu-1"));
    assertThat(d.getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void rulesApplyOnlyOnTheirTargetClusters() {
    Overriders eu = Overriders.builder().labels(new LabelAnnotationOverrider(OverrideOperator.ADD,
        Map.of("zone", "eu"))).build();
    Overriders named = Overriders.builder().labels(new LabelAnnotationOverrider(OverrideOperator.ADD,
        Map.of("named", "yes"))).build();
    Overrides o = policy(OverrideRule.on(ClusterAffinity.labels(Map.of("region", "eu")), eu),
        OverrideRule.on(ClusterAffinity.names("us-1", "eu-1").excluding("eu-1"), named));

    assertThat(o.apply(deployment("a"), EU).resource().getMetadata().getLabels()).containsEntry("zone", "eu")
        .doesNotContainKey("named");
    assertThat(o.apply(deployment("a"), US).resource().getMetadata().getLabels()).containsEntry("named", "yes")
        .doesNotContainKey("zone");
  }

  @Test
  void overridersWithinARuleRunInKarmadasOrderImagesBeforePlaintext() {
    // plaintext sees the image already rewritten by the image overrider, whatever the builder order
    Overrides o = policy(OverrideRule.forAll(Overriders.builder()
        .plaintext(new PlaintextOverrider("/spec/template/spec/containers/0/image", OverrideOperator.REPLACE,
            TextNode.valueOf("final:1")))
        .image(ImageOverrider.allContainers(ImageComponent.TAG, OverrideOperator.REPLACE, "2"))
        .build()));

    assertThat(images(o.apply(deployment("a:1"), EU).resource())).containsExactly("final:1");
  }

  @Test
  void policiesApplyClusterScopedFirstThenByImplicitPriorityThenName() {
    OverridePolicy byName = OverridePolicy.builder("shop", "a-by-name")
        .resourceSelector(ResourceSelector.named("apps/v1", "Deployment", "web"))
        .rule(null, tagRule("by-name")).build();
    OverridePolicy byLabel = OverridePolicy.builder("shop", "b-by-label")
        .resourceSelector(new ResourceSelector("apps/v1", "Deployment", "", "", ClusterAffinity.labels(
            Map.of("app", "web")).labelSelector()))
        .rule(null, tagRule("by-label")).build();
    OverridePolicy all = OverridePolicy.builder("shop", "z-all").rule(null, tagRule("all")).build();
    OverridePolicy cluster = OverridePolicy.clusterBuilder("cluster").rule(null, tagRule("cluster")).build();
    OverridePolicy otherNs = OverridePolicy.builder("other", "x").rule(null, tagRule("other")).build();
    Overrides o = Overrides.of(byName, byLabel, all, cluster, otherNs);

    OverrideResult r = o.apply(deployment("a:1"), EU);

    assertThat(r.appliedPolicies()).containsExactly("clusterOverridePolicy[cluster]", "overridePolicy[shop/z-all]",
        "overridePolicy[shop/b-by-label]", "overridePolicy[shop/a-by-name]");
    assertThat(images(r.resource())).containsExactly("a:by-name");
  }

  @Test
  void resourceSelectorsThatDoNotMatchLeaveTheResourceAlone() {
    OverridePolicy p = OverridePolicy.builder("shop", "p")
        .resourceSelector(ResourceSelector.named("apps/v1", "Deployment", "other"))
        .rule(null, tagRule("x")).build();

    OverrideResult r = Overrides.of(p).apply(deployment("a:1"), EU);

    assertThat(r.appliedPolicies()).isEmpty();
    assertThat(images(r.resource())).containsExactly("a:1");
  }

  static Overriders tagRule(String tag) {
    return Overriders.builder().image(ImageOverrider.allContainers(ImageComponent.TAG, OverrideOperator.REPLACE, tag))
        .build();
  }
}
