package dev.kurator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.ClusterOutcome;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import dev.kurator.policy.PodSecurityStandards.FailureAction;
import dev.kurator.policy.PodSecurityStandards.Level;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audit and admission gate against an embedded three-cluster fleet. */
class FleetPolicyTest {
  private static EmbeddedFleet embedded;

  @BeforeAll
  static void start() {
    embedded = EmbeddedFleet.start(3);
  }

  @AfterAll
  static void stop() {
    embedded.close();
  }

  @BeforeEach
  void reset() {
    embedded.healAll();
    embedded.resetAll();
  }

  private static Pod pod(String name, String namespace, boolean privileged) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
        .withNewSpec().withHostNetwork(privileged ? true : null).addNewContainer().withName("app")
        .withImage("registry.io/app:1").withNewSecurityContext().withPrivileged(privileged).endSecurityContext()
        .endContainer().endSpec().build();
  }

  private static Deployment deployment(String name, boolean privileged) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("apps").endMetadata()
        .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata().withNewSpec()
        .addNewContainer().withName("app").withImage("registry.io/app:1").withNewSecurityContext()
        .withPrivileged(privileged).endSecurityContext().endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void auditReportsEveryReachableClusterPerNamespaceAndNamesTheDownOne() {
    embedded.fleet().apply(List.of(pod("web", "apps", false), pod("rogue", "apps", true), pod("job", "batch", false),
        deployment("api", true))).onAllClusters().throwIfAnyFailed();
    embedded.cluster("cluster-2").makeUnreachable();
    PolicyEngine engine = PolicyEngine.of(PodSecurityStandards.policies(Level.BASELINE));

    FleetPolicyReport report = engine.audit(embedded.fleet(), Kinds.of("Pod", "Deployment"));

    assertThat(report.unreachable()).containsOnlyKeys("cluster-2");
    assertThat(report.reports()).containsOnlyKeys("cluster-0", "cluster-1");
    for (String cluster : List.of("cluster-0", "cluster-1")) {
      assertThat(report.reports().get(cluster)).extracting(PolicyReport::namespace)
          .containsExactly("apps", "batch");
    }
    ReportSummary perCluster = report.byCluster().get("cluster-0");
    // rogue pod: host namespaces + privileged; api deployment: privileged (autogen rule)
    assertThat(perCluster.fail()).isEqualTo(3);
    assertThat(report.total().fail()).isEqualTo(6);
    assertThat(report.byPolicy().get("pss-baseline-privileged").fail()).isEqualTo(4);
    assertThat(report.byRule()).containsKey("pss-baseline-privileged/autogen-privileged-containers");
    assertThat(report.bySeverity()).containsOnlyKeys("medium");
    PolicyReport apps = report.reports().get("cluster-0").get(0);
    assertThat(apps.toJson().path("kind").asText()).isEqualTo("PolicyReport");
    assertThat(apps.toJson().path("summary").path("fail").asInt()).isEqualTo(3);
    assertThat(apps.toJson().path("results").get(0).path("resources").get(0).path("kind").asText()).isNotEmpty();
  }

  @Test
  void auditReportsAreWrittenBackWhenAsked() {
    embedded.fleet().apply(pod("rogue", "apps", true)).onAllClusters().throwIfAnyFailed();
    PolicyEngine engine = PolicyEngine.of(PodSecurityStandards.policies(Level.BASELINE));
    FleetPolicyReport report = engine.audit(embedded.fleet(), Kinds.of("Pod"));

    Map<String, String> failures = PolicyEngine.writeReports(embedded.fleet(), report);

    assertThat(failures).isEmpty();
    PolicyReport apps = report.reports().get("cluster-1").get(0);
    GenericKubernetesResource written = embedded.cluster("cluster-1").client()
        .genericKubernetesResources(FleetAudit.context(apps)).inNamespace("apps").withName("kurator-polr-apps").get();
    assertThat(written).isNotNull();
    assertThat(((Map<?, ?>) written.getAdditionalProperties().get("summary")).get("fail")).isEqualTo(2);
  }

  @Test
  void enforceGateWritesNothingAnywhereWhenOneVariantFails() {
    PolicyEngine engine = PolicyEngine.of(PodSecurityStandards.policies(Level.BASELINE, FailureAction.ENFORCE,
        "high"));
    List<HasMetadata> batch = List.of(pod("web", "apps", false), deployment("api", true));

    FleetResult<HasMetadata> result = embedded.fleet().apply(batch).through(AdmissionGate.enforce(engine))
        .onAllClusters();

    assertThat(result.allSucceeded()).isFalse();
    for (String cluster : embedded.names()) {
      assertThat(embedded.cluster(cluster).client().pods().inNamespace("apps").list().getItems()).isEmpty();
      assertThat(embedded.cluster(cluster).client().apps().deployments().inNamespace("apps").list().getItems())
          .isEmpty();
    }
    List<Outcome.Denied<HasMetadata>> denials = result.rows().stream().map(ClusterOutcome::outcome)
        .filter(o -> o instanceof Outcome.Denied).map(o -> (Outcome.Denied<HasMetadata>) o).toList();
    assertThat(denials).hasSize(3);
    assertThat(result.failures()).containsOnlyKeys("cluster-0", "cluster-1", "cluster-2");
    assertThat(denials.get(0).results()).anySatisfy(r -> {
      assertThat(r.policy()).isEqualTo("pss-baseline-privileged");
      assertThat(r.rule()).isEqualTo("autogen-privileged-containers");
    });
  }

  @Test
  void gateAppliesMutationsAndAllowsCompliantResources() {
    PolicyEngine engine = PolicyEngine.of(ClusterPolicies.parse("""
        apiVersion: kyverno.io/v1
        kind: ClusterPolicy
        metadata: {name: label-cluster}
        spec:
          rules:
          - name: add-label
            match: {any: [{resources: {kinds: [Pod]}}]}
            mutate:
              patchStrategicMerge:
                metadata:
                  labels:
                    +(kurator.dev/cluster): "{{ request.clusterName }}"
        """));

    FleetResult<HasMetadata> result = embedded.fleet().apply(List.<HasMetadata>of(pod("web", "apps", false)))
        .through(AdmissionGate.enforce(engine)).onAllClusters();

    assertThat(result.allSucceeded()).isTrue();
    for (String cluster : embedded.names()) {
      Pod written = embedded.cluster(cluster).client().pods().inNamespace("apps").withName("web").get();
      assertThat(written.getMetadata().getLabels()).containsEntry("kurator.dev/cluster", cluster);
    }
  }
}
