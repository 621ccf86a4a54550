package dev.kurator.testing;

import static dev.kurator.testing.FleetAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kurator.core.FleetResult;
import dev.kurator.core.Outcome;
import dev.kurator.core.spi.AdmissionGate;
import dev.kurator.core.spi.AdmissionOperation;
import dev.kurator.core.spi.AdmissionRequest;
import dev.kurator.core.spi.AdmissionReview;
import dev.kurator.core.spi.RuleResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdmissionGateTest {

  @RegisterExtension
  final EmbeddedFleetExtension fleet = EmbeddedFleetExtension.of(3).labels("region", "eu", "eu", "us");

  private static AdmissionGate gate(String name, Function<AdmissionRequest, AdmissionReview> review) {
    return new AdmissionGate() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public AdmissionReview review(AdmissionRequest request) {
        return review.apply(request);
      }
    };
  }

  @Test
  void oneDenialAnywhereMeansNothingIsWrittenAnywhere() {
    List<AdmissionRequest> seen = new CopyOnWriteArrayList<>();
    AdmissionGate euOnly = gate("kyverno", req -> {
      seen.add(req);
      return "us".equals(req.clusterLabels().get("region"))
          ? AdmissionReview.deny(List.of(RuleResult.pass("residency", "has-owner"),
              RuleResult.fail("residency", "eu-only", "workloads must stay in the EU")))
          : AdmissionReview.allow(List.of(RuleResult.pass("residency", "eu-only")));
    });
    List<Integer> before = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(2)).through(euOnly).onAllClusters();
    List<Integer> after = fleet.embedded().clusters().stream().map(EmbeddedCluster::requestCount).toList();

    assertThat(seen).hasSize(3).allSatisfy(req -> {
      assertThat(req.operation()).isEqualTo(AdmissionOperation.CREATE);
      assertThat(req.object().getKind()).isEqualTo("Deployment");
      assertThat(req.oldObject()).isNull();
    });
    assertThat(r).failedExactlyOn("cluster-2")
        .hasOutcomeOn(Outcome.Denied.class, "cluster-2")
        .hasOutcomeOn(Outcome.Skipped.class, "cluster-0", "cluster-1");
    assertThat(r.outcome("cluster-2").describe())
        .isEqualTo("denied by kyverno: [residency/eu-only: fail (workloads must stay in the EU)]");
    assertThat(r.outcome("cluster-0").describe()).isEqualTo("skipped: not written: admission denied 1 variant(s) on "
        + "[cluster-2]");
    for (int i = 0; i < before.size(); i++) {
      assertThat(after.get(i) - before.get(i)).as("requests to cluster-%d: one read, no write", i).isEqualTo(1);
    }
    assertThat(fleet.get()).resource(Deployments.web(2)).existsExactlyOn();
  }

  @Test
  void allowedVariantsAreWrittenWithTheirMutationsAndUpdatesCarryTheOldObject() {
    AdmissionGate labeller = gate("labeller", req -> {
      GenericKubernetesResource mutated = req.object();
      mutated.getMetadata().getLabels().put("placed-on", req.cluster());
      return AdmissionReview.mutate(mutated, List.of());
    });

    FleetResult<Deployment> created = fleet.get().apply(Deployments.web(1)).through(labeller).onAllClusters();

    assertThat(created).hasNoFailures().allHaveOutcome(Outcome.Applied.class);
    assertThat(fleet.get()).resource(Deployments.web(1)).hasLabelOn("placed-on", "cluster-1", "cluster-1")
        .hasLabelOn("placed-on", "cluster-2", "cluster-2");

    List<AdmissionRequest> updates = new CopyOnWriteArrayList<>();
    FleetResult<Deployment> again = fleet.get().apply(Deployments.web(1)).through(labeller)
        .through(gate("recorder", req -> {
          updates.add(req);
          return AdmissionReview.allow();
        })).onAllClusters();

    assertThat(again).allHaveOutcome(Outcome.Unchanged.class);
    assertThat(updates).hasSize(3).allSatisfy(req -> {
      assertThat(req.operation()).isEqualTo(AdmissionOperation.UPDATE);
      assertThat(req.oldObject().getMetadata().getLabels()).containsEntry("placed-on", req.cluster());
      assertThat(req.object().getMetadata().getLabels()).as("the second gate sees the first one's mutation")
          .containsEntry("placed-on", req.cluster());
    });
  }

  @Test
  void deletesAreReviewedTooAndOneDenialKeepsEveryCopy() {
    fleet.get().apply(Deployments.web(1)).onClusters("cluster-0", "cluster-2").throwIfAnyFailed();
    List<AdmissionRequest> seen = new CopyOnWriteArrayList<>();
    AdmissionGate protectUs = gate("kyverno", req -> {
      seen.add(req);
      return "us".equals(req.clusterLabels().get("region"))
          ? AdmissionReview.deny(List.of(RuleResult.fail("protect", "no-delete", "deleting in us is not allowed")))
          : AdmissionReview.allow();
    });

    FleetResult<Deployment> denied = fleet.get().delete(Deployments.web(1)).through(protectUs).onAllClusters();

    assertThat(denied).hasOutcomeOn(Outcome.Denied.class, "cluster-2")
        .hasOutcomeOn(Outcome.Skipped.class, "cluster-0")
        .hasOutcomeOn(Outcome.NotFound.class, "cluster-1");
    assertThat(seen).extracting(AdmissionRequest::cluster).containsExactlyInAnyOrder("cluster-0", "cluster-2");
    assertThat(seen).allSatisfy(req -> {
      assertThat(req.operation()).isEqualTo(AdmissionOperation.DELETE);
      assertThat(req.oldObject().getMetadata().getName()).isEqualTo("web");
    });
    assertThat(fleet.get()).resource(Deployments.web(1)).existsExactlyOn("cluster-0", "cluster-2");

    FleetResult<Deployment> deleted = fleet.get().delete(Deployments.web(1)).through(protectUs)
        .onClusters(dev.kurator.core.Selector.labels("region=eu"));
    assertThat(deleted).hasOutcomeOn(Outcome.Deleted.class, "cluster-0")
        .hasOutcomeOn(Outcome.NotFound.class, "cluster-1");
    assertThat(fleet.get()).resource(Deployments.web(1)).existsExactlyOn("cluster-2");
  }

  @Test
  void aGateThatThrowsDeniesFailClosed() {
    AdmissionGate broken = gate("broken", req -> {
      throw new IllegalStateException("policy cache not loaded");
    });

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(1)).through(broken).onClusters("cluster-0");

    assertThat(r).hasOutcomeOn(Outcome.Denied.class, "cluster-0");
    Outcome.Denied<Deployment> denied = (Outcome.Denied<Deployment>) r.outcome("cluster-0");
    assertThat(denied.results()).singleElement().satisfies(rule -> {
      assertThat(rule.status()).isEqualTo(RuleResult.Status.ERROR);
      assertThat(rule.message()).contains("policy cache not loaded");
    });
    assertThat(fleet.get()).resource(Deployments.web(1)).existsExactlyOn();
  }

  @Test
  void anUnreachableClusterFailsWhileTheReviewedOthersAreWritten() {
    fleet.embedded().cluster("cluster-1").makeUnreachable();

    FleetResult<Deployment> r = fleet.get().apply(Deployments.web(1))
        .through(gate("allow-all", req -> AdmissionReview.allow())).onAllClusters();

    assertThat(r).failedExactlyOn("cluster-1").hasOutcomeOn(Outcome.Applied.class, "cluster-0", "cluster-2");
    assertThat(r.outcome("cluster-1").describe()).contains("ConnectException");
    fleet.embedded().cluster("cluster-1").heal();
    // The fleet's breaker for cluster-1 is open now, so look with the clusters' own clients.
    for (EmbeddedCluster c : fleet.embedded().clusters()) {
      assertThat(c.client().resource(Deployments.web(1)).get() != null).as("web on %s", c.name())
          .isEqualTo(!c.name().equals("cluster-1"));
    }
  }
}
