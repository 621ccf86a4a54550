package dev.kurator.benchmarks.core;

import dev.kurator.core.Fleet;
import dev.kurator.core.FleetResult;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Deployment applied to every cluster of an embedded fleet (50 in-process API servers by default), once with
 * the fleet's concurrent fan-out and once one cluster after another (the same code on a pool of one thread). Each
 * invocation changes the replica count, so every cluster sees a read and an update. The ratio of the two average
 * times is the speed-up of the fan-out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class FanOutBenchmark {

  /** Members of the embedded fleet. */
  @Param("50")
  public int clusters;

  /** Pool threads of the concurrent fleet. */
  @Param("16")
  public int parallelism;

  private EmbeddedFleet embedded;
  private Fleet concurrent;
  private Fleet sequential;
  private int replicas;

  @Setup(Level.Trial)
  public void start() {
    embedded = EmbeddedFleet.builder().members(clusters).parallelism(parallelism).start();
    concurrent = embedded.fleet();
    sequential = Fleet.builder("sequential").members(concurrent.members()).parallelism(1).build();
    concurrent.apply(deployment(1)).onAllClusters().throwIfAnyFailed();
  }

  @TearDown(Level.Trial)
  public void stop() {
    sequential.close();
    embedded.close();
  }

  private Deployment next() {
    replicas = replicas % 9 + 1;
    return deployment(replicas);
  }

  static Deployment deployment(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  /** All clusters at once, on the fleet's bounded pool. */
  @Benchmark
  public FleetResult<Deployment> concurrentFanOut() {
    return concurrent.apply(next()).onAllClusters().throwIfAnyFailed();
  }

  /** One cluster after another. */
  @Benchmark
  public FleetResult<Deployment> sequentialFanOut() {
    return sequential.apply(next()).onAllClusters().throwIfAnyFailed();
  }
}
