package dev.kurator.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.TaintEffect;
import dev.kurator.core.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropagationPoliciesTest {

  private static final String POLICY = """
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata:
        name: nginx
        namespace: web
      spec:
        priority: 5
        resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: nginx
        placement:
          clusterAffinity:
            labelSelector:
              matchLabels:
                tier: prod
            fieldSelector:
              matchExpressions:
                - key: region
                  operator: In
                  values: [eu-west-1, eu-central-1]
            exclude: [legacy]
          clusterTolerations:
            - key: maintenance
              operator: Exists
              effect: NoSchedule
          spreadConstraints:
            - spreadByField: region
              minGroups: 1
              maxGroups: 2
            - spreadByField: cluster
              maxGroups: 4
          replicaScheduling:
            replicaDivisionPreference: Weighted
            weightPreference:
              dynamicWeight: AvailableReplicas
      """;

  @Test
  void loadsKarmadaYamlAsIsWithWebhookDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("pp.yaml");
    Files.writeString(file, POLICY);

    PropagationPolicy p = PropagationPolicies.load(file);

    assertThat(p.name()).isEqualTo("nginx");
    assertThat(p.namespace()).isEqualTo("web");
    assertThat(p.priority()).isEqualTo(5);
    assertThat(p.resourceSelectors()).singleElement().satisfies(s -> {
      assertThat(s.namespace()).isEqualTo("web");
      assertThat(s.name()).isEqualTo("nginx");
    });
    Placement placement = p.placement();
    assertThat(placement.clusterAffinity().labelSelector().matchLabels()).containsEntry("tier", "prod");
    assertThat(placement.clusterAffinity().exclude()).containsExactly("legacy");
    assertThat(placement.clusterTolerations()).containsExactly(Toleration.exists("maintenance",
        TaintEffect.NO_SCHEDULE));
    assertThat(placement.spreadConstraints()).containsExactly(SpreadConstraint.byField(SpreadField.REGION, 1, 2),
        SpreadConstraint.byField(SpreadField.CLUSTER, 1, 4));
    assertThat(placement.replicaScheduling().type()).isEqualTo(ReplicaSchedulingType.DIVIDED);
    assertThat(placement.divisionKind()).isEqualTo(DivisionKind.DYNAMIC_WEIGHT);
  }

  @Test
  void dividedWithoutPreferenceDefaultsToWeighted() {
    PropagationPolicy p = PropagationPolicies.parse("""
        apiVersion: policy.karmada.io/v1alpha1
        kind: ClusterPropagationPolicy
        metadata: {name: all}
        spec:
          resourceSelectors: [{apiVersion: v1, kind: ConfigMap}]
          placement:
            replicaScheduling: {replicaSchedulingType: Divided}
        """);
    assertThat(p.isClusterScoped()).isTrue();
    assertThat(p.placement().divisionKind()).isEqualTo(DivisionKind.STATIC_WEIGHT);
  }

  @Test
  void rejectsEveryProblemWithItsFieldPath() {
    String bad = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: bad, namespace: web}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, colour: blue}]
          placment: {}
          placement:
            spreadConstraints:
              - spreadByField: rack
                maxGroups: 2
              - spreadByField: cluster
                minGroups: 3
                maxGroups: 2
            replicaScheduling:
              replicaSchedulingType: Divided
              replicaDivisionPreference: Weighted
              weightPreference:
                staticWeightList:
                  - targetCluster: {clusterNames: [a]}
                    weight: -2
        """;
    assertThatThrownBy(() -> PropagationPolicies.parse(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path)
            .contains("spec.resourceSelectors[0].colour", "spec.placment",
                "spec.placement.spreadConstraints[0].spreadByField",
                "spec.placement.spreadConstraints[1].maxGroups",
                "spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight"))
        .hasMessageContaining("spec.placement.spreadConstraints[0].spreadByField: was \"rack\", must be one of")
        .hasMessageContaining("spec.placement.spreadConstraints[1].maxGroups: was 2, must be >= minGroups (3)")
        .hasMessageContaining("staticWeightList[0].weight: was -2, must be >= 1")
        .hasMessageContaining("spec.resourceSelectors[0].colour: was \"blue\", unknown field");
  }

  @Test
  void rejectsConflictingAffinitiesAndOverflowWithoutDynamicDivision() {
    String bad = """
        apiVersion: policy.karmada.io/v1alpha1
        kind: PropagationPolicy
        metadata: {name: bad}
        spec:
          resourceSelectors: [{apiVersion: apps/v1, kind: Deployment}]
          placement:
            clusterAffinity: {clusterNames: [a]}
            clusterAffinities:
              - affinityName: primary
                clusterNames: [a]
                overflowAffinities:
                  - affinityName: primary
                    clusterNames: [b]
            clusterTolerations:
              - key: x
                operator: Gt
            spreadConstraints:
              - spreadByField: region
                maxGroups: 2
        """;
    assertThatThrownBy(() -> PropagationPolicies.parse(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path)
            .contains("spec.placement.clusterAffinities",
                "spec.placement.clusterAffinities[0].overflowAffinities",
                "spec.placement.clusterAffinities[0].overflowAffinities[0].affinityName",
                "spec.placement.clusterTolerations[0].operator",
                "spec.placement.spreadConstraints"));
  }

  @Test
  void rejectsWrongTypesAndApiVersion() {
    assertThatThrownBy(() -> PropagationPolicies.parse("""
        apiVersion: v1
        kind: PropagationPolicy
        metadata: {name: x}
        spec:
          priority: high
          resourceSelectors: []
        """)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("apiVersion: was \"v1\", must be policy.karmada.io/v1alpha1")
        .hasMessageContaining("spec.priority: was \"high\", must be an integer")
        .hasMessageContaining("spec.resourceSelectors: was \"[]\", must list at least one selector");
  }

  @Test
  void multiDocumentFilesPrefixPathsWithTheDocumentIndex() {
    String two = POLICY + "---\n" + POLICY.replace("        maxGroups: 4", "        maxGroups: 4\n        bogus: 1");
    assertThatThrownBy(() -> PropagationPolicies.parseAll(two)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("[1].spec.placement.spreadConstraints[1].bogus");
    assertThat(PropagationPolicies.parseAll(POLICY + "---\n" + POLICY)).hasSize(2);
  }

  @Test
  void claimsByExplicitPriorityThenImplicitPriorityThenName() {
    Workload nginx = Workload.deployment("web", "nginx").labels(java.util.Map.of("app", "nginx")).build();
    PropagationPolicy byName = policy("b-by-name", "web", 0, new ResourceSelector("apps/v1", "Deployment", "web",
        "nginx", null));
    PropagationPolicy byLabel = policy("a-by-label", "web", 0, new ResourceSelector("apps/v1", "Deployment", "web",
        "", LabelSelector.matchLabels(java.util.Map.of("app", "nginx"))));
    PropagationPolicy all = policy("c-all", "web", 1, new ResourceSelector("apps/v1", "Deployment", "", "", null));
    PropagationPolicy cluster = new PropagationPolicy(PropagationPolicy.CLUSTER_KIND, "cpp", "", 100,
        List.of(new ResourceSelector("apps/v1", "Deployment", "", "", null)), Placement.empty(), null);

    assertThat(PropagationPolicies.claim(nginx, List.of(byLabel, byName))).get().isEqualTo(byName);
    assertThat(PropagationPolicies.claim(nginx, List.of(byLabel, byName, all))).get().isEqualTo(all);
    assertThat(PropagationPolicies.claim(nginx, List.of(cluster, byLabel))).get().isEqualTo(byLabel);
    assertThat(PropagationPolicies.claim(nginx, List.of(cluster))).get().isEqualTo(cluster);
    Workload elsewhere = Workload.deployment("other", "nginx").build();
    assertThat(PropagationPolicies.claim(elsewhere, List.of(byName, byLabel))).isEmpty();
  }

  private static PropagationPolicy policy(String name, String ns, int priority, ResourceSelector s) {
    return new PropagationPolicy(PropagationPolicy.KIND, name, ns, priority, List.of(s), Placement.empty(), null);
  }
}
