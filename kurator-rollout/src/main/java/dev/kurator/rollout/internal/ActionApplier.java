package dev.kurator.rollout.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kurator.core.KuratorException;
import dev.kurator.rollout.Action;
import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.HookType;
import dev.kurator.rollout.Webhook;
import dev.kurator.rollout.spi.TrafficRouter;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies machine {@link Action}s to one cluster; shared by the Flagger and the Argo drivers. */
public final class ActionApplier {

  private static final Logger log = LoggerFactory.getLogger(ActionApplier.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Key under which the primary's template before the last promotion is kept. */
  public static final String PREVIOUS_PRIMARY = "previousPrimaryTemplate";

  private final String cluster;
  private final KubernetesClient client;
  private final CanarySpec spec;
  private final TrafficRouter router;
  private final HttpWebhooks webhooks;
  private final Workloads workloads;

  public ActionApplier(String cluster, KubernetesClient client, CanarySpec spec, TrafficRouter router,
                       HttpWebhooks webhooks) {
    this.cluster = cluster;
    this.client = client;
    this.spec = spec;
    this.router = router;
    this.webhooks = webhooks;
    this.workloads = new Workloads(client, spec);
  }

  /** The workload operations. */
  public Workloads workloads() {
    return workloads;
  }

  /**
   * Applies {@code action}.
   *
   * @param phase the phase to send to notified hooks
   * @param checksum the revision to send to notified hooks
   * @param saved reads a previously persisted extra value
   * @param extras collects extra values to persist with the state
   * @throws KuratorException when the cluster refuses the action
   */
  public void apply(Action action, CanaryPhase phase, String checksum, Function<String, Optional<String>> saved,
                    Map<String, String> extras) {
    try {
      if (action instanceof Action.InitializePrimary) {
        workloads.initializePrimary();
      } else if (action instanceof Action.ScaleCanaryToZero) {
        workloads.scaleTarget(0);
      } else if (action instanceof Action.ScaleCanaryUp) {
        workloads.scaleTarget(workloads.canaryReplicas());
      } else if (action instanceof Action.PromoteCanary) {
        PodTemplateSpec previous = workloads.promote();
        extras.put(PREVIOUS_PRIMARY, JSON.writeValueAsString(previous));
      } else if (action instanceof Action.RestorePreviousPrimary) {
        Optional<String> template = saved.apply(PREVIOUS_PRIMARY);
        if (template.isEmpty()) {
          log.warn("canary {}.{} on cluster {}: no previous primary template to restore", spec.name(),
              spec.namespace(), cluster);
        } else {
          workloads.restorePrimary(JSON.readValue(template.get(), PodTemplateSpec.class));
        }
      } else if (action instanceof Action.SetRoutes r) {
        router.setRoutes(client, spec, r.primary(), r.canary(), r.mirrored());
      } else if (action instanceof Action.ScaleReplicas r) {
        workloads.scaleTarget(r.canary());
        workloads.scalePrimary(r.stable());
      } else if (action instanceof Action.NotifyHooks n) {
        for (Webhook hook : spec.analysis().hooks(n.type())) {
          webhooks.call(hook, spec, n.phase(), checksum);
        }
      } else if (action instanceof Action.RecordEvent e) {
        if (e.warning()) {
          log.warn("cluster {}: {}", cluster, e.message());
        } else {
          log.info("cluster {}: {}", cluster, e.message());
        }
        for (Webhook hook : spec.analysis().hooks(HookType.EVENT)) {
          webhooks.call(hook, spec, phase, checksum);
        }
      } else if (action instanceof Action.RevertTarget) {
        workloads.revertTarget();
      }
    } catch (JsonProcessingException e) {
      throw new KuratorException("canary " + spec.name() + " on cluster " + cluster + ": bad saved template", e);
    } catch (KubernetesClientException e) {
      throw new KuratorException("canary " + spec.name() + " on cluster " + cluster + ": " + action + " failed", e);
    }
  }
}
