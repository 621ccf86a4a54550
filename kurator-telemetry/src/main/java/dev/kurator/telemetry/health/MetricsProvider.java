package dev.kurator.telemetry.health;

/**
 * Flagger's built-in metric queries ({@code pkg/metrics/observers}): {@code request-success-rate} (percent of
 * non-5xx requests) and {@code request-duration} (p99), with {@code {{ namespace }}}, {@code {{ target }}} and
 * {@code {{ interval }}} placeholders.
 */
public enum MetricsProvider {

  /** Flagger's {@code istio} observer: {@code istio_requests_total}, {@code istio_request_duration_milliseconds}. */
  ISTIO(
      "istio_requests_total{reporter=\"destination\",destination_workload_namespace=\"{{ namespace }}\","
          + "destination_workload=~\"{{ target }}\"",
      ",response_code!~\"5.*\"",
      "istio_request_duration_milliseconds_bucket{reporter=\"destination\","
          + "destination_workload_namespace=\"{{ namespace }}\",destination_workload=~\"{{ target }}\"}",
      1.0),

  /**
   * Flagger's {@code kubernetes} (plain Prometheus) observer: an application's own
   * {@code http_request_duration_seconds} histogram, pods matched by name.
   */
  PROMETHEUS(
      "http_request_duration_seconds_count{kubernetes_namespace=\"{{ namespace }}\","
          + "kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\"",
      ",status!~\"5.*\"",
      "http_request_duration_seconds_bucket{kubernetes_namespace=\"{{ namespace }}\","
          + "kubernetes_pod_name=~\"{{ target }}-[0-9a-zA-Z]+(-[0-9a-zA-Z]+)\"}",
      1000.0);

  private final String requestsOpen;
  private final String successMatcher;
  private final String durationBuckets;
  private final double toMillis;

  MetricsProvider(String requestsOpen, String successMatcher, String durationBuckets, double toMillis) {
    this.requestsOpen = requestsOpen;
    this.successMatcher = successMatcher;
    this.durationBuckets = durationBuckets;
    this.toMillis = toMillis;
  }

  /** Flagger's {@code request-success-rate} query, rendered. */
  public String successRateQuery(String namespace, String target, String interval) {
    return "sum(rate(" + render(requestsOpen + successMatcher + "}", namespace, target) + "[" + interval + "])) / "
        + "sum(rate(" + render(requestsOpen + "}", namespace, target) + "[" + interval + "])) * 100";
  }

  /** Flagger's {@code request-duration} query (p99), rendered; its unit is the histogram's. */
  public String durationQuery(String namespace, String target, String interval) {
    return "histogram_quantile(0.99, " + bucketRateQuery(namespace, target, interval) + ")";
  }

  /** The numerator of the success rate: {@code sum(rate(<non-5xx requests>[interval]))}. */
  public String successfulRequestsQuery(String namespace, String target, String interval) {
    return "sum(rate(" + render(requestsOpen + successMatcher + "}", namespace, target) + "[" + interval + "]))";
  }

  /** The denominator of the success rate: {@code sum(rate(<all requests>[interval]))}. */
  public String allRequestsQuery(String namespace, String target, String interval) {
    return "sum(rate(" + render(requestsOpen + "}", namespace, target) + "[" + interval + "]))";
  }

  /** The inner part of the duration query: {@code sum(rate(<buckets>[interval])) by (le)}. */
  public String bucketRateQuery(String namespace, String target, String interval) {
    return "sum(rate(" + render(durationBuckets, namespace, target) + "[" + interval + "])) by (le)";
  }

  /** Factor from the histogram's unit to milliseconds (Flagger converts the same way). */
  public double toMillis() {
    return toMillis;
  }

  private static String render(String template, String namespace, String target) {
    return template.replace("{{ namespace }}", namespace).replace("{{ target }}", target);
  }
}
