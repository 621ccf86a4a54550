package dev.kurator.core.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kurator.core.ValidationException;
import dev.kurator.core.propagation.MockMembers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FleetInformerTest {

  MockMembers fleet;
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<String> left = new CopyOnWriteArrayList<>();

  final FleetEventHandler<ConfigMap> handler = new FleetEventHandler<>() {
    @Override
    public void onEvent(FleetEvent<ConfigMap> e) {
      events.add(e.cluster() + " " + (e.isResync() ? "RESYNC" : e.type()) + " " + e.object().getMetadata().getName());
    }

    @Override
    public void onMemberJoined(String cluster) {
      events.add(cluster + " JOINED");
    }

    @Override
    public void onMemberLeft(String cluster, List<ConfigMap> lastKnown) {
      left.add(cluster + " " + lastKnown.stream().map(c -> c.getMetadata().getName()).sorted().toList());
    }
  };

  @BeforeEach
  void start() {
    fleet = new MockMembers().add("a", Map.of()).add("b", Map.of()).add("c", Map.of());
  }

  @AfterEach
  void stop() {
    fleet.close();
  }

  static ConfigMap cm(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", "x")
        .endMetadata().addToData("v", value).build();
  }

  @Test
  void eventsFromThreeClustersAreTaggedAndAMemberLeavingIsHandled() {
    fleet.client("a").resource(cm("pre", "1")).create();
    try (FleetInformer<ConfigMap> informer = FleetInformer.builder(ConfigMap.class).labels(Map.of("app", "x"))
        .handler(handler).build()) {
      for (String c : List.of("a", "b", "c")) {
        informer.addMember(c, fleet.client(c));
      }
      await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("a ADDED pre"));

      fleet.client("b").resource(cm("web", "1")).create();
      fleet.client("c").resource(cm("api", "1")).create();
      fleet.client("c").configMaps().inNamespace("default").withName("api").edit(x -> new ConfigMapBuilder(x)
          .addToData("v", "2").build());
      fleet.client("a").configMaps().inNamespace("default").withName("pre").delete();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events).contains(
          "a JOINED", "b JOINED", "c JOINED", "b ADDED web", "c ADDED api", "c UPDATED api", "a DELETED pre"));
      assertThat(informer.list()).containsOnlyKeys("a", "b", "c");
      assertThat(informer.list().get("c")).extracting(x -> x.getData().get("v")).containsExactly("2");

      informer.removeMember("c");
      await().atMost(Duration.ofSeconds(10)).until(() -> left.contains("c [api]"));
      fleet.client("c").resource(cm("after-leaving", "1")).create();
      fleet.client("b").resource(cm("still-watched", "1")).create();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("b ADDED still-watched"));
      assertThat(events).noneMatch(e -> e.contains("after-leaving"));
      assertThat(informer.members()).containsExactly("a", "b");
    }
  }

  @Test
  void resyncRedeliversCachedObjects() {
    fleet.client("a").resource(cm("x", "1")).create();
    try (FleetInformer<ConfigMap> informer = FleetInformer.builder(ConfigMap.class).resync(Duration.ofSeconds(1))
        .handler(handler).build()) {
      informer.addMember("a", fleet.client("a"));
      await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("a RESYNC x"));
    }
  }

  @Test
  void closeStopsEveryInformerAndNothingIsDeliveredAfterwards() {
    FleetInformer<ConfigMap> informer = FleetInformer.builder(ConfigMap.class).handler(handler).build();
    informer.addMember("a", fleet.client("a"));
    await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);

    List<String> witness = new CopyOnWriteArrayList<>();
    FleetInformer<ConfigMap> open = FleetInformer.builder(ConfigMap.class)
        .handler(e -> witness.add(e.object().getMetadata().getName())).build();
    open.addMember("a", fleet.client("a"));
    await().atMost(Duration.ofSeconds(10)).until(open::hasSynced);

    informer.close();
    fleet.client("a").resource(cm("late", "1")).create();

    // the informer still open on the same cluster sees the event; the closed one never does
    await().atMost(Duration.ofSeconds(10)).until(() -> witness.contains("late"));
    open.close();
    assertThat(informer.members()).isEmpty();
    assertThat(events).noneMatch(e -> e.contains("late"));
    assertThatThrownBy(() -> informer.addMember("b", fleet.client("b"))).isInstanceOf(IllegalStateException.class);
    informer.close();
  }

  @Test
  void aMemberCannotBeWatchedTwice() {
    try (FleetInformer<ConfigMap> informer = FleetInformer.builder(ConfigMap.class).handler(handler).build()) {
      informer.addMember("a", fleet.client("a"));
      assertThatThrownBy(() -> informer.addMember("a", fleet.client("a"))).hasMessageContaining("already watched");
    }
  }

  @Test
  void badSettingsAreRejectedWithFieldPaths() {
    assertThatThrownBy(() -> FleetInformer.builder(ConfigMap.class).resync(Duration.ofMillis(10)).namespace(" ")
        .build())
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.problems())
            .extracting(ValidationException.Problem::path)
            .containsExactly("fleetInformer.handler", "fleetInformer.resync", "fleetInformer.namespace"));
  }
}
