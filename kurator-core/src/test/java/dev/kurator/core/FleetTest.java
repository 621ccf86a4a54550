package dev.kurator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {

  @Test
  void rejectsBadNameDuplicatesAndBadSettingsTogether() {
    MemberCluster eu1 = Clients.member("eu-1");
    assertThatThrownBy(() -> Fleet.builder("Prod!").member(eu1).member(Clients.member("us-1")).member(eu1)
        .parallelism(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("fleet.name: was \"Prod!\", must be a DNS-1123 label")
        .hasMessageContaining("fleet.parallelism: was 0, must be between 1 and 512")
        .hasMessageContaining("fleet.members[2].name: was \"eu-1\", duplicates members[0]");
    eu1.client().close();
  }

  @Test
  void rejectsAnEmptyFleet() {
    assertThatThrownBy(() -> Fleet.builder("prod").build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("fleet.members: was \"[]\", a fleet needs at least one member");
  }

  @Test
  void joinAndLeaveMakeNewSnapshotsAndNotifyListeners() {
    try (Fleet fleet = Fleet.builder("prod").member(Clients.member("eu-1")).build();
        FleetRegistry registry = FleetRegistry.of(fleet)) {
      List<FleetChange> changes = new ArrayList<>();
      FleetRegistry.Subscription subscription = registry.addListener(changes::add);
      registry.addListener(c -> {
        throw new IllegalStateException("a broken listener does not stop the others");
      });

      Fleet two = registry.join(Clients.member("us-1"));
      Fleet one = registry.leave("eu-1");

      assertThat(fleet.memberNames()).containsExactly("eu-1");
      assertThat(two.memberNames()).containsExactly("eu-1", "us-1");
      assertThat(one.memberNames()).containsExactly("us-1");
      assertThat(registry.current()).isSameAs(one);
      assertThat(changes).hasSize(2);
      assertThat(changes.get(0).joined()).containsExactly("us-1");
      assertThat(changes.get(1).left()).containsExactly("eu-1");
      assertThat(changes.get(1).previous()).isSameAs(two);

      assertThatThrownBy(() -> registry.join(Clients.member("us-1")))
          .isInstanceOf(ValidationException.class).hasMessageContaining("members[1].name: was \"us-1\"");
      assertThatThrownBy(() -> registry.leave("us-1"))
          .isInstanceOf(ValidationException.class).hasMessageContaining("at least one member");
      assertThatThrownBy(() -> registry.leave("mars"))
          .isInstanceOf(ValidationException.class).hasMessageContaining("leave[0]: was \"mars\"");
      assertThat(registry.current()).isSameAs(one);
      assertThat(changes).hasSize(2);

      subscription.close();
      registry.join(Clients.member("ap-1"));
      assertThat(changes).hasSize(2);
      registry.current().members().forEach(m -> m.client().close());
      fleet.members().forEach(m -> m.client().close());
    }
  }

  @Test
  void snapshotCarriesLabelsTaintsAndContributions() {
    MemberCluster m = Clients.member("eu-1").toBuilder().label("region", "eu")
        .taint("gpu", "", TaintEffect.NO_SCHEDULE).build();
    // The member's client is offline: API discovery (on by default) is off here, the contributor below stands in.
    try (Fleet fleet = Fleet.builder("prod").member(m).apiDiscovery(null)
        .snapshotContributor(new dev.kurator.core.spi.SnapshotContributor() {
          @Override
          public String name() {
            return "apis";
          }

          @Override
          public void contribute(MemberCluster member, ClusterSnapshot.Builder snapshot) {
            snapshot.apiEnablements(java.util.Map.of("apps/v1", java.util.Set.of("Deployment")), true);
          }
        }).build()) {
      ClusterSnapshot s = fleet.snapshot().get(0);

      assertThat(s.name()).isEqualTo("eu-1");
      assertThat(s.region()).isEqualTo("eu");
      assertThat(s.taints()).extracting(Taint::key).containsExactly("gpu");
      assertThat(s.ready()).isTrue();
      assertThat(s.servesApi("apps/v1", "Deployment")).isTrue();
      m.client().close();
    }
  }

  @Test
  void resilienceRejectsNonsense() {
    assertThatThrownBy(() -> Resilience.defaults().timeout(java.time.Duration.ZERO).retries(-1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("resilience.timeout: was PT0S, must be a positive duration");
    assertThatThrownBy(() -> Resilience.defaults().retries(-1))
        .hasMessageContaining("resilience.retries: was -1, must be between 0 and 20");
  }
}
