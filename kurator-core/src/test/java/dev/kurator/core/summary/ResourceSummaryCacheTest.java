package dev.kurator.core.summary;

import static dev.kurator.core.summary.Fixtures.node;
import static dev.kurator.core.summary.Fixtures.pod;
import static dev.kurator.core.summary.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.StepClock;
import dev.kurator.core.propagation.MockMembers;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceSummaryCacheTest {

  MockMembers fleet;
  StepClock clock = new StepClock();

  @BeforeEach
  void seed() {
    fleet = new MockMembers().add("gpu", Map.of()).add("cpu", Map.of());
    KubernetesClient gpu = fleet.client("gpu");
    gpu.resource(node("g1", "8", "32Gi", 110, Map.of("nvidia.com/gpu", "4"))).create();
    gpu.resource(node("g2", "8", "32Gi", 110, Map.of("nvidia.com/gpu", "4"))).create();
    gpu.resource(pod("train", "g1", "Running", spec("6", "8Gi"))).create();
    gpu.resource(pod("done", "g1", "Succeeded", spec("8", "8Gi"))).create();
    gpu.resource(pod("queued", null, "Pending", spec("1", "1Gi"))).create();
    fleet.client("cpu").resource(node("c1", "16", "64Gi", 110, Map.of())).create();
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  @Test
  void summariesOfASeededFleet() {
    ResourceSummaryCache cache = ResourceSummaryCache.of(fleet::client, clock, Duration.ofSeconds(30));

    var gpu = cache.summary("gpu").orElseThrow();
    assertThat(gpu.allocatable()).containsEntry("cpu", new Quantity("16")).containsEntry("nvidia.com/gpu",
        new Quantity("8")).containsEntry("pods", new Quantity("220"));
    assertThat(gpu.allocated()).containsEntry("cpu", new Quantity("6")).containsEntry("pods", new Quantity("1"));
    assertThat(gpu.allocating()).containsEntry("cpu", new Quantity("1")).containsEntry("pods", new Quantity("1"));
    assertThat(cache.summary("cpu").orElseThrow().allocatable()).containsEntry("cpu", new Quantity("16"))
        .doesNotContainKey("nvidia.com/gpu");
    // g1 has 2 cores left, g2 has 8: 4-core replicas fit 0 + 2
    assertThat(cache.estimate("gpu", spec("4", "1Gi")).orElseThrow().replicas()).isEqualTo(2);
    assertThat(cache.withSummary(ClusterSnapshot.builder("gpu").build()).resourceSummary()).isEqualTo(gpu);
  }

  @Test
  void servesTheCachedSummaryUntilTheRefreshIntervalPasses() {
    ResourceSummaryCache cache = ResourceSummaryCache.of(fleet::client, clock, Duration.ofSeconds(30));
    assertThat(cache.summary("cpu").orElseThrow().allocated()).containsEntry("pods", new Quantity("0"));
    fleet.client("cpu").resource(pod("new", "c1", "Running", spec("2", "1Gi"))).create();

    clock.advance(Duration.ofSeconds(29));
    assertThat(cache.summary("cpu").orElseThrow().allocated()).containsEntry("pods", new Quantity("0"));

    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.summary("cpu").orElseThrow().allocated()).containsEntry("pods", new Quantity("1"))
        .containsEntry("cpu", new Quantity("2"));
  }

  @Test
  void anUnreadableMemberKeepsItsLastSummaryAndAnUnknownOneHasNone() {
    ResourceSummaryCache cache = ResourceSummaryCache.of(fleet::client, clock, Duration.ofSeconds(30));
    var before = cache.summary("cpu").orElseThrow();
    fleet.close();
    clock.advance(Duration.ofSeconds(60));

    assertThat(cache.summary("cpu")).contains(before);
    assertThat(cache.summary("gpu")).isEmpty();
  }

  @Test
  void refreshMustBePositive() {
    assertThatThrownBy(() -> ResourceSummaryCache.of(fleet::client, clock, Duration.ZERO))
        .hasMessageContaining("resourceSummaryCache.refresh: was PT0S, must be positive");
  }
}
