package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Assignment;
import dev.kurator.core.override.OverridePolicies;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.propagation.ClusterSync;
import dev.kurator.core.propagation.PropagationResult;
import dev.kurator.policy.PodSecurityStandards.FailureAction;
import dev.kurator.policy.PodSecurityStandards.Level;
import dev.kurator.testing.EmbeddedFleetExtension;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kyverno gate in front of a propagation: per-cluster variants are mutated, then validated, before any write. */
class PropagationGateTest {
  @RegisterExtension
  static final EmbeddedFleetExtension FLEET = EmbeddedFleetExtension.of(3).resetEach();

  /** Makes cluster-2's variant privileged, so only that variant breaks Pod Security baseline. */
  private static final String PRIVILEGED_ON_CLUSTER_2 = """
      apiVersion: policy.karmada.io/v1alpha1
      kind: OverridePolicy
      metadata: {name: privileged-on-2, namespace: apps}
      spec:
        resourceSelectors: [{apiVersion: apps/v1, kind: Deployment, name: api}]
        overrideRules:
          - targetCluster: {clusterNames: [cluster-2]}
            overriders:
              plaintext:
                - path: /spec/template/spec/containers/0/securityContext/privileged
                  operator: replace
                  value: true
      """;

  private static final String ADD_TEAM_LABEL = """
      apiVersion: kyverno.io/v1
      kind: ClusterPolicy
      metadata: {name: add-team}
      spec:
        rules:
          - name: team-label
            match:
              any:
                - resources: {kinds: [Deployment]}
            mutate:
              patchStrategicMerge:
                metadata:
                  labels:
                    team: platform
      """;

  private static Deployment api() {
    return new DeploymentBuilder().withNewMetadata().withName("api").withNamespace("apps").endMetadata()
        .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "api").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("registry.io/app:1").withNewSecurityContext()
        .withPrivileged(false).endSecurityContext().endContainer().endSpec().endTemplate().endSpec().build();
  }

  private static Deployment live(String cluster) {
    return FLEET.embedded().cluster(cluster).client().apps().deployments().inNamespace("apps").withName("api").get();
  }

  @Test
  void aDeniedVariantOnOneClusterWritesNothingAnywhere() {
    AdmissionGate gate = AdmissionGate.enforce(PolicyEngine.of(
        PodSecurityStandards.policies(Level.BASELINE, FailureAction.ENFORCE, "high")));
    Assignment everywhere = Assignment.ofReplicas(Map.of("cluster-0", 1, "cluster-1", 1, "cluster-2", 1));

    PropagationResult r = FLEET.get().propagate(api()).assignment(everywhere)
        .overrides(Overrides.of(OverridePolicies.parse(PRIVILEGED_ON_CLUSTER_2))).through(gate).sync();

    assertThat(r.cluster("cluster-2").status()).isEqualTo(ClusterSync.Status.DENIED);
    assertThat(r.cluster("cluster-2").error()).contains("Deployment apps/api")
        .contains("pss-baseline-privileged/autogen-privileged-containers");
    assertThat(r.cluster("cluster-0").status()).isEqualTo(ClusterSync.Status.SKIPPED);
    assertThat(r.cluster("cluster-1").status()).isEqualTo(ClusterSync.Status.SKIPPED);
    assertThat(r.cluster("cluster-1").error()).contains("cluster-2");
    for (String cluster : new String[] {"cluster-0", "cluster-1", "cluster-2"}) {
      assertThat(r.cluster(cluster).changes()).as(cluster).isEmpty();
      assertThat(live(cluster)).as(cluster).isNull();
    }
  }

  @Test
  void mutationsReachEveryCopyAndAReRunWritesNothing() {
    AdmissionGate gate = AdmissionGate.enforce(PolicyEngine.of(ClusterPolicies.parse(ADD_TEAM_LABEL)));
    Assignment split = Assignment.ofReplicas(Map.of("cluster-0", 2, "cluster-1", 1));

    PropagationResult first = FLEET.get().propagate(api()).assignment(split).through(gate).sync();
    PropagationResult again = FLEET.get().propagate(api()).assignment(split).through(gate).sync();

    assertThat(first.failures()).isEmpty();
    assertThat(live("cluster-0").getMetadata().getLabels()).containsEntry("team", "platform")
        .containsEntry("kurator.dev/propagation", "api-deployment");
    assertThat(live("cluster-0").getSpec().getReplicas()).isEqualTo(2);
    assertThat(live("cluster-1").getMetadata().getLabels()).containsEntry("team", "platform");
    assertThat(live("cluster-2")).isNull();
    assertThat(again.unchangedEverywhere()).isTrue();
  }
}
