package dev.kurator.core.summary;

import static dev.kurator.core.summary.Fixtures.node;
import static dev.kurator.core.summary.Fixtures.pod;
import static dev.kurator.core.summary.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaEstimatorTest {

  @Test
  void sumsThePerNodeFitNotTheClusterTotal() {
    // 2 nodes with 1.5 free cores each: a 1-core replica fits once per node (2), not 3 times on the cluster
    var nodes = List.of(node("n1", "2", "8Gi", 110, Map.of()), node("n2", "2", "8Gi", 110, Map.of()));
    var pods = List.of(pod("a", "n1", "Running", spec("500m", "1Gi")), pod("b", "n2", "Running", spec("500m", "1Gi")));

    ReplicaEstimate e = ReplicaEstimator.estimate(spec("1", "1Gi"), nodes, pods);

    assertThat(e.replicas()).isEqualTo(2);
    assertThat(e.perNode()).containsExactlyInAnyOrderEntriesOf(Map.of("n1", 1, "n2", 1));
  }

  @Test
  void thePodsLimitAndExtendedResourcesBound() {
    var nodes = List.of(node("gpu", "64", "256Gi", 3, Map.of("nvidia.com/gpu", "4")),
        node("cpu-only", "64", "256Gi", 110, Map.of()));
    PodSpec gpu = new PodSpecBuilder(spec("1", "1Gi")).editFirstContainer().editResources()
        .addToRequests("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().build();
    var pods = List.of(pod("a", "gpu", "Running", spec("1", "1Gi")), pod("old", "gpu", "Succeeded", gpu));

    ReplicaEstimate e = ReplicaEstimator.estimate(gpu, nodes, pods);

    assertThat(e.replicas()).isEqualTo(2); // pods: 3 - 1 running (the succeeded one does not count)
    assertThat(e.excluded()).containsEntry("cpu-only", "no room: nvidia.com/gpu exhausted");
  }

  @Test
  void honoursNodeSelectorTaintsCordonAndReadiness() {
    Node tainted = new NodeBuilder(node("tainted", "4", "4Gi", 110, Map.of())).editOrNewSpec().addNewTaint()
        .withKey("dedicated").withValue("db").withEffect("NoSchedule").endTaint().endSpec().build();
    Node soft = new NodeBuilder(node("soft", "4", "4Gi", 110, Map.of())).editOrNewSpec().addNewTaint()
        .withKey("x").withEffect("PreferNoSchedule").endTaint().endSpec().build();
    Node cordoned = new NodeBuilder(node("cordoned", "4", "4Gi", 110, Map.of())).editOrNewSpec()
        .withUnschedulable(true).endSpec().build();
    Node notReady = new NodeBuilder(node("not-ready", "4", "4Gi", 110, Map.of())).editStatus().editFirstCondition()
        .withStatus("False").endCondition().endStatus().build();
    Node ssd = new NodeBuilder(node("ssd", "4", "4Gi", 110, Map.of())).editMetadata().addToLabels("disk", "ssd")
        .endMetadata().build();
    var nodes = List.of(tainted, soft, cordoned, notReady, ssd);

    ReplicaEstimate any = ReplicaEstimator.estimate(spec("1", "1Gi"), nodes, List.of());
    assertThat(any.perNode()).containsOnlyKeys("soft", "ssd");
    assertThat(any.replicas()).isEqualTo(8);
    assertThat(any.excluded()).containsOnlyKeys("tainted", "cordoned", "not-ready");

    PodSpec onSsd = new PodSpecBuilder(spec("1", "1Gi")).addToNodeSelector("disk", "ssd").build();
    assertThat(ReplicaEstimator.estimate(onSsd, nodes, List.of()).perNode()).containsOnlyKeys("ssd");

    PodSpec tolerant = new PodSpecBuilder(spec("1", "1Gi")).addNewToleration().withKey("dedicated")
        .withOperator("Equal").withValue("db").withEffect("NoSchedule").endToleration().build();
    assertThat(ReplicaEstimator.estimate(tolerant, nodes, List.of()).perNode())
        .containsOnlyKeys("tainted", "soft", "ssd");
  }

  @Test
  void requiredNodeAffinityIsHonoured() {
    Node big = new NodeBuilder(node("big", "4", "4Gi", 110, Map.of())).editMetadata().addToLabels("cores", "64")
        .endMetadata().build();
    Node small = new NodeBuilder(node("small", "4", "4Gi", 110, Map.of())).editMetadata().addToLabels("cores", "8")
        .endMetadata().build();
    PodSpec s = new PodSpecBuilder(spec("1", "1Gi")).withNewAffinity().withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution().addNewNodeSelectorTerm().addNewMatchExpression()
        .withKey("cores").withOperator("Gt").withValues("16").endMatchExpression().endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().build();

    assertThat(ReplicaEstimator.estimate(s, List.of(big, small), List.of()).perNode()).containsOnlyKeys("big");
  }

  @Test
  void aTemplateWithoutRequestsIsBoundByPodsOnly() {
    PodSpec none = new PodSpecBuilder().addNewContainer().withName("c").endContainer().build();
    assertThat(ReplicaEstimator.estimate(none, List.of(node("n", "1", "1Gi", 5, Map.of())), List.of()).replicas())
        .isEqualTo(5);
  }
}
