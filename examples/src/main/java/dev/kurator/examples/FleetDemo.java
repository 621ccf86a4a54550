package dev.kurator.examples;

import dev.kurator.core.Fleet;
import dev.kurator.core.FleetHealth;
import dev.kurator.core.FleetResult;
import dev.kurator.core.MemberHealth;
import dev.kurator.core.Selector;
import dev.kurator.testing.EmbeddedFleet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.PrintStream;

/**
 * Starts an embedded fleet of three in-process clusters, applies a Deployment to all of them, applies it again
 * (nothing changes), scales it in the EU only, and prints a table per step. Run with
 * {@code mvn -B -q install -DskipTests && mvn -B -q -pl examples exec:java}.
 */
public final class FleetDemo {

  private FleetDemo() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  static void run(PrintStream out) {
    try (EmbeddedFleet embedded = EmbeddedFleet.builder().fleetName("demo").members(3)
        .labels("region", "eu", "eu", "us").start()) {
      Fleet fleet = embedded.fleet();
      out.println("Embedded fleet \"" + fleet.name() + "\": " + fleet.memberNames());
      printHealth(out, fleet.health());

      Deployment web = web(2);
      section(out, "1. Apply Deployment shop/web (2 replicas) to every cluster");
      printResult(out, fleet.apply(web).onAllClusters());

      section(out, "2. Apply the same Deployment again: nothing to write");
      printResult(out, fleet.apply(web(2)).onAllClusters());

      section(out, "3. Scale to 4 replicas where region=eu");
      printResult(out, fleet.apply(web(4)).onClusters(Selector.labels("region=eu")));

      section(out, "4. What each cluster runs now");
      FleetResult<Deployment> now = fleet.get(web).onAllClusters();
      out.printf("%-10s  %-8s  %s%n", "CLUSTER", "REGION", "REPLICAS");
      for (String cluster : now.clusters()) {
        String replicas = now.value(cluster).map(d -> String.valueOf(d.getSpec().getReplicas())).orElse("-");
        String region = fleet.member(cluster).orElseThrow().labels().getOrDefault("region", "");
        out.printf("%-10s  %-8s  %s%n", cluster, region, replicas);
      }

      section(out, "5. cluster-2 goes down; apply again");
      embedded.cluster("cluster-2").makeUnreachable();
      FleetResult<Deployment> degraded = fleet.apply(web(3)).onAllClusters();
      printResult(out, degraded);
      degraded.failures().forEach((cluster, failure) -> out.println("  " + cluster + " failed: "
          + failure.reason()));
      printHealth(out, fleet.health());
    }
  }

  private static Deployment web(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withName("web").withNamespace("shop").addToLabels("app", "web").endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().addToMatchLabels("app", "web").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println(title);
  }

  private static void printResult(PrintStream out, FleetResult<?> result) {
    out.print(result.toTable());
  }

  private static void printHealth(PrintStream out, FleetHealth health) {
    out.println();
    out.println("Health: " + health);
    for (MemberHealth m : health.members()) {
      out.printf("  %-10s  %-11s  %5d ms  %s%n", m.cluster(), m.state(), m.latency().toMillis(),
          m.reason().isEmpty() ? "" : m.reason());
    }
  }
}
