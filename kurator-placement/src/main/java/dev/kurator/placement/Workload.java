package dev.kurator.placement;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What is being placed: the resource template's identity, its replica count and per-replica resource requests
 * (Karmada's {@code ResourceBindingSpec.resource}, {@code replicas} and {@code replicaRequirements}), plus the
 * SDK's compliance constraint.
 *
 * @param apiVersion      e.g. {@code apps/v1}
 * @param kind            e.g. {@code Deployment}
 * @param namespace       namespace, empty for cluster-scoped resources
 * @param name            resource name
 * @param uid             resource UID; seeds the replica tie-break (empty: name-ascending tie-break)
 * @param labels          resource labels (used to pick a propagation policy)
 * @param replicas        desired replicas; 0 for resources that are not workloads
 * @param requests        per-replica resource requests ({@code cpu}, {@code memory}, ...), null when unknown
 * @param complianceZones allowed values of the {@code kurator.dev/compliance-zone} cluster label; empty: no
 *                        constraint
 */
public record Workload(String apiVersion, String kind, String namespace, String name, String uid,
    Map<String, String> labels, int replicas, Map<String, Quantity> requests, Set<String> complianceZones) {

  public Workload {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(kind, "kind");
    namespace = namespace == null ? "" : namespace;
    Objects.requireNonNull(name, "name");
    uid = uid == null ? "" : uid;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    requests = requests == null ? null : Map.copyOf(requests);
    complianceZones = complianceZones == null ? Set.of() : Set.copyOf(complianceZones);
    if (replicas < 0) {
      throw dev.kurator.core.ValidationException.of("workload.replicas", replicas, "must be >= 0");
    }
  }

  /** Whether the resource is a workload (has replicas or replica requirements), as Karmada decides. */
  public boolean isWorkload() {
    return replicas > 0 || requests != null;
  }

  /** The {@code group/version} part used for API enablement checks (same as {@link #apiVersion()}). */
  public String groupVersion() {
    return apiVersion;
  }

  public static Builder builder(String apiVersion, String kind, String namespace, String name) {
    return new Builder(apiVersion, kind, namespace, name);
  }

  /** A {@code apps/v1 Deployment} builder. */
  public static Builder deployment(String namespace, String name) {
    return new Builder("apps/v1", "Deployment", namespace, name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(apiVersion, kind, namespace, name);
    b.uid = uid;
    b.labels = labels;
    b.replicas = replicas;
    b.requests = requests;
    b.complianceZones = complianceZones;
    return b;
  }

  /** Builds a {@link Workload}. */
  public static final class Builder {
    private final String apiVersion;
    private final String kind;
    private final String namespace;
    private final String name;
    private String uid = "";
    private Map<String, String> labels = Map.of();
    private int replicas;
    private Map<String, Quantity> requests;
    private Set<String> complianceZones = Set.of();

    private Builder(String apiVersion, String kind, String namespace, String name) {
      this.apiVersion = apiVersion;
      this.kind = kind;
      this.namespace = namespace;
      this.name = name;
    }

    public Builder uid(String uid) {
      this.uid = uid;
      return this;
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /** Per-replica requests, e.g. {@code Map.of("cpu", "500m", "memory", "1Gi")}. */
    public Builder requests(Map<String, String> requests) {
      Map<String, Quantity> q = new HashMap<>();
      requests.forEach((k, v) -> q.put(k, new Quantity(v)));
      this.requests = q;
      return this;
    }

    /** Allowed compliance zones (values of the {@code kurator.dev/compliance-zone} cluster label). */
    public Builder complianceZones(String... zones) {
      this.complianceZones = Set.of(zones);
      return this;
    }

    public Workload build() {
      return new Workload(apiVersion, kind, namespace, name, uid, labels, replicas, requests, complianceZones);
    }
  }
}
