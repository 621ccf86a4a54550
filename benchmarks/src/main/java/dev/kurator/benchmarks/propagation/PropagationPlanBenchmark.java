package dev.kurator.benchmarks.propagation;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.override.OverridePolicies;
import dev.kurator.core.override.Overrides;
import dev.kurator.core.propagation.Propagation;
import dev.kurator.core.propagation.PropagationPlan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Computing every cluster's variant of a Deployment (replica revision, Karmada overrides with image, labels and
 * plaintext overriders, ownership marks and hash): the pure part of a propagation, before any write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PropagationPlanBenchmark {

  @Param({"10", "100"})
  int clusters;

  Propagation propagation;
  List<ClusterSnapshot> snapshots;

  @Setup
  public void setUp() {
    Deployment web = new DeploymentBuilder().withNewMetadata().withName("web").withNamespace("shop")
        .addToLabels("app", "web").endMetadata().withNewSpec().withReplicas(clusters * 3).withNewTemplate()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").withArgs("-g", "daemon off;")
        .endContainer().endSpec().endTemplate().endSpec().build();
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
                plaintext: [{path: /spec/minReadySeconds, operator: add, value: 10}]
        """));
    Map<String, Integer> replicas = new LinkedHashMap<>();
    snapshots = new ArrayList<>();
    for (int i = 0; i < clusters; i++) {
      String name = "cluster-" + i;
      replicas.put(name, 3);
      snapshots.add(ClusterSnapshot.builder(name).labels(Map.of("region", i % 2 == 0 ? "eu" : "us")).build());
    }
    propagation = Propagation.builder("web").template(web).assignment(Assignment.ofReplicas(replicas))
        .overrides(overrides).build();
  }

  @Benchmark
  public PropagationPlan plan() {
    return propagation.plan(snapshots);
  }
}
