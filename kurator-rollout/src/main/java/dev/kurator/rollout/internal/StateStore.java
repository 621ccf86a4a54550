package dev.kurator.rollout.internal;

import dev.kurator.rollout.CanaryPhase;
import dev.kurator.rollout.CanaryState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a canary's state in a ConfigMap {@code <canary>-kurator-rollout} in the canary's namespace, so that a host
 * that restarts resumes from the last persisted transition.
 */
public final class StateStore {

  /** Label set on every state ConfigMap. */
  public static final String LABEL = "rollout.kurator.dev/state";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  public StateStore(KubernetesClient client, String namespace, String canary) {
    this.client = client;
    this.namespace = namespace;
    this.name = canary + "-kurator-rollout";
  }

  /** The persisted state, if any. */
  public Optional<CanaryState> load() {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    if (cm == null || cm.getData() == null || !cm.getData().containsKey("phase")) {
      return Optional.empty();
    }
    Map<String, String> d = cm.getData();
    return Optional.of(new CanaryState(CanaryPhase.ofFlaggerName(d.get("phase")), i(d, "canaryWeight"),
        i(d, "iterations"), i(d, "failedChecks"), i(d, "primaryRoute"), i(d, "canaryRoute"),
        Boolean.parseBoolean(d.get("mirrored")), d.getOrDefault("lastAppliedSpec", ""),
        d.getOrDefault("lastPromotedSpec", ""), Instant.parse(d.get("lastTransitionTime"))));
  }

  /** An extra persisted value (e.g. the previous primary template), if any. */
  public Optional<String> extra(String key) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    return cm == null || cm.getData() == null ? Optional.empty() : Optional.ofNullable(cm.getData().get("x-" + key));
  }

  /** Persists {@code state}, plus extra values (null values remove the key). */
  public void save(CanaryState state, Map<String, String> extras) {
    Map<String, String> d = new LinkedHashMap<>();
    ConfigMap existing = client.configMaps().inNamespace(namespace).withName(name).get();
    if (existing != null && existing.getData() != null) {
      existing.getData().forEach((k, v) -> {
        if (k.startsWith("x-")) {
          d.put(k, v);
        }
      });
    }
    d.put("phase", state.phase().flaggerName());
    d.put("canaryWeight", Integer.toString(state.canaryWeight()));
    d.put("iterations", Integer.toString(state.iterations()));
    d.put("failedChecks", Integer.toString(state.failedChecks()));
    d.put("primaryRoute", Integer.toString(state.primaryRoute()));
    d.put("canaryRoute", Integer.toString(state.canaryRoute()));
    d.put("mirrored", Boolean.toString(state.mirrored()));
    d.put("lastAppliedSpec", state.lastAppliedSpec());
    d.put("lastPromotedSpec", state.lastPromotedSpec());
    d.put("lastTransitionTime", state.lastTransitionTime().toString());
    extras.forEach((k, v) -> {
      if (v == null) {
        d.remove("x-" + k);
      } else {
        d.put("x-" + k, v);
      }
    });
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace)
        .addToLabels(LABEL, "true").endMetadata().withData(d).build();
    client.configMaps().inNamespace(namespace).resource(cm).createOr(op -> op.update());
  }

  private static int i(Map<String, String> d, String k) {
    return Integer.parseInt(d.getOrDefault(k, "0"));
  }
}
