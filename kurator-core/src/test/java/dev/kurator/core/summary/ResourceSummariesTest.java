package dev.kurator.core.summary;

import static dev.kurator.core.summary.Fixtures.node;
import static dev.kurator.core.summary.Fixtures.pod;
import static dev.kurator.core.summary.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.ResourceSummary;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceSummariesTest {

  @Test
  void sumsAllocatableAndSplitsPodRequestsIntoAllocatedAndAllocating() {
    var nodes = List.of(node("n1", "4", "8Gi", 110, Map.of("nvidia.com/gpu", "2")),
        node("n2", "2500m", "4Gi", 110, Map.of()));
    PodSpec gpu = new PodSpecBuilder(spec("500m", "1Gi")).editFirstContainer().editResources()
        .addToRequests("nvidia.com/gpu", new Quantity("1")).endResources().endContainer().build();
    var pods = List.of(
        pod("a", "n1", "Running", spec("1", "1Gi")),
        pod("b", "n2", "Running", gpu),
        pod("done", "n1", "Succeeded", spec("2", "2Gi")),
        pod("failed", "n1", "Failed", spec("2", "2Gi")),
        pod("pending", null, "Pending", spec("250m", "512Mi")));

    ResourceSummary s = ResourceSummaries.compute(nodes, pods);

    assertThat(s.allocatable()).containsEntry("cpu", new Quantity("6500m"))
        .containsEntry("memory", new Quantity(Long.toString(12L << 30)))
        .containsEntry("pods", new Quantity("220")).containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(s.allocated()).containsEntry("cpu", new Quantity("1500m"))
        .containsEntry("memory", new Quantity(Long.toString(2L << 30)))
        .containsEntry("pods", new Quantity("2")).containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(s.allocating()).containsEntry("cpu", new Quantity("250m"))
        .containsEntry("memory", new Quantity(Long.toString(512L << 20))).containsEntry("pods", new Quantity("1"));
  }

  @Test
  void podRequestIsSumOfContainersRaisedToTheLargestInitContainerPlusOverhead() {
    PodSpec s = new PodSpecBuilder(spec("100m", "100Mi"))
        .addToContainers(new ContainerBuilder().withName("side").withNewResources()
            .addToLimits("cpu", new Quantity("200m")).endResources().build())
        .addToInitContainers(new ContainerBuilder().withName("init").withNewResources()
            .addToRequests("cpu", new Quantity("1")).addToRequests("memory", new Quantity("10Mi")).endResources()
            .build())
        .addToOverhead("cpu", new Quantity("50m")).build();

    ResourceSummary summary = ResourceSummaries.compute(List.of(), List.of(pod("p", "n", "Running", s)));

    assertThat(summary.allocated()).containsEntry("cpu", new Quantity("1050m"))
        .containsEntry("memory", new Quantity(Long.toString(100L << 20)));
  }

  @Test
  void anEmptyClusterHasZeroPods() {
    ResourceSummary s = ResourceSummaries.compute(List.of(), List.of());
    assertThat(s.allocatable()).isEmpty();
    assertThat(s.allocated()).containsExactly(Map.entry("pods", new Quantity("0")));
  }
}
