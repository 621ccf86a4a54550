package dev.kurator.telemetry;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Prometheus HTTP endpoints of one member cluster. Several endpoints make an HA group: they are replicas of one
 * another, and their answers are deduplicated.
 *
 * @param cluster   the member cluster's name; becomes the value of the cluster label on every series
 * @param labels    the cluster's labels, used to select clusters for a query (e.g. {@code region=eu})
 * @param endpoints base URIs of the cluster's Prometheus replicas, at least one, in preference order
 */
public record ClusterEndpoints(String cluster, Map<String, String> labels, List<URI> endpoints) {

  public ClusterEndpoints {
    Objects.requireNonNull(cluster, "cluster");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
  }

  /** A cluster with labels and one or more endpoints. */
  public static ClusterEndpoints of(String cluster, Map<String, String> labels, URI... endpoints) {
    return new ClusterEndpoints(cluster, labels, List.of(endpoints));
  }

  /** A cluster without labels. */
  public static ClusterEndpoints of(String cluster, URI... endpoints) {
    return of(cluster, Map.of(), endpoints);
  }

  @Override
  public String toString() {
    // Endpoint URIs may carry credentials: show host and path only.
    return "ClusterEndpoints[cluster=" + cluster + ", labels=" + labels + ", endpoints="
        + endpoints.stream().map(dev.kurator.telemetry.internal.HttpPrometheusApi::redact).toList() + "]";
  }
}
