package dev.kurator.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kurator.core.FleetRegistry;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetWideInformerTest {

  EmbeddedFleet embedded;
  final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    embedded = EmbeddedFleet.start(3);
  }

  @AfterEach
  void stop() {
    embedded.close();
  }

  static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(1).endSpec().build();
  }

  @Test
  void eventsFromThreeClustersIncludingOneLeavingAndRejoining() throws Exception {
    FleetRegistry registry = FleetRegistry.of(embedded.fleet());
    FleetEventHandler<Deployment> handler = new FleetEventHandler<>() {
      @Override
      public void onEvent(FleetEvent<Deployment> e) {
        events.add(e.cluster() + " " + e.type() + " " + e.object().getMetadata().getName());
      }

      @Override
      public void onMemberLeft(String cluster, List<Deployment> lastKnown) {
        events.add(cluster + " LEFT with " + lastKnown.size());
      }
    };
    try (FleetInformer<Deployment> informer = FleetInformer.builder(Deployment.class).handler(handler).build();
        AutoCloseable following = informer.follow(registry)) {
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      for (String c : embedded.names()) {
        embedded.cluster(c).client().resource(deployment("app-" + c)).create();
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events).contains(
          "cluster-0 ADDED app-cluster-0", "cluster-1 ADDED app-cluster-1", "cluster-2 ADDED app-cluster-2"));

      registry.leave("cluster-1");
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("cluster-1 LEFT with 1"));
      embedded.cluster("cluster-1").client().resource(deployment("unseen")).create();
      embedded.cluster("cluster-0").client().apps().deployments().inNamespace("default").withName("app-cluster-0")
          .delete();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("cluster-0 DELETED app-cluster-0"));
      assertThat(events).noneMatch(e -> e.contains("unseen"));
      assertThat(informer.members()).containsExactly("cluster-0", "cluster-2");

      registry.join(embedded.fleet().member("cluster-1").orElseThrow());
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("cluster-1 ADDED unseen"));
      assertThat(informer.list().get("cluster-1")).hasSize(2);
    }
  }
}
