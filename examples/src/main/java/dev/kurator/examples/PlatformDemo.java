package dev.kurator.examples;

import dev.kurator.core.Assignment;
import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Selector;
import dev.kurator.core.TaintEffect;
import dev.kurator.core.override.OverridePolicies;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.propagation.ClusterSync;
import dev.kurator.core.propagation.PropagationResult;
import dev.kurator.placement.Decision;
import dev.kurator.placement.PropagationPolicies;
import dev.kurator.placement.PropagationPolicy;
import dev.kurator.placement.Scheduler;
import dev.kurator.placement.Workload;
import dev.kurator.policy.AdmissionGate;
import dev.kurator.policy.FleetPolicyReport;
import dev.kurator.policy.Kinds;
import dev.kurator.policy.PodSecurityStandards;
import dev.kurator.policy.PolicyEngine;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.PrintStream;
import java.util.Map;

/**
 * A host application wiring the SDK together on an embedded fleet of four clusters: a Karmada
 * {@code PropagationPolicy} decides where a Deployment goes and with how many replicas (and explains itself), a
 * Kyverno Pod Security gate stops a privileged variant before anything is written, the workload is propagated with a
 * per-region Karmada {@code OverridePolicy}, and a fleet-wide audit reports what runs where. Run with
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java
 * -Dexec.mainClass=dev.kurator.examples.PlatformDemo}.
 */
public final class PlatformDemo {

  static final String PROPAGATION_POLICY = """
      apiVersion: policy.karmada.io/v1alpha1
      kind: PropagationPolicy
      metadata:
        name: web
        namespace: shop
      spec:
        resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: web
        placement:
          clusterAffinity:
            labelSelector:
              matchExpressions:
                - {key: region, operator: In, values: [eu, us]}
          replicaScheduling:
            replicaSchedulingType: Divided
            replicaDivisionPreference: Weighted
            weightPreference:
              staticWeightList:
                - targetCluster: {labelSelector: {matchLabels: {region: eu}}}
                  weight: 2
                - targetCluster: {labelSelector: {matchLabels: {region: us}}}
                  weight: 1
      """;

  static final String OVERRIDE_POLICY = """
      apiVersion: policy.karmada.io/v1alpha1
      kind: OverridePolicy
      metadata:
        name: us-mirror
        namespace: shop
      spec:
        resourceSelectors:
          - apiVersion: apps/v1
            kind: Deployment
            name: web
        overrideRules:
          - targetCluster:
              labelSelector:
                matchLabels: {region: us}
            overriders:
              imageOverrider:
                - component: Registry
                  operator: replace
                  value: mirror.us.example.com
      """;

  private PlatformDemo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  static void run(PrintStream out) {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().fleetName("platform")
        .names("eu-1", "eu-2", "us-1", "edge-1")
        .labels("region", "eu", "eu", "us", "eu")
        .taint("edge-1", "edge", "true", TaintEffect.NO_SCHEDULE)
        .start()) {
      Fleet fleet = embedded.fleet();
      out.println("Embedded fleet \"" + fleet.name() + "\": " + fleet.memberNames()
          + " (edge-1 is tainted edge=true:NoSchedule)");

      section(out, "1. Placement: Karmada PropagationPolicy, 10 replicas, static weights eu:2 us:1");
      PropagationPolicy policy = PropagationPolicies.parse(PROPAGATION_POLICY);
      Workload workload = Workload.deployment("shop", "web").replicas(10).build();
      Decision decision = Scheduler.withDefaults()
          .schedule(workload, policy.placement(), fleet.snapshot(), Assignment.none());
      out.print(decision.explain());
      Assignment assignment = decision.assignment();

      section(out, "2. Policy gate: a privileged variant is denied, nothing is written anywhere");
      PolicyEngine podSecurity = PolicyEngine.of(PodSecurityStandards.policies(PodSecurityStandards.Level.BASELINE,
          PodSecurityStandards.FailureAction.ENFORCE, "high"));
      AdmissionGate gate = AdmissionGate.enforce(podSecurity);
      FleetResult<Deployment> denied = fleet.apply(web(true)).through(gate)
          .onClusters(Selector.names(assignment.clusterNames()));
      out.print(denied.toTable());

      section(out, "3. Propagation: the compliant Deployment, with the us-mirror OverridePolicy");
      Overrides overrides = Overrides.of(OverridePolicies.parse(OVERRIDE_POLICY));
      PropagationResult first = fleet.propagate(web(false)).assignment(assignment).overrides(overrides).sync();
      printSync(out, first);
      out.printf("%-8s  %-8s  %s%n", "CLUSTER", "REPLICAS", "IMAGE");
      FleetResult<Deployment> live = fleet.get(web(false)).onAllClusters();
      for (String cluster : live.clusters()) {
        String replicas = live.value(cluster).map(d -> String.valueOf(d.getSpec().getReplicas())).orElse("-");
        String image = live.value(cluster)
            .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).orElse("-");
        out.printf("%-8s  %-8s  %s%n", cluster, replicas, image);
      }

      section(out, "4. The same propagation again: nothing to write");
      printSync(out, fleet.propagate(web(false)).assignment(assignment).overrides(overrides).sync());

      section(out, "5. Fleet-wide audit against Pod Security baseline");
      FleetPolicyReport audit = podSecurity.audit(fleet, Kinds.of("Deployment"));
      out.printf("%-8s  %5s  %5s  %5s%n", "CLUSTER", "PASS", "FAIL", "ERROR");
      audit.byCluster().forEach((cluster, summary) -> out.printf("%-8s  %5d  %5d  %5d%n", cluster, summary.pass(),
          summary.fail(), summary.error()));
    }
  }

  private static Deployment web(boolean privileged) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
        .withNewSpec().withReplicas(10)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("registry.example.com/shop/web:1.4")
        .withNewSecurityContext().withPrivileged(privileged).endSecurityContext()
        .endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  private static void printSync(PrintStream out, PropagationResult result) {
    for (Map.Entry<String, ClusterSync> e : result.clusters().entrySet()) {
      ClusterSync sync = e.getValue();
      out.printf("%-8s  %-11s  %s%n", e.getKey(), sync.status(), sync.changes().stream()
          .map(c -> c.ref() + " " + c.action()).toList());
    }
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println(title);
  }
}
