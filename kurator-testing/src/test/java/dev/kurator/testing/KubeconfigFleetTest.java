package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;

import dev.kurator.core.Fleet;
import dev.kurator.core.MemberCluster;
import dev.kurator.core.MemberClusters;
import dev.kurator.core.Outcome;
import dev.kurator.core.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFleetTest {

  private static String kubeconfig(List<EmbeddedCluster> clusters) {
    StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: Config\ncurrent-context: " + clusters.get(0).name()
        + "\nclusters:\n");
    clusters.forEach(c -> sb.append("- name: ").append(c.name()).append("\n  cluster:\n    server: ")
        .append(c.url()).append("\n"));
    sb.append("users:\n- name: admin\n  user:\n    token: not-checked-by-the-mock\ncontexts:\n");
    clusters.forEach(c -> sb.append("- name: ").append(c.name()).append("\n  context:\n    cluster: ")
        .append(c.name()).append("\n    user: admin\n    namespace: default\n"));
    return sb.toString();
  }

  @Test
  void credentialsStayOutOfResultsMessagesAndToString(@TempDir Path dir) throws Exception {
    try (EmbeddedFleet embedded = EmbeddedFleet.start(1)) {
      EmbeddedCluster c = embedded.cluster("cluster-0");
      String secret = "s3cr3t-t0ken-value";
      Path file = Files.writeString(dir.resolve("config"), kubeconfig(List.of(c)).replace("not-checked-by-the-mock",
          secret));
      List<MemberCluster> members = MemberClusters.fromKubeconfig(file);
      try (Fleet fleet = Fleet.builder("secretive").members(members)
          .resilience(dev.kurator.core.Resilience.defaults().retries(0)).build()) {
        c.failNext(null, 500, 1);
        dev.kurator.core.FleetResult<io.fabric8.kubernetes.api.model.apps.Deployment> r =
            fleet.apply(Deployments.web(1)).onAllClusters();
        c.makeUnreachable();
        String everything = r.toTable() + r.failures() + fleet + fleet.members() + fleet.health()
            + fleet.health().members();

        org.assertj.core.api.Assertions.assertThat(r.anyFailed()).isTrue();
        org.assertj.core.api.Assertions.assertThat(everything).contains("cluster-0").doesNotContain(secret);
      }
    }
  }

  @Test
  void fansOutOverMembersBuiltFromContextsOfTwoMergedKubeconfigs(@TempDir Path dir) throws Exception {
    try (EmbeddedFleet embedded = EmbeddedFleet.start(4)) {
      List<EmbeddedCluster> all = embedded.clusters();
      Path eu = Files.writeString(dir.resolve("eu.yaml"), kubeconfig(all.subList(0, 2)));
      Path us = Files.writeString(dir.resolve("us.yaml"), kubeconfig(all.subList(2, 4)));

      List<MemberCluster> members = MemberClusters.fromKubeconfigs(List.of(eu, us), "cluster-0", "cluster-1",
          "cluster-3");
      try (Fleet fleet = Fleet.builder("from-kubeconfig")
          .members(members.stream().map(m -> m.withLabels(Map.of("region", m.name().equals("cluster-3") ? "us"
              : "eu"))).toList())
          .build()) {
        assertThat(fleet.apply(Deployments.web(2)).onClusters(Selector.labels("region in (eu,us)")))
            .hasNoFailures().allHaveOutcome(Outcome.Applied.class);

        assertThat(embedded.fleet()).resource(Deployments.web(2))
            .existsExactlyOn("cluster-0", "cluster-1", "cluster-3");
      }
    }
  }
}
