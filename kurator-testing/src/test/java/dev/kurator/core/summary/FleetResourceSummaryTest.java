package dev.kurator.core.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resource summaries on an embedded fleet seeded with nodes and pods, fed into fleet.snapshot(). */
class FleetResourceSummaryTest {

  EmbeddedFleet embedded;
  Fleet fleet;
  ResourceSummaryCache cache;

  static Node node(String name, String cpu, String memory, String gpus) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
        .addToAllocatable("cpu", new Quantity(cpu)).addToAllocatable("memory", new Quantity(memory))
        .addToAllocatable("pods", new Quantity("110")).endStatus();
    if (gpus != null) {
      b.editStatus().addToAllocatable("nvidia.com/gpu", new Quantity(gpus)).endStatus();
    }
    return b.build();
  }

  static PodSpec requests(String cpu, String memory, String gpus) {
    PodSpecBuilder b = new PodSpecBuilder().addNewContainer().withName("c").withImage("x").withNewResources()
        .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory)).endResources()
        .endContainer();
    if (gpus != null) {
      b.editFirstContainer().editResources().addToRequests("nvidia.com/gpu", new Quantity(gpus)).endResources()
          .endContainer();
    }
    return b.build();
  }

  static Pod pod(String name, String node, String phase, PodSpec spec) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withSpec(new PodSpecBuilder(spec).withNodeName(node).build()).withNewStatus().withPhase(phase).endStatus()
        .build();
  }

  @BeforeEach
  void seed() {
    embedded = EmbeddedFleet.start(3);
    KubernetesClient c0 = embedded.cluster("cluster-0").client();
    c0.resource(node("gpu-1", "32", "128Gi", "4")).create();
    c0.resource(node("gpu-2", "32", "128Gi", "4")).create();
    c0.resource(pod("train-0", "gpu-1", "Running", requests("8", "32Gi", "2"))).create();
    c0.resource(pod("train-1", "gpu-2", "Running", requests("8", "32Gi", "3"))).create();
    c0.resource(pod("finished", "gpu-1", "Succeeded", requests("16", "64Gi", "2"))).create();
    c0.resource(pod("waiting", null, "Pending", requests("4", "8Gi", "1"))).create();
    KubernetesClient c1 = embedded.cluster("cluster-1").client();
    c1.resource(node("small", "4", "8Gi", null)).create();
    c1.resource(pod("web", "small", "Running", requests("3500m", "1Gi", null))).create();
    cache = ResourceSummaryCache.forFleet(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        Duration.ofSeconds(30));
    Fleet.Builder b = Fleet.builder("summaries").snapshotContributor(cache);
    embedded.fleet().members().forEach(m -> b.member(MemberCluster.builder(m.name()).client(m.client()).build()));
    fleet = b.build();
  }

  @AfterEach
  void stop() {
    fleet.close();
    embedded.close();
  }

  @Test
  void snapshotsCarryKarmadaStyleSummaries() {
    Map<String, ClusterSnapshot> byName = new java.util.HashMap<>();
    fleet.snapshot().forEach(s -> byName.put(s.name(), s));

    var gpu = byName.get("cluster-0").resourceSummary();
    assertThat(gpu.allocatable()).containsEntry("cpu", new Quantity("64")).containsEntry("nvidia.com/gpu",
        new Quantity("8")).containsEntry("pods", new Quantity("220"))
        .containsEntry("memory", new Quantity(Long.toString(256L << 30)));
    assertThat(gpu.allocated()).containsEntry("cpu", new Quantity("16")).containsEntry("nvidia.com/gpu",
        new Quantity("5")).containsEntry("pods", new Quantity("2"))
        .containsEntry("memory", new Quantity(Long.toString(64L << 30)));
    assertThat(gpu.allocating()).containsEntry("cpu", new Quantity("4")).containsEntry("nvidia.com/gpu",
        new Quantity("1")).containsEntry("pods", new Quantity("1"));
    var small = byName.get("cluster-1").resourceSummary();
    assertThat(small.allocated()).containsEntry("cpu", new Quantity("3500m"));
    assertThat(byName.get("cluster-2").resourceSummary().allocatable()).isEmpty();
  }

  @Test
  void replicaEstimatesSumThePerNodeFit() {
    fleet.snapshot();

    // gpu-1 has 2 GPUs free, gpu-2 has 1: a 1-GPU replica fits 3 times; a 2-GPU replica only once
    assertThat(cache.estimate("cluster-0", requests("1", "1Gi", "1")).orElseThrow().replicas()).isEqualTo(3);
    assertThat(cache.estimate("cluster-0", requests("1", "1Gi", "2")).orElseThrow().replicas()).isEqualTo(1);
    // 500m left on the only node of cluster-1
    assertThat(cache.estimate("cluster-1", requests("250m", "128Mi", null)).orElseThrow().replicas()).isEqualTo(2);
  }
}
