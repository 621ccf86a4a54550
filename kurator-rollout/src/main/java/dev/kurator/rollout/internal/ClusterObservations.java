package dev.kurator.rollout.internal;

import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanarySpec;
import dev.kurator.rollout.MetricCheck;
import dev.kurator.rollout.MetricSample;
import dev.kurator.rollout.MetricValue;
import dev.kurator.rollout.Observations;
import dev.kurator.rollout.Readiness;
import dev.kurator.rollout.Webhook;
import dev.kurator.rollout.spi.MetricProvider;
import dev.kurator.rollout.spi.MetricQuery;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Answers the canary machine's questions from one cluster, the metric provider and the webhooks. */
public final class ClusterObservations implements Observations {

  private static final Logger log = LoggerFactory.getLogger(ClusterObservations.class);

  private final String cluster;
  private final CanarySpec spec;
  private final Workloads workloads;
  private final MetricProvider metrics;
  private final HttpWebhooks webhooks;
  private final Instant now;
  private Deployment target;
  private String hash;

  public ClusterObservations(String cluster, CanarySpec spec, Workloads workloads, MetricProvider metrics,
                             HttpWebhooks webhooks, Instant now) {
    this.cluster = cluster;
    this.spec = spec;
    this.workloads = workloads;
    this.metrics = metrics;
    this.webhooks = webhooks;
    this.now = now;
  }

  @Override
  public String targetHash() {
    if (hash == null) {
      target = workloads.target();
      if (target == null) {
        throw new dev.kurator.core.KuratorException("target Deployment " + spec.namespace() + "/"
            + spec.targetRef().name() + " not found on cluster " + cluster);
      }
      hash = SpecHash.of(target.getSpec().getTemplate());
    }
    return hash;
  }

  @Override
  public Readiness canaryReadiness() {
    return DeploymentReadiness.of(workloads.target(), 100, spec.progressDeadlineSeconds(), now, false);
  }

  @Override
  public Readiness primaryReadiness() {
    return DeploymentReadiness.of(workloads.primary(), 100, spec.progressDeadlineSeconds(), now, true);
  }

  @Override
  public boolean callWebhook(Webhook hook, CanaryPhase phase) {
    return webhooks.call(hook, spec, phase, targetHash());
  }

  @Override
  public MetricSample sampleMetrics(List<MetricCheck> checks) {
    Map<String, MetricValue> values = new LinkedHashMap<>();
    for (MetricCheck m : checks) {
      MetricValue v;
      try {
        v = metrics.query(new MetricQuery(cluster, spec, m));
      } catch (RuntimeException e) {
        log.warn("metric {} of canary {}.{} on cluster {} failed: {}", m.name(), spec.name(), spec.namespace(),
            cluster, e.toString());
        v = new MetricValue.Error(e.toString());
      }
      values.put(m.name(), v == null ? MetricValue.noValues() : v);
    }
    return MetricSample.of(values);
  }
}
