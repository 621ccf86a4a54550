package dev.kurator.core;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable view of one member cluster at one moment, everything a pure engine (placement, policy) needs and
 * nothing that does I/O: the counterpart of Karmada's {@code Cluster} object.
 *
 * @param name                    member name (DNS-1123)
 * @param labels                  cluster labels
 * @param taints                  cluster taints, as Karmada's {@code spec.taints}
 * @param provider                cloud provider ({@code spec.provider}), empty when unknown
 * @param region                  region ({@code spec.region}), empty when unknown
 * @param zones                   zones ({@code spec.zones}), empty when unknown
 * @param apiEnablements          group-version (e.g. {@code apps/v1}, {@code v1}) to the kinds served under it
 * @param apiEnablementsComplete  whether {@code apiEnablements} is the full list (Karmada's
 *                                {@code CompleteAPIEnablements} condition)
 * @param ready                   whether the cluster was ready when the snapshot was taken
 * @param resourceSummary         allocatable/allocated resources, null when unknown
 * @param resourceModels          the cluster's resource-model grades, ascending; empty when none
 */
public record ClusterSnapshot(
    String name,
    Map<String, String> labels,
    List<Taint> taints,
    String provider,
    String region,
    List<String> zones,
    Map<String, Set<String>> apiEnablements,
    boolean apiEnablementsComplete,
    boolean ready,
    ResourceSummary resourceSummary,
    List<ResourceSummary.ResourceModel> resourceModels) {

  /** Label keys from which {@link #builder(String)} derives provider, region and zone when they are not set. */
  public static final String PROVIDER_LABEL = "provider";
  public static final String REGION_LABEL = "region";
  public static final String ZONE_LABEL = "zone";
  public static final String TOPOLOGY_REGION_LABEL = "topology.kubernetes.io/region";
  public static final String TOPOLOGY_ZONE_LABEL = "topology.kubernetes.io/zone";

  public ClusterSnapshot {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    taints = List.copyOf(Objects.requireNonNull(taints, "taints"));
    provider = provider == null ? "" : provider;
    region = region == null ? "" : region;
    zones = List.copyOf(Objects.requireNonNull(zones, "zones"));
    Map<String, Set<String>> apis = new java.util.HashMap<>();
    Objects.requireNonNull(apiEnablements, "apiEnablements").forEach((gv, kinds) -> apis.put(gv, Set.copyOf(kinds)));
    apiEnablements = Map.copyOf(apis);
    resourceModels = List.copyOf(Objects.requireNonNull(resourceModels, "resourceModels"));
  }

  public Optional<ResourceSummary> summary() {
    return Optional.ofNullable(resourceSummary);
  }

  /** Whether the cluster serves {@code kind} under {@code groupVersion} (e.g. {@code apps/v1}, {@code Deployment}). */
  public boolean servesApi(String groupVersion, String kind) {
    Set<String> kinds = apiEnablements.get(groupVersion);
    return kinds != null && kinds.contains(kind);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.labels = labels;
    b.taints = taints;
    b.provider = provider;
    b.region = region;
    b.zones = zones;
    b.apiEnablements = apiEnablements;
    b.apiEnablementsComplete = apiEnablementsComplete;
    b.ready = ready;
    b.resourceSummary = resourceSummary;
    b.resourceModels = resourceModels;
    return b;
  }

  /** Builds a snapshot; provider, region and zones default from the labels of the same names. */
  public static final class Builder {
    private final String name;
    private Map<String, String> labels = Map.of();
    private List<Taint> taints = List.of();
    private String provider;
    private String region;
    private List<String> zones;
    private Map<String, Set<String>> apiEnablements = Map.of();
    private boolean apiEnablementsComplete;
    private boolean ready = true;
    private ResourceSummary resourceSummary;
    private List<ResourceSummary.ResourceModel> resourceModels = List.of();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder labels(Map<String, String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder taints(List<Taint> taints) {
      this.taints = taints;
      return this;
    }

    public Builder provider(String provider) {
      this.provider = provider;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder zones(List<String> zones) {
      this.zones = zones;
      return this;
    }

    public Builder apiEnablements(Map<String, Set<String>> apiEnablements, boolean complete) {
      this.apiEnablements = apiEnablements;
      this.apiEnablementsComplete = complete;
      return this;
    }

    public Builder ready(boolean ready) {
      this.ready = ready;
      return this;
    }

    public Builder resourceSummary(ResourceSummary resourceSummary) {
      this.resourceSummary = resourceSummary;
      return this;
    }

    public Builder resourceModels(List<ResourceSummary.ResourceModel> resourceModels) {
      this.resourceModels = resourceModels;
      return this;
    }

    public ClusterSnapshot build() {
      String p = provider != null ? provider : labels.getOrDefault(PROVIDER_LABEL, "");
      String r = region != null ? region
          : labels.getOrDefault(REGION_LABEL, labels.getOrDefault(TOPOLOGY_REGION_LABEL, ""));
      List<String> z = zones;
      if (z == null) {
        String zone = labels.getOrDefault(ZONE_LABEL, labels.getOrDefault(TOPOLOGY_ZONE_LABEL, ""));
        z = zone.isEmpty() ? List.of() : List.of(zone);
      }
      return new ClusterSnapshot(name, labels, taints, p, r, z, apiEnablements, apiEnablementsComplete, ready,
          resourceSummary, resourceModels);
    }
  }
}
