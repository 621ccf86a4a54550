package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HostOwnershipTest {

  @RegisterExtension
  final EmbeddedFleetExtension embedded = EmbeddedFleetExtension.of(3);

  @Test
  void runsOnTheHostExecutorAndLeavesItAndTheClientsOpen() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    ExecutorService host = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "host-worker-" + threads.size());
      threads.add(t.getName());
      return t;
    });
    try {
      Fleet fleet = Fleet.builder("hosted").members(embedded.get().members()).executor(host).build();
      FleetResult<Deployment> r = fleet.apply(Deployments.web(1)).onAllClusters();
      fleet.close();

      assertThat(r).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
      assertThat(threads).isNotEmpty().allMatch(n -> n.startsWith("host-worker-"));
      assertThat(host.isShutdown()).as("the host's executor stays the host's").isFalse();
      assertThat(embedded.get()).as("the host's clients still work").resource(Deployments.web(1))
          .existsEverywhere();
    } finally {
      host.shutdownNow();
    }
  }
}
