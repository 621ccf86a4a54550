package dev.kurator.benchmarks.placement;

import dev.kurator.core.Assignment;
import dev.kurator.core.ClusterSnapshot;
import dev.kurator.core.ResourceSummary;
import dev.kurator.placement.Decision;
import dev.kurator.placement.Placement;
import dev.kurator.placement.ReplicaScheduling;
import dev.kurator.placement.Scheduler;
import dev.kurator.placement.SpreadConstraint;
import dev.kurator.placement.SpreadField;
import dev.kurator.placement.Workload;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One scheduling decision of a Divided/dynamic-weight Deployment (30 replicas, 500m CPU and 1Gi each) with a region
 * spread constraint (2-3 regions, 3-6 clusters) over a fleet of {@code clusters} member clusters in 20 regions, each
 * with a resource summary, labels, an API list and a few taints. Throughput mode gives decisions per second on one
 * thread; sample-time mode gives the latency distribution (p99 in the JMH output).
 *
 * <p>The fleet snapshot is built once, as a host takes one snapshot and schedules many workloads against it;
 * explanations are lazy and not rendered.
 */
@State(Scope.Benchmark)
@Threads(1)
public class SchedulerBenchmark {

  @Param({"100", "1000", "5000"})
  public int clusters;

  private Scheduler scheduler;
  private List<ClusterSnapshot> fleet;
  private Placement placement;
  private Workload workload;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    fleet = new ArrayList<>(clusters);
    for (int i = 0; i < clusters; i++) {
      String region = "region-" + (i % 20);
      int cpus = 16 + random.nextInt(240);
      fleet.add(ClusterSnapshot.builder(String.format("member-%05d", i))
          .labels(Map.of("env", "prod", "team", "t" + (i % 7)))
          .provider(i % 2 == 0 ? "aws" : "gcp").region(region).zones(List.of(region + "-a", region + "-b"))
          .taints(i % 10 == 0 ? List.of(new dev.kurator.core.Taint("dedicated", "gpu",
              dev.kurator.core.TaintEffect.NO_SCHEDULE)) : List.of())
          .apiEnablements(Map.of("apps/v1", Set.of("Deployment", "StatefulSet"), "v1", Set.of("ConfigMap")), true)
          .resourceSummary(new ResourceSummary(
              Map.of("cpu", new Quantity(String.valueOf(cpus)), "memory", new Quantity(cpus * 4 + "Gi"),
                  "pods", new Quantity("1100")),
              Map.of(),
              Map.of("cpu", new Quantity(String.valueOf(random.nextInt(cpus / 2))), "pods", new Quantity("100"))))
          .build());
    }
    fleet = List.copyOf(fleet);
    placement = Placement.builder()
        .spread(SpreadConstraint.byField(SpreadField.REGION, 2, 3))
        .spread(SpreadConstraint.byField(SpreadField.CLUSTER, 3, 6))
        .replicaScheduling(ReplicaScheduling.dividedDynamic())
        .build();
    workload = Workload.deployment("shop", "checkout").uid("d43fdeeb-d750-4e2b-bee3-64eb94534f4c").replicas(30)
        .requests(Map.of("cpu", "500m", "memory", "1Gi")).build();
    scheduler = Scheduler.withDefaults();
    Decision check = scheduler.schedule(workload, placement, fleet, Assignment.none());
    if (!check.succeeded() || check.assignment().totalReplicas() != 30) {
      throw new IllegalStateException("benchmark workload does not schedule: " + check.message());
    }
  }

  /** Decisions per second; the assignment is returned so that it is not optimised away. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public Assignment decisionsPerSecond() {
    return scheduler.schedule(workload, placement, fleet, Assignment.none()).assignment();
  }

  /** Latency of one decision, sampled (JMH reports p50, p90, p99, ...). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Assignment decisionLatency() {
    return scheduler.schedule(workload, placement, fleet, Assignment.none()).assignment();
  }
}
