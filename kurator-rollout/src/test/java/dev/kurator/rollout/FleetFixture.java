package dev.kurator.rollout;

import dev.kurator.testing.ManualClock;
import dev.kurator.testing.EmbeddedFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@code podinfo} Deployment on every member of an embedded fleet, and the moves fleet-rollout tests make. */
final class FleetFixture {

  private final EmbeddedFleet embedded;
  private final String ns;
  private final ManualClock clock;
  private final List<MockCluster> clusters = new ArrayList<>();

  private FleetFixture(EmbeddedFleet embedded, String ns, ManualClock clock) {
    this.embedded = embedded;
    this.ns = ns;
    this.clock = clock;
  }

  /** Deploys {@code podinfo:1.0} (2 replicas) in {@code ns} on every member and lets it become ready. */
  static FleetFixture deploy(EmbeddedFleet embedded, String ns, ManualClock clock) {
    FleetFixture f = new FleetFixture(embedded, ns, clock);
    for (String name : embedded.names()) {
      MockCluster c = new MockCluster(name, embedded.cluster(name).client());
      c.deploy(ns, "podinfo", "podinfo:1.0", 2);
      c.settle(ns);
      f.clusters.add(c);
    }
    return f;
  }

  List<MockCluster> clusters() {
    return clusters;
  }

  /** One minute later, one fleet tick; then the reachable clusters' workloads settle. */
  FleetStatus tick(FleetRollout r) {
    clock.advance(Duration.ofMinutes(1));
    FleetStatus s = r.tick();
    clusters.stream().filter(c -> embedded.cluster(c.name).isReachable()).forEach(c -> c.settle(ns));
    return s;
  }

  /** Ticks until the fleet rollout succeeded or failed, at most {@code max} times. */
  FleetStatus tickUntilDone(FleetRollout r, int max) {
    FleetStatus s = null;
    for (int i = 0; i < max; i++) {
      s = tick(r);
      if (s.phase() == FleetStatus.Phase.SUCCEEDED || s.phase() == FleetStatus.Phase.FAILED) {
        return s;
      }
    }
    return s;
  }

  /** A new revision of the target on every cluster. */
  void newRevision() {
    clusters.forEach(c -> c.setImage(ns, "podinfo", "podinfo:2.0"));
  }

  /** The primary's image per cluster, in fleet order. */
  List<String> primaryImages() {
    return clusters.stream().map(c -> c.image(ns, "podinfo-primary")).toList();
  }
}
